"""Measurement-based care: validated questionnaires, their series and reliable change."""
