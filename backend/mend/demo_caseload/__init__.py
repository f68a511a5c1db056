"""The demo caseload: five couples in different states, all seeing the same demo therapist."""
