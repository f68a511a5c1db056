"""Shared by the idempotency tests: every wrapped trust-record write, how to make one, and
counters for the rows and keys it leaves."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import Flask
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from mend.checkins.models import Checkin
from mend.commitments.models import (
    CheckReply,
    CheckReview,
    Commitment,
    CommitmentCheck,
    CommitmentStatusChange,
)
from mend.disclosures.models import (
    Disclosure,
    DisclosureAcknowledgement,
    DisclosureResponse,
    DisclosureRevision,
)
from mend.extensions import db
from mend.idempotency import IdempotencyKey
from tests.builders import ApiClient, Couple

KEY = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def disclosure(couple: Couple) -> str:
    """A new disclosure's path, told by the repairing partner."""
    body = {"title": "What happened", "body": "The whole truth.", "category": "other"}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/disclosures", json=body)
    assert response.status_code == 201, response.get_json()
    return f"/spaces/{couple.space_id}/disclosures/{response.get_json()['id']}"


def commitment(couple: Couple) -> str:
    """A new daily commitment's path, starting today."""
    body = {"title": "Share my phone openly", "cadence": "daily"}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/commitments", json=body)
    assert response.status_code == 201, response.get_json()
    return f"/spaces/{couple.space_id}/commitments/{response.get_json()['id']}"


def check(couple: Couple) -> str:
    """A check of today on a new commitment: its path."""
    path = commitment(couple)
    response = couple.repairing.post(
        f"{path}/checks", json={"period_start": today(), "outcome": "kept"}
    )
    assert response.status_code == 201, response.get_json()
    return f"{path}/checks/{response.get_json()['id']}"


def disputed_check(couple: Couple) -> str:
    """A check of today, disputed by the hurt partner: its path."""
    path = check(couple)
    response = couple.hurt.post(f"{path}/review", json={"verdict": "disputed"})
    assert response.status_code == 201, response.get_json()
    return path


@dataclass(frozen=True)
class Write:
    """One wrapped write: who sends it, where (after any setup), with what, and what it adds."""

    name: str
    writer: str  # "hurt" or "repairing"
    method: str
    path: Callable[[Couple], str]
    body: dict[str, Any] | None
    model: type

    def send(self, couple: Couple, path: str, key: str | None, body: Any = "same") -> TestResponse:
        api: ApiClient = getattr(couple, self.writer)
        headers = {KEY: key} if key is not None else {}
        json = self.body if body == "same" else body
        return api.request(self.method, path, json=json, headers=headers)


WRITES = [
    Write(
        "checkin",
        "hurt",
        "POST",
        lambda c: f"/spaces/{c.space_id}/checkins",
        {"felt_safety": 6, "note": "A calmer day."},
        Checkin,
    ),
    Write(
        "disclosure",
        "repairing",
        "POST",
        lambda c: f"/spaces/{c.space_id}/disclosures",
        {"title": "The trip", "body": "I was not where I said.", "category": "dishonesty"},
        Disclosure,
    ),
    Write(
        "revision",
        "repairing",
        "POST",
        lambda c: f"{disclosure(c)}/revisions",
        {"reason": "I left out a day.", "body": "The whole truth, with the Sunday."},
        DisclosureRevision,
    ),
    Write(
        "response",
        "hurt",
        "POST",
        lambda c: f"{disclosure(c)}/responses",
        {"body": "Who else knew?"},
        DisclosureResponse,
    ),
    Write(
        "acknowledge",
        "hurt",
        "POST",
        lambda c: f"{disclosure(c)}/acknowledge",
        None,
        DisclosureAcknowledgement,
    ),
    Write(
        "commitment",
        "repairing",
        "POST",
        lambda c: f"/spaces/{c.space_id}/commitments",
        {"title": "Home by seven", "cadence": "daily"},
        Commitment,
    ),
    Write(
        "check",
        "repairing",
        "POST",
        lambda c: f"{commitment(c)}/checks",
        {"period_start": today(), "outcome": "kept"},
        CommitmentCheck,
    ),
    Write(
        "review",
        "hurt",
        "POST",
        lambda c: f"{check(c)}/review",
        {"verdict": "confirmed", "note": "Yes, it was kept."},
        CheckReview,
    ),
    Write(
        "reply",
        "repairing",
        "POST",
        lambda c: f"{disputed_check(c)}/replies",
        {"body": "I was home by seven; here is how I know."},
        CheckReply,
    ),
    Write(
        "status",
        "repairing",
        "PATCH",
        commitment,
        {"status": "paused", "reason": "We are away this week."},
        CommitmentStatusChange,
    ),
]
BY_NAME = {write.name: write for write in WRITES}


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def key_rows(app: Flask) -> list[IdempotencyKey]:
    with app.app_context():
        rows = list(db.session.scalars(select(IdempotencyKey).order_by(IdempotencyKey.id)))
        db.session.expunge_all()
        return rows


def new_key() -> str:
    return str(uuid.uuid4())
