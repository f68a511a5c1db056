"""The therapist's caseload: every couple they work with, most in need of attention first."""
