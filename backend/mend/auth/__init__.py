"""Accounts, passwords and server-side login sessions."""
