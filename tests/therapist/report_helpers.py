"""Helpers shared by the session-prep report tests (test_report_*.py) and the therapist context
tests: the canaries, grants, record builders, and readers of the CSV, page and access log.
The `story` fixture built from them lives in this folder's conftest.py."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import update
from werkzeug.test import TestResponse

from mend.checkins.models import Checkin
from mend.disclosures.models import Disclosure, DisclosureRevision
from mend.extensions import db
from mend.record import service as record_service
from tests.builders import (
    ApiClient,
    Couple,
)

CANARY_DISCLOSURE = "canary-disclosure-5521"
CANARY_PRIVATE_NOTE = "canary-private-note-8812"
CANARY_CHECK_NOTE = "canary-check-note-3307"
CANARY_REVIEW_NOTE = "canary-review-note-6604"
ALL_GRANTS = {
    "hurt": ("checkins", "commitments", "measures"),
    "repairing": ("commitments", "disclosures", "measures"),
}


def today() -> date:
    """Today in UTC, the timezone every account here lives in unless told."""
    return datetime.now(UTC).date()


def days_ago(days: int) -> date:
    return today() - timedelta(days=days)


def report_path(space_id: int, **query: str) -> str:
    params = "&".join(f"{key}={value}" for key, value in query.items())
    return f"/spaces/{space_id}/report" + (f"?{params}" if params else "")


def grant(couple: Couple, viewer: ApiClient, grants: dict[str, tuple[str, ...]]) -> None:
    """Each partner shares the named categories with the viewer, through the API."""
    for role, categories in grants.items():
        owner = getattr(couple, role)
        for category in categories:
            path = f"/spaces/{couple.space_id}/consents/{viewer.id}/{category}"
            response = owner.put(path, json={"granted": True})
            assert response.status_code == 200, response.get_json()


def checkin_at(app: Flask, couple: Couple, author: ApiClient, moment: datetime, **fields: Any):
    """A check-in made at a chosen moment, chained into the ledger as the API would."""
    with app.app_context():
        row = Checkin(space_id=couple.space_id, author_id=author.id, created_at=moment, **fields)
        db.session.add(row)
        record_service.append(space_id=couple.space_id, row=row)
        db.session.commit()


def felt(app: Flask, couple: Couple, day: date, score: int, **fields: Any) -> None:
    """The hurt partner's felt safety at noon (UTC) on day."""
    moment = datetime.combine(day, time(12), tzinfo=UTC)
    checkin_at(app, couple, couple.hurt, moment, felt_safety=score, **fields)


def commit_to(couple: Couple, title: str, *, starts: date, **fields: Any) -> int:
    body = {"title": title, "cadence": "daily", "starts_on": str(starts), **fields}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/commitments", json=body)
    assert response.status_code == 201, response.get_json()
    return int(response.get_json()["id"])


def check(couple: Couple, commitment_id: int, day: date, outcome: str, **fields: Any) -> int:
    path = f"/spaces/{couple.space_id}/commitments/{commitment_id}/checks"
    body = {"period_start": str(day), "outcome": outcome, **fields}
    response = couple.repairing.post(path, json=body)
    assert response.status_code == 201, response.get_json()
    return int(response.get_json()["id"])


def review(couple: Couple, commitment_id: int, check_id: int, verdict: str, **fields: Any):
    path = f"/spaces/{couple.space_id}/commitments/{commitment_id}/checks/{check_id}/review"
    response = couple.hurt.post(path, json={"verdict": verdict, **fields})
    assert response.status_code == 201, response.get_json()


def disclose(couple: Couple, title: str, body: str = "What happened and how it hurt us.") -> int:
    payload = {"title": title, "body": body, "category": "dishonesty"}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/disclosures", json=payload)
    assert response.status_code == 201, response.get_json()
    return int(response.get_json()["id"])


def revise(couple: Couple, disclosure_id: int, **fields: str) -> None:
    path = f"/spaces/{couple.space_id}/disclosures/{disclosure_id}/revisions"
    response = couple.repairing.post(path, json={"reason": "I left something out", **fields})
    assert response.status_code == 201, response.get_json()


def backdate_disclosure(app: Flask, disclosure_id: int, moment: datetime) -> None:
    """Move a disclosure and its first version back in time (as if told then)."""
    with app.app_context():
        db.session.execute(
            update(Disclosure).where(Disclosure.id == disclosure_id).values(created_at=moment)
        )
        db.session.execute(
            update(DisclosureRevision)
            .where(
                DisclosureRevision.disclosure_id == disclosure_id, DisclosureRevision.number == 1
            )
            .values(created_at=moment)
        )
        db.session.commit()


@dataclass
class Story:
    """A couple with a few weeks of record, and what the tests look for in it."""

    couple: Couple
    commitment_id: int
    disclosure_id: int


def csv_sections(response: TestResponse) -> dict[str, list[dict[str, str]]]:
    """The CSV's rows grouped by their section, each read against its block's header row."""
    sections: dict[str, list[dict[str, str]]] = defaultdict(list)
    header: list[str] = []
    for row in csv.reader(io.StringIO(response.get_data(as_text=True))):
        if not row:
            continue
        if row[0] == "section":
            header = row
        else:
            sections[row[0]].append(dict(zip(header, row, strict=True)))
    return sections


def access_log(owner: ApiClient, space_id: int) -> set[tuple[str, str]]:
    items = owner.get(f"/spaces/{space_id}/access-log").get_json()["items"]
    return {(item["category"], item["records"]) for item in items}


def text_of(response: TestResponse) -> str:
    return response.get_data(as_text=True)
