"""Helpers and fixtures shared by the caseload tests (test_caseload_*.py): a frozen "now", a
therapist in no space yet, and couples whose grants, check-ins and commitments are built to order.

The fixtures are module-level: each test module takes them with `name = caseload_helpers.name`
(`frozen_now` is autouse there, so it must not live in the folder's conftest.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update

from mend.commitments.models import (
    CheckReview,
    Commitment,
    CommitmentCheck,
)
from mend.commitments.models import CommitmentStatusChange as Change
from mend.extensions import db
from mend.spaces.models import Membership
from mend.therapist.caseload import service as caseload
from tests.builders import (
    ApiClient,
    Couple,
    approve,
    invite_code,
    join,
    make_space,
    make_user,
)
from tests.checkins.conftest import make_checkins

PATH = "/therapist/caseload"
NOW = datetime(2025, 3, 5, 12, 0, tzinfo=UTC)  # a Wednesday, noon in UTC
TODAY = NOW.date()
JOINED = NOW - timedelta(days=60)


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The caseload's "now" (so its today, and which grants are in force) is NOW."""
    monkeypatch.setattr(caseload, "utcnow", lambda: NOW)
    return NOW


@pytest.fixture
def therapist(app: Flask) -> ApiClient:
    """A therapist account, in no space yet."""
    return make_user(app, account_type="therapist", display_name="Dr. Lee")


def couple_with(
    app: Flask,
    *therapists: ApiClient,
    name: str = "Us",
    hurt: Iterable[str] = (),
    repairing: Iterable[str] = (),
) -> Couple:
    """A couple (joined 60 days ago) with the therapists in their space; each partner shares
    the categories listed with every one of them."""
    sam, alex = make_user(app, display_name="Sam"), make_user(app, display_name="Alex")
    space_id = make_space(sam, my_role="hurt", name=name)
    assert join(alex, invite_code(sam, space_id, "repairing")).status_code == 200
    for therapist in therapists:
        assert join(therapist, invite_code(sam, space_id, "therapist")).status_code == 200
        approve(alex, space_id, therapist.id)
    with app.app_context():
        db.session.execute(
            update(Membership).where(Membership.space_id == space_id).values(joined_at=JOINED)
        )
        db.session.commit()
    couple = Couple(space_id=space_id, hurt=sam, repairing=alex)
    for therapist in therapists:
        for owner, categories in ((sam, hurt), (alex, repairing)):
            for category in categories:
                share(couple, owner, therapist, category)
    return couple


def share(couple: Couple, owner: ApiClient, viewer: ApiClient, category: str, granted=True):
    """The owner shares (or stops sharing) a category with the viewer, through the API."""
    path = f"/spaces/{couple.space_id}/consents/{viewer.id}/{category}"
    assert owner.put(path, json={"granted": granted}).status_code == 200


def felt_safety(app: Flask, couple: Couple, scores: dict[datetime, int]) -> None:
    """The hurt partner's check-ins at the given moments."""
    rows = [
        {"author_id": couple.hurt.id, "felt_safety": score, "created_at": moment}
        for moment, score in sorted(scores.items())
    ]
    make_checkins(app, space_id=couple.space_id, rows=rows)


def checked_in(app: Flask, couple: Couple, author: ApiClient, moment: datetime) -> None:
    """One check-in by author at moment (felt safety 5 from the hurt partner)."""
    score = {"felt_safety": 5} if author.id == couple.hurt.id else {"regulation": 6}
    make_checkins(
        app,
        space_id=couple.space_id,
        rows=[{"author_id": author.id, "created_at": moment, **score}],
    )


def days_ago(days: int, hour: int = 9) -> datetime:
    """A moment `days` days before NOW, at hour o'clock UTC."""
    return datetime.combine(TODAY - timedelta(days=days), time(hour), tzinfo=UTC)


def add_commitment(
    app: Flask,
    couple: Couple,
    outcomes: dict[date, str],
    *,
    title: str = "Phone open",
    cadence: str = "daily",
    starts_on: date = TODAY - timedelta(days=59),
    status: str | None = None,
) -> tuple[int, dict[date, int]]:
    """A commitment of the repairing partner with checks; returns its id and the check ids."""
    with app.app_context():
        commitment = Commitment(
            space_id=couple.space_id,
            author_id=couple.repairing.id,
            title=title,
            cadence=cadence,
            starts_on=starts_on,
        )
        db.session.add(commitment)
        db.session.flush()
        checks = [
            CommitmentCheck(commitment_id=commitment.id, period_start=day, outcome=outcome)
            for day, outcome in outcomes.items()
        ]
        db.session.add_all(checks)
        if status is not None:
            db.session.add(
                Change(
                    commitment_id=commitment.id,
                    author_id=couple.repairing.id,
                    status=status,
                    reason="We talked it over.",
                    effective_on=TODAY - timedelta(days=3),
                )
            )
        db.session.commit()
        return commitment.id, {check.period_start: check.id for check in checks}


def add_reviews(app: Flask, couple: Couple, check_id: int, *verdicts: str) -> None:
    """The hurt partner's reviews of a check, oldest first."""
    with app.app_context():
        for verdict in verdicts:
            db.session.add(
                CheckReview(check_id=check_id, author_id=couple.hurt.id, verdict=verdict)
            )
            db.session.flush()
        db.session.commit()


def items(therapist: ApiClient) -> list[dict[str, Any]]:
    """The therapist's caseload."""
    response = therapist.get(PATH)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def only(therapist: ApiClient) -> dict[str, Any]:
    """The single couple in the therapist's caseload."""
    [item] = items(therapist)
    return item


def kinds(item: dict[str, Any]) -> list[str]:
    return [alert["kind"] for alert in item["alerts"]]


def daily(days: range, outcome: str = "kept") -> dict[date, str]:
    """The same outcome for each day `days` ago."""
    return {TODAY - timedelta(days=day): outcome for day in days}
