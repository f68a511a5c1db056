"""Read models of disclosures: what one viewer may see, built in bulk, split by role."""
