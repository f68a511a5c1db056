"""Builders for the account tests: a couple's whole record, canaries, exports, deletion."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from mend.extensions import db
from mend.record.models import Erasure
from tests.builders import PASSWORD, ApiClient, Couple, add_therapist

SESSION_COOKIE = "mend_session"

# One marker per thing a person writes, so a test can ask where each one went.
REPAIRING_CANARIES = {
    "disclosure_title": "canary-disclosure-title-4471",
    "disclosure_body": "canary-disclosure-body-4472",
    "revised_body": "canary-revised-body-4473",
    "revision_reason": "canary-revision-reason-4474",
    "repairing_reply": "canary-repairing-reply-4475",
    "commitment_title": "canary-commitment-title-4476",
    "commitment_description": "canary-commitment-description-4477",
    "check_note": "canary-check-note-4478",
    "status_reason": "canary-status-reason-4479",
    "repairing_note": "canary-repairing-note-4480",
    "repairing_private_note": "canary-repairing-private-note-4481",
    "repairing_tag": "canary-repairing-tag-4482",
}
HURT_CANARIES = {
    "hurt_reply": "canary-hurt-reply-5571",
    "review_note": "canary-review-note-5572",
    "hurt_note": "canary-hurt-note-5573",
    "hurt_private_note": "canary-hurt-private-note-5574",
}


@dataclass
class Story:
    """A couple's record with one of everything; ids of what was written."""

    couple: Couple
    disclosure_id: int
    commitment_id: int
    check_id: int

    @property
    def space_id(self) -> int:
        """The couple's space."""
        return self.couple.space_id


def ok(response: TestResponse, status: int = 200) -> Any:
    """The JSON body of a response that must have the given status."""
    assert response.status_code == status, response.get_json()
    return response.get_json()


def write_story(couple: Couple) -> Story:
    """Both partners write one of every kind of record, each word a canary."""
    sid, hurt, repairing = couple.space_id, couple.hurt, couple.repairing
    c = REPAIRING_CANARIES | HURT_CANARIES
    disclosure = ok(
        repairing.post(
            f"/spaces/{sid}/disclosures",
            json={
                "title": c["disclosure_title"],
                "body": c["disclosure_body"],
                "category": "other",
            },
        ),
        201,
    )
    base = f"/spaces/{sid}/disclosures/{disclosure['id']}"
    revision = {"body": c["revised_body"], "reason": c["revision_reason"]}
    ok(repairing.post(f"{base}/revisions", json=revision), 201)
    ok(hurt.post(f"{base}/responses", json={"body": c["hurt_reply"]}), 201)
    ok(repairing.post(f"{base}/responses", json={"body": c["repairing_reply"]}), 201)
    ok(hurt.post(f"{base}/acknowledge"))
    commitment, check = _commitment_story(couple)
    _checkins(couple)
    return Story(
        couple=couple, disclosure_id=disclosure["id"], commitment_id=commitment, check_id=check
    )


def _commitment_story(couple: Couple) -> tuple[int, int]:
    """A commitment with a check, a disputing review and a pause; returns their ids."""
    sid, c = couple.space_id, REPAIRING_CANARIES | HURT_CANARIES
    body = {
        "title": c["commitment_title"],
        "description": c["commitment_description"],
        "cadence": "daily",
    }
    commitment = ok(couple.repairing.post(f"/spaces/{sid}/commitments", json=body), 201)
    base = f"/spaces/{sid}/commitments/{commitment['id']}"
    check_body = {
        "period_start": commitment["starts_on"],
        "outcome": "kept",
        "note": c["check_note"],
    }
    check = ok(couple.repairing.post(f"{base}/checks", json=check_body), 201)
    review = {"verdict": "disputed", "note": c["review_note"]}
    ok(couple.hurt.post(f"{base}/checks/{check['id']}/review", json=review), 201)
    status = {"status": "paused", "reason": c["status_reason"]}
    ok(couple.repairing.patch(base, json=status))
    return commitment["id"], check["id"]


def _checkins(couple: Couple) -> None:
    """Each partner checks in twice: once with a note, once with a private note."""
    sid, c = couple.space_id, REPAIRING_CANARIES | HURT_CANARIES
    checkins = [
        (couple.hurt, {"felt_safety": 3, "note": c["hurt_note"]}),
        (couple.hurt, {"felt_safety": 4, "note": c["hurt_private_note"], "note_private": True}),
        (
            couple.repairing,
            {"regulation": 6, "note": c["repairing_note"], "tags": [c["repairing_tag"]]},
        ),
        (
            couple.repairing,
            {"predicted_safety": 5, "note": c["repairing_private_note"], "note_private": True},
        ),
    ]
    for author, body in checkins:
        ok(author.post(f"/spaces/{sid}/checkins", json=body), 201)


def grant(owner: ApiClient, viewer: ApiClient, space_id: int, *categories: str) -> None:
    """The owner shares these categories with the viewer, through the API."""
    for category in categories:
        path = f"/spaces/{space_id}/consents/{viewer.id}/{category}"
        ok(owner.put(path, json={"granted": True}))


def export_of(api: ApiClient) -> dict[str, Any]:
    """The caller's export document."""
    return ok(api.get("/account/export"))


def only_space(document: dict[str, Any]) -> dict[str, Any]:
    """The one space section of an export that must have exactly one."""
    assert len(document["spaces"]) == 1
    return document["spaces"][0]


def notes_in(section: dict[str, Any]) -> set[str]:
    """The check-in notes a space section shows."""
    return {c["note"] for c in section["checkins"] if c["note"] is not None}


def delete_account(api: ApiClient, password: str = PASSWORD) -> TestResponse:
    """DELETE /account with a password."""
    return api.delete("/account", json={"password": password})


def copied_session(app: Flask, api: ApiClient) -> ApiClient:
    """Another client carrying a copy of api's session cookie (a stolen cookie)."""
    cookie = api.http.get_cookie(SESSION_COOKIE)
    assert cookie is not None
    thief = ApiClient(app)
    thief.http.set_cookie(SESSION_COOKIE, cookie.value)
    return thief


def verify(api: ApiClient, space_id: int) -> dict[str, Any]:
    """The space's ledger verification, as api sees it."""
    return ok(api.get(f"/spaces/{space_id}/record/verify"))


def database_text(app: Flask) -> str:
    """Every value of every row of every table, as one string (to search for canaries)."""
    with app.app_context():
        return "\n".join(
            repr(tuple(row))
            for table in db.metadata.sorted_tables
            for row in db.session.execute(select(table))
        )


def erasure_count(app: Flask) -> int:
    """How many erasures exist in the whole database."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Erasure)) or 0


@pytest.fixture
def story(couple: Couple) -> Story:
    """The couple's space with one of every kind of record in it."""
    return write_story(couple)


@pytest.fixture
def therapist(app: Flask, couple: Couple) -> ApiClient:
    """A therapist in the couple's space, with no grants yet."""
    return add_therapist(app, couple)
