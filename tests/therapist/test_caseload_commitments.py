"""The therapist's caseload: commitment reliability, disputes under the hurt
partner's grant, and reliability snapshots."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from mend.commitments import reliability
from mend.commitments.models import CommitmentStatusChange as Change
from mend.commitments.models import (
    ReliabilitySnapshot,
)
from mend.extensions import db
from tests.builders import (
    ApiClient,
)
from tests.therapist import caseload_helpers
from tests.therapist.caseload_helpers import (
    TODAY,
    add_commitment,
    add_reviews,
    couple_with,
    daily,
    only,
    share,
)

frozen_now = caseload_helpers.frozen_now  # autouse: the caseload's now is NOW
therapist = caseload_helpers.therapist


def test_commitment_reliability_of_the_active_commitments(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, repairing=["commitments"])
    steady = daily(range(1, 60))
    shaky = daily(range(1, 60, 2)) | daily(range(2, 60, 4), "partial")
    _, _ = add_commitment(app, couple, steady, title="Phone open")
    shaky_id, _ = add_commitment(app, couple, shaky, title="No contact with J.")
    add_commitment(app, couple, daily(range(1, 60), "missed"), title="Paused", status="paused")
    add_commitment(app, couple, {}, title="Withdrawn", status="withdrawn")
    add_commitment(app, couple, {}, title="Later", starts_on=TODAY + timedelta(days=3))
    expected = {
        name: reliability.compute(
            cadence="daily", starts_on=TODAY - timedelta(days=59), today=TODAY, checks=checks
        ).score
        for name, checks in (
            ("steady", {day: (o, False) for day, o in steady.items()}),
            ("shaky", {day: (o, False) for day, o in shaky.items()}),
        )
    }
    figures = only(therapist)["commitments"]
    assert figures["active_count"] == 2
    mean = (expected["steady"] + expected["shaky"]) / 2
    assert figures["reliability_overall"] == pytest.approx(mean, abs=0.001)
    assert figures["reliability_lowest"] == {
        "commitment_id": shaky_id,
        "title": "No contact with J.",
        "reliability": pytest.approx(expected["shaky"], abs=0.001),
    }
    assert figures["open_disputes"] is None  # the reviews are the hurt partner's to share


def test_weekly_commitment_counts_its_weeks(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, repairing=["commitments"])
    mondays = {TODAY - timedelta(days=2 + 7 * week): "kept" for week in range(1, 8)}
    add_commitment(app, couple, mondays, cadence="weekly", starts_on=TODAY - timedelta(days=58))
    checks = {day: ("kept", False) for day in mondays}
    expected = reliability.compute(
        cadence="weekly", starts_on=TODAY - timedelta(days=58), today=TODAY, checks=checks
    )
    assert only(therapist)["commitments"]["reliability_overall"] == pytest.approx(
        expected.score, abs=0.001
    )


def test_long_history_gives_the_reliability_of_the_whole_history(
    app: Flask, therapist: ApiClient
) -> None:
    couple = couple_with(app, therapist, hurt=["commitments"], repairing=["commitments"])
    starts_on = TODAY - timedelta(days=400)
    pattern = ("kept", "kept", "partial", "kept", "missed", "kept", "kept")
    outcomes = {starts_on + timedelta(days=d): pattern[d % 7] for d in range(400) if d % 11}
    commitment_id, checks = add_commitment(app, couple, outcomes, starts_on=starts_on)
    disputed_day = TODAY - timedelta(days=5)
    assert outcomes[disputed_day] == "kept"
    add_reviews(app, couple, checks[disputed_day], "disputed")
    pause = [(TODAY - timedelta(days=120), "paused"), (TODAY - timedelta(days=100), "active")]
    with app.app_context():
        db.session.add_all(
            Change(
                commitment_id=commitment_id,
                author_id=couple.repairing.id,
                status=status,
                reason="A hard month.",
                effective_on=day,
            )
            for day, status in pause
        )
        db.session.commit()
    whole = reliability.compute(
        cadence="daily",
        starts_on=starts_on,
        today=TODAY,
        checks={day: (o, day == disputed_day) for day, o in outcomes.items()},
        status_changes=pause,
    )
    figures = only(therapist)["commitments"]
    assert figures["reliability_overall"] == pytest.approx(whole.score, abs=0.001)
    assert figures["open_disputes"] == 1


def test_disputes_count_only_with_the_hurt_partners_own_grant(
    app: Flask, therapist: ApiClient
) -> None:
    couple = couple_with(app, therapist, repairing=["commitments"])
    _, checks = add_commitment(app, couple, daily(range(1, 30)), title="Phone open")
    add_reviews(app, couple, checks[TODAY - timedelta(days=2)], "confirmed", "disputed")
    add_reviews(app, couple, checks[TODAY - timedelta(days=5)], "disputed", "confirmed")
    hidden = only(therapist)
    assert hidden["commitments"]["open_disputes"] is None
    assert hidden["alerts"] == []
    share(couple, couple.hurt, therapist, "commitments")
    shown = only(therapist)
    assert shown["commitments"]["open_disputes"] == 1
    assert shown["alerts"] == [
        {
            "kind": "disputed_check",
            "message": "A commitment check is disputed and still open "
            "(\u201cPhone open\u201d, 3 March 2025).",
        }
    ]
    # a disputed check counts as partial at most, for those who may see the dispute
    overall = shown["commitments"]["reliability_overall"]
    assert overall < hidden["commitments"]["reliability_overall"]


def test_hurt_partners_grant_alone_shows_no_commitments(app: Flask, therapist: ApiClient) -> None:
    couple = couple_with(app, therapist, hurt=["commitments"])
    _, checks = add_commitment(app, couple, daily(range(1, 30)))
    add_reviews(app, couple, checks[TODAY - timedelta(days=2)], "disputed")
    item = only(therapist)
    assert item["commitments"] is None
    assert item["alerts"] == []
    assert item["nothing_shared"] is False


def test_a_commitment_without_a_snapshot_gets_one_on_first_read(
    app: Flask, therapist: ApiClient
) -> None:
    couple = couple_with(app, therapist, hurt=["commitments"], repairing=["commitments"])
    commitment_id, checks = add_commitment(app, couple, daily(range(1, 40)))
    add_reviews(app, couple, checks[TODAY - timedelta(days=4)], "disputed")
    with app.app_context():
        assert db.session.get(ReliabilitySnapshot, commitment_id) is None
    first = only(therapist)["commitments"]
    with app.app_context():
        stored = db.session.get(ReliabilitySnapshot, commitment_id)
        assert stored is not None
        assert stored.disputes == [[str(TODAY - timedelta(days=4)), couple.hurt.id]]
    assert only(therapist)["commitments"] == first
    assert first["open_disputes"] == 1
