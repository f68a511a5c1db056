"""Who has chosen to share which of their data with whom."""
