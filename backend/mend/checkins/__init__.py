"""Check-ins and the felt-safety trend."""
