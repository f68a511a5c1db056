"""The therapist's view: caseload, private notes, session-prep reports."""
