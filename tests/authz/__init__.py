"""The authorization matrix: every API route, for every kind of caller, against one table."""
