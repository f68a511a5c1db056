"""Builders and fixtures for the commitments tests: a fixed today, commitments, checks, grants."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from mend import clock
from mend.commitments import snapshots
from mend.commitments.models import Commitment, CommitmentCheck
from mend.consent.models import ConsentChange
from mend.extensions import db
from tests.builders import (
    ApiClient,
    Couple,
    add_therapist,
    invite_code,
    join,
    make_couple,
    make_space,
    make_user,
)
from tests.rows import memberships_of

NOW = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)  # a Wednesday, noon in UTC
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Every "today" the app works out is TODAY (in UTC; later or earlier elsewhere)."""
    monkeypatch.setattr(clock, "utcnow", lambda: NOW)
    return TODAY


@pytest.fixture
def therapist(app: Flask, couple: Couple) -> ApiClient:
    """A therapist in the couple's space, with no grants yet."""
    return add_therapist(app, couple)


@pytest.fixture
def outsider(app: Flask) -> ApiClient:
    """The repairing partner of another couple: a stranger to `couple`'s space."""
    return make_couple(app).repairing


def couple_in(app: Flask, timezone: str) -> Couple:
    """A couple whose repairing partner lives in timezone (the hurt partner in UTC)."""
    hurt = make_user(app, display_name="Sam")
    repairing = make_user(app, display_name="Alex", timezone=timezone)
    space_id = make_space(hurt, my_role="hurt")
    assert join(repairing, invite_code(hurt, space_id, "repairing")).status_code == 200
    return Couple(space_id=space_id, hurt=hurt, repairing=repairing)


def path(space_id: int, *parts: object) -> str:
    """/spaces/{space_id}/commitments[/part...]."""
    return "/".join([f"/spaces/{space_id}/commitments", *map(str, parts)])


def make_commitment(api: ApiClient, space_id: int, **fields: Any) -> dict[str, Any]:
    """Create a commitment as api (a daily one starting TODAY unless told) and return it."""
    body = {"title": "Share my phone openly", "cadence": "daily", "starts_on": str(TODAY)}
    response = api.post(path(space_id), json=body | fields)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def report(
    api: ApiClient,
    space_id: int,
    commitment_id: int,
    day: date,
    outcome: str = "kept",
    **extra: Any,
) -> TestResponse:
    """POST a check for the period containing day."""
    body = {"period_start": str(day), "outcome": outcome} | extra
    return api.post(path(space_id, commitment_id, "checks"), json=body)


def review(
    api: ApiClient, space_id: int, commitment_id: int, check_id: int, verdict: str, **extra: Any
) -> TestResponse:
    """POST a review of a check."""
    body = {"verdict": verdict} | extra
    return api.post(path(space_id, commitment_id, "checks", check_id, "review"), json=body)


def set_status(
    api: ApiClient, space_id: int, commitment_id: int, status: str, reason: str = "Talked it over"
) -> TestResponse:
    """PATCH a commitment's status."""
    return api.patch(path(space_id, commitment_id), json={"status": status, "reason": reason})


def grant(
    app: Flask, space_id: int, owner: ApiClient, viewer: ApiClient, *, granted: bool = True
) -> None:
    """Record owner sharing (or no longer sharing) their `commitments` with viewer."""
    with app.app_context():
        db.session.add(
            ConsentChange(
                space_id=space_id,
                owner_id=owner.id,
                viewer_id=viewer.id,
                category="commitments",
                granted=granted,
                **memberships_of(space_id, owner.id, viewer.id),
            )
        )
        db.session.commit()


def insert_checks(app: Flask, commitment_id: int, days: Iterable[date]) -> None:
    """Many kept checks at once, straight into the database (bulk data for query counts),
    with the reliability snapshot brought up to date as the API's writes do."""
    with app.app_context():
        db.session.add_all(
            CommitmentCheck(commitment_id=commitment_id, period_start=day, outcome="kept")
            for day in days
        )
        snapshots.rebuild([db.session.get_one(Commitment, commitment_id)])
        db.session.commit()
