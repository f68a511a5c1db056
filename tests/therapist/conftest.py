"""Fixtures shared by the therapist tests: `story`, a couple with a few weeks of record."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from flask import Flask

from tests.builders import Couple
from tests.therapist.report_helpers import (
    CANARY_CHECK_NOTE,
    CANARY_DISCLOSURE,
    CANARY_PRIVATE_NOTE,
    CANARY_REVIEW_NOTE,
    Story,
    check,
    checkin_at,
    commit_to,
    days_ago,
    disclose,
    felt,
    review,
)


@pytest.fixture
def story(app: Flask, couple: Couple) -> Story:
    """Felt safety over the last days, a reviewed commitment, a disclosure; canaries hidden."""
    for offset, score in [(6, 3), (5, 4), (3, 6), (1, 7)]:
        felt(app, couple, days_ago(offset), score)
    felt(app, couple, days_ago(2), 5, note=CANARY_PRIVATE_NOTE, note_private=True)
    checkin_at(
        app,
        couple,
        couple.repairing,
        datetime.combine(days_ago(2), time(9), tzinfo=UTC),
        predicted_safety=6,
        note=CANARY_PRIVATE_NOTE,
        note_private=True,
    )
    commitment_id = commit_to(couple, "Share my phone openly", starts=days_ago(10))
    kept = check(couple, commitment_id, days_ago(4), "kept", note=CANARY_CHECK_NOTE)
    check(couple, commitment_id, days_ago(3), "partial")
    review(couple, commitment_id, kept, "disputed", note=CANARY_REVIEW_NOTE)
    disclosure_id = disclose(couple, "I hid messages", body=CANARY_DISCLOSURE)
    return Story(couple=couple, commitment_id=commitment_id, disclosure_id=disclosure_id)
