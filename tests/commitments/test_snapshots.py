"""Reliability snapshots stay equal to a walk of the whole history after every kind of write."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from flask import Flask

from mend import clock
from mend.commitments import reliability, snapshots
from mend.commitments.models import OUTCOMES, Commitment, ReliabilitySnapshot
from mend.extensions import db
from tests.builders import ApiClient, Couple
from tests.commitments.conftest import (
    NOW,
    TODAY,
    grant,
    make_commitment,
    path,
    report,
    review,
    set_status,
)

COLUMNS = snapshots.COLUMNS


def shown_to(api: ApiClient, couple: Couple, commitment_id: int) -> float:
    """The reliability the API shows this caller (a whole walk of the history)."""
    response = api.get(path(couple.space_id, commitment_id))
    assert response.status_code == 200, response.get_json()
    return response.get_json()["reliability"]


def stored_and_rebuilt(app: Flask, commitment_id: int) -> tuple[dict, dict]:
    """The stored snapshot and one built now from the whole history, as plain values."""
    with app.app_context():
        stored = db.session.get(ReliabilitySnapshot, commitment_id)
        assert stored is not None, "every write stores a snapshot"
        commitment = db.session.get(Commitment, commitment_id)
        rebuilt = snapshots.build([commitment])[commitment_id]
        return (
            {column: getattr(stored, column) for column in COLUMNS},
            {column: getattr(rebuilt, column) for column in COLUMNS},
        )


def resumed(app: Flask, commitment_id: int, *, today: date, counting_disputes: bool) -> float:
    """The score resumed from the stored snapshot, as the caseload works it out."""
    with app.app_context():
        stored = db.session.get(ReliabilitySnapshot, commitment_id)
        commitment = db.session.get(Commitment, commitment_id)
        changes = snapshots.by_commitment(
            snapshots.history_rows(
                snapshots.Change,
                [commitment_id],
                snapshots.Change.effective_on,
                snapshots.Change.status,
            )
        )[commitment_id]
        return reliability.compute(
            cadence=commitment.cadence,
            starts_on=commitment.starts_on,
            today=today,
            checks={},
            status_changes=[(c.effective_on, c.status) for c in changes],
            resume=snapshots.resume_point(stored, counting_disputes=counting_disputes),
        ).score


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("cadence", ["daily", "weekly", "ongoing"])
def test_every_write_leaves_the_snapshot_equal_to_the_whole_walk(
    app: Flask, couple: Couple, therapist: ApiClient, seed: int, cadence: str
) -> None:
    rng = random.Random(seed)
    sid = couple.space_id
    made = make_commitment(
        couple.repairing, sid, cadence=cadence, starts_on=str(TODAY - timedelta(days=60))
    )
    # the therapist sees the commitment, not the hurt partner's reviews
    grant(app, sid, couple.repairing, therapist)
    checks: list[int] = []
    status = "active"
    for _ in range(14):
        action = rng.choice(["report", "report", "report", "review", "status"])
        if action == "report":
            day = TODAY - timedelta(days=rng.randrange(0, 60))
            response = report(couple.repairing, sid, made["id"], day, rng.choice(OUTCOMES))
            assert response.status_code in (201, 409)  # 409: that period has its check already
            if response.status_code == 201:
                checks.append(response.get_json()["id"])
        elif action == "review" and checks:
            verdict = rng.choice(["confirmed", "disputed"])
            response = review(couple.hurt, sid, made["id"], rng.choice(checks), verdict)
            assert response.status_code == 201
        elif action == "status":
            status = "paused" if status == "active" else "active"
            assert set_status(couple.repairing, sid, made["id"], status).status_code == 200
        stored, rebuilt = stored_and_rebuilt(app, made["id"])
        assert stored == rebuilt  # the same walk of the same history, to the last bit
    for partner, counting in ((couple.hurt, True), (therapist, False)):
        shown = shown_to(partner, couple, made["id"])
        assert resumed(app, made["id"], today=TODAY, counting_disputes=counting) == pytest.approx(
            shown, abs=1e-12
        )


def test_resuming_later_matches_the_whole_walk_on_that_day(
    app: Flask, couple: Couple, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = couple.space_id
    made = make_commitment(couple.repairing, sid, starts_on=str(TODAY - timedelta(days=20)))
    for offset in range(1, 20, 2):
        report(couple.repairing, sid, made["id"], TODAY - timedelta(days=offset))
    later = 9
    monkeypatch.setattr(clock, "utcnow", lambda: NOW + timedelta(days=later))
    shown = shown_to(couple.hurt, couple, made["id"])
    today = TODAY + timedelta(days=later)
    assert resumed(app, made["id"], today=today, counting_disputes=True) == pytest.approx(shown)
    # the unreported days since cost score: resuming honours the day it is asked for
    assert shown < resumed(app, made["id"], today=TODAY, counting_disputes=True)


def test_a_new_commitment_gets_a_snapshot_of_nothing_walked(app: Flask, couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id)
    stored, rebuilt = stored_and_rebuilt(app, made["id"])
    assert stored == rebuilt
    assert (stored["through"], stored["score"], stored["disputes"]) == (TODAY, 0.0, [])


def test_a_completed_commitment_walks_no_further(app: Flask, couple: Couple) -> None:
    sid = couple.space_id
    made = make_commitment(couple.repairing, sid, starts_on=str(TODAY - timedelta(days=3)))
    report(couple.repairing, sid, made["id"], TODAY - timedelta(days=1))
    report(couple.repairing, sid, made["id"], TODAY)
    assert set_status(couple.repairing, sid, made["id"], "completed").status_code == 200
    stored, _ = stored_and_rebuilt(app, made["id"])
    assert stored["through"] == reliability.ENDED


def test_a_reader_never_overwrites_a_newer_snapshot(app: Flask, couple: Couple) -> None:
    sid = couple.space_id
    made = make_commitment(couple.repairing, sid, starts_on=str(TODAY - timedelta(days=5)))
    with app.app_context():
        stale = snapshots.build([db.session.get(Commitment, made["id"])])[made["id"]]
        db.session.expunge_all()
    report(couple.repairing, sid, made["id"], TODAY)  # a write stores a newer snapshot
    fresh, _ = stored_and_rebuilt(app, made["id"])
    with app.app_context():
        snapshots.store_built([stale])
        db.session.commit()
    after, _ = stored_and_rebuilt(app, made["id"])
    assert after == fresh
    assert after["score"] > stale.score
