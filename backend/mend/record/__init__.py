"""The tamper-evident ledger behind the trust record."""
