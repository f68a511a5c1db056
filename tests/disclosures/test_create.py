"""Logging a disclosure: who may, what is checked, what is written."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from mend import clock
from mend.disclosures.models import Disclosure
from mend.extensions import db
from tests.builders import ApiClient, Couple, invite_code, join, make_couple, make_space, make_user
from tests.disclosures.conftest import disclose, disclosures_path, ledger_kinds

VALID = {
    "title": "I lied about money",
    "body": "I moved savings without telling you.",
    "category": "finances",
}


def disclosure_rows(app: Flask) -> int:
    """How many disclosures exist in the whole database."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Disclosure)) or 0


def couple_in_timezones(app: Flask, *, hurt: str, repairing: str) -> Couple:
    """A couple whose partners live in the given IANA timezones."""
    hurt_client = make_user(app, display_name="Sam", timezone=hurt)
    repairing_client = make_user(app, display_name="Alex", timezone=repairing)
    space_id = make_space(hurt_client, my_role="hurt")
    assert (
        join(repairing_client, invite_code(hurt_client, space_id, "repairing")).status_code == 200
    )
    return Couple(space_id=space_id, hurt=hurt_client, repairing=repairing_client)


def test_repairing_partner_logs_disclosure_as_its_first_revision(couple: Couple) -> None:
    response = couple.repairing.post(
        disclosures_path(couple.space_id), json={**VALID, "occurred_on": "2024-03-01"}
    )

    assert response.status_code == 201
    created = response.get_json()
    assert created["author_id"] == couple.repairing.id
    assert created["space_id"] == couple.space_id
    assert (created["title"], created["body"], created["category"]) == (
        VALID["title"],
        VALID["body"],
        "finances",
    )
    assert created["occurred_on"] == "2024-03-01"
    assert created["revision_count"] == 1
    assert created["updated_at"] == created["created_at"]
    assert created["revisions"] == [
        {
            "number": 1,
            "title": VALID["title"],
            "body": VALID["body"],
            "reason": None,
            "created_at": created["created_at"],
            "acknowledged_at": None,
        }
    ]
    assert created["responses"] == []
    assert created["response_count"] == 0
    assert created["acknowledged_at"] is None


def test_occurred_on_is_optional(couple: Couple) -> None:
    assert disclose(couple.repairing, couple.space_id)["occurred_on"] is None
    assert disclose(couple.repairing, couple.space_id, occurred_on=None)["occurred_on"] is None


def test_title_is_trimmed_but_body_is_kept_as_written(couple: Couple) -> None:
    body = "  What happened.\n\nHow it hurt you.\n"
    created = disclose(couple.repairing, couple.space_id, title="  Late nights  ", body=body)

    assert created["title"] == "Late nights"
    assert created["body"] == body


def test_logging_a_disclosure_chains_two_ledger_entries(app: Flask, couple: Couple) -> None:
    disclose(couple.repairing, couple.space_id)

    assert ledger_kinds(app, couple.space_id) == {"disclosure": 1, "disclosure_revision": 1}


@pytest.mark.parametrize(
    "category", ["contact", "dishonesty", "finances", "substance", "digital", "other"]
)
def test_every_category_is_accepted(couple: Couple, category: str) -> None:
    assert disclose(couple.repairing, couple.space_id, category=category)["category"] == category


def test_longest_title_and_body_are_accepted(couple: Couple) -> None:
    created = disclose(couple.repairing, couple.space_id, title="t" * 200, body="b" * 20_000)

    assert (len(created["title"]), len(created["body"])) == (200, 20_000)


def test_hurt_partner_cannot_log_a_disclosure(app: Flask, couple: Couple) -> None:
    response = couple.hurt.post(disclosures_path(couple.space_id), json=VALID)

    assert response.status_code == 403
    assert disclosure_rows(app) == 0


def test_therapist_cannot_log_a_disclosure(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    response = therapist.post(disclosures_path(couple.space_id), json=VALID)

    assert response.status_code == 403
    assert disclosure_rows(app) == 0


def test_member_of_another_space_gets_404(app: Flask, couple: Couple) -> None:
    other = make_couple(app)

    response = other.repairing.post(disclosures_path(couple.space_id), json=VALID)

    assert response.status_code == 404
    assert disclosure_rows(app) == 0


def test_anonymous_caller_gets_401(app: Flask, couple: Couple, client: ApiClient) -> None:
    assert client.post(disclosures_path(couple.space_id), json=VALID).status_code == 401
    assert disclosure_rows(app) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": None}, "title"),
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "t" * 201}, "title"),
        ({"title": 7}, "title"),
        ({"body": None}, "body"),
        ({"body": ""}, "body"),
        ({"body": " \n\t "}, "body"),
        ({"body": "b" * 20_001}, "body"),
        ({"body": ["words"]}, "body"),
        ({"body": "nul\x00here"}, "body"),
        ({"category": None}, "category"),
        ({"category": "affair"}, "category"),
        ({"category": "Contact"}, "category"),
        ({"occurred_on": "yesterday"}, "occurred_on"),
        ({"occurred_on": "2024-02-30"}, "occurred_on"),
        ({"occurred_on": "2024-03-01T10:00:00"}, "occurred_on"),
        ({"occurred_on": 20240301}, "occurred_on"),
        ({"severity": "high"}, "severity"),
        ({"author_id": 1}, "author_id"),
    ],
)
def test_invalid_disclosure_is_refused(
    app: Flask, couple: Couple, change: dict[str, Any], field: str
) -> None:
    response = couple.repairing.post(disclosures_path(couple.space_id), json={**VALID, **change})

    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert disclosure_rows(app) == 0


@pytest.mark.parametrize("missing", ["title", "body", "category"])
def test_required_fields_are_named_when_missing(couple: Couple, missing: str) -> None:
    body = {name: value for name, value in VALID.items() if name != missing}

    response = couple.repairing.post(disclosures_path(couple.space_id), json=body)

    assert response.status_code == 422
    assert missing in response.get_json()["errors"]


def test_a_date_still_to_come_is_refused(app: Flask, couple: Couple) -> None:
    tomorrow = clock.today_in("UTC") + timedelta(days=2)

    response = couple.repairing.post(
        disclosures_path(couple.space_id), json={**VALID, "occurred_on": tomorrow.isoformat()}
    )

    assert response.status_code == 422
    assert "occurred_on" in response.get_json()["errors"]
    assert disclosure_rows(app) == 0


def test_future_is_judged_in_the_authors_timezone(app: Flask) -> None:
    # Kiritimati (UTC+14) is always at least a calendar day ahead of Pago Pago (UTC-11).
    couple = couple_in_timezones(app, hurt="Pacific/Kiritimati", repairing="Pacific/Pago_Pago")
    authors_today = clock.today_in("Pacific/Pago_Pago")
    ahead = clock.today_in("Pacific/Kiritimati")

    accepted = disclose(couple.repairing, couple.space_id, occurred_on=authors_today.isoformat())
    refused = couple.repairing.post(
        disclosures_path(couple.space_id), json={**VALID, "occurred_on": ahead.isoformat()}
    )

    assert accepted["occurred_on"] == authors_today.isoformat()
    assert refused.status_code == 422
    assert "occurred_on" in refused.get_json()["errors"]
