"""The session-prep report: what a member may see of a couple's record over a range of days."""
