"""Pacing: the hurt partner decides when new disclosures reach them."""
