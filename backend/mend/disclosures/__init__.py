"""Disclosures, their open revisions, threads and acknowledgements."""
