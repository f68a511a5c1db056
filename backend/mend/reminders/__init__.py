"""Reminders: gentle, opt-in nudges in each person's own time, never carrying content."""
