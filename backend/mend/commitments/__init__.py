"""Commitments, their status history, periodic checks and reviews."""
