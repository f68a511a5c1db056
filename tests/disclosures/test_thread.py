"""A disclosure's thread and the hurt partner's acknowledgement."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from mend.disclosures.models import DisclosureAcknowledgement
from mend.extensions import db
from tests.builders import ApiClient, Couple
from tests.disclosures.conftest import disclosures_path, ledger_kinds, share


def acknowledgement_rows(app: Flask) -> int:
    """How many acknowledgements exist in the whole database."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(DisclosureAcknowledgement)) or 0


@pytest.mark.parametrize("role", ["hurt", "repairing"])
def test_both_partners_reply_in_the_thread(
    app: Flask, couple: Couple, disclosure: dict[str, Any], role: str
) -> None:
    author: ApiClient = getattr(couple, role)
    path = disclosures_path(couple.space_id, disclosure["id"], "responses")

    response = author.post(path, json={"body": "Can we talk about the weekend?"})

    assert response.status_code == 201
    reply = response.get_json()
    assert set(reply) == {"id", "disclosure_id", "author_id", "body", "created_at"}
    assert (reply["disclosure_id"], reply["author_id"], reply["body"]) == (
        disclosure["id"],
        author.id,
        "Can we talk about the weekend?",
    )
    assert ledger_kinds(app, couple.space_id)["disclosure_response"] == 1


def test_longest_reply_is_accepted(couple: Couple, disclosure: dict[str, Any]) -> None:
    path = disclosures_path(couple.space_id, disclosure["id"], "responses")

    assert couple.hurt.post(path, json={"body": "r" * 5000}).status_code == 201


def test_therapist_cannot_reply_even_with_grants(
    app: Flask, couple: Couple, disclosure: dict[str, Any], therapist: ApiClient
) -> None:
    share(couple.space_id, owner=couple.repairing, viewer=therapist)
    share(couple.space_id, owner=couple.hurt, viewer=therapist)
    path = disclosures_path(couple.space_id, disclosure["id"], "responses")

    assert therapist.post(path, json={"body": "How did that feel?"}).status_code == 403
    assert ledger_kinds(app, couple.space_id)["disclosure_response"] == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "body"),
        ({"body": ""}, "body"),
        ({"body": "  \n "}, "body"),
        ({"body": "r" * 5001}, "body"),
        ({"body": None}, "body"),
        ({"body": True}, "body"),
        ({"body": "Fine.", "author_id": 1}, "author_id"),
    ],
)
def test_invalid_reply_is_refused(
    app: Flask, couple: Couple, disclosure: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    path = disclosures_path(couple.space_id, disclosure["id"], "responses")

    response = couple.hurt.post(path, json=body)

    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert ledger_kinds(app, couple.space_id)["disclosure_response"] == 0


def test_hurt_partner_acknowledges_once_and_repeating_changes_nothing(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    path = disclosures_path(couple.space_id, disclosure["id"], "acknowledge")

    first = couple.hurt.post(path)
    again = couple.hurt.post(path)

    assert first.status_code == again.status_code == 200
    assert first.get_json() == again.get_json()
    assert first.get_json()["disclosure_id"] == disclosure["id"]
    assert first.get_json()["user_id"] == couple.hurt.id
    assert acknowledgement_rows(app) == 1
    assert ledger_kinds(app, couple.space_id)["disclosure_acknowledgement"] == 1


def test_acknowledgement_shows_on_the_disclosure_for_both_partners(
    couple: Couple, disclosure: dict[str, Any]
) -> None:
    detail_path = disclosures_path(couple.space_id, disclosure["id"])
    acknowledged = couple.hurt.post(f"{detail_path}/acknowledge").get_json()

    for viewer in (couple.hurt, couple.repairing):
        detail = viewer.get(detail_path).get_json()
        assert detail["acknowledged_at"] == acknowledged["acknowledged_at"]


def test_reading_a_disclosure_is_not_an_acknowledgement(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    couple.hurt.get(disclosures_path(couple.space_id, disclosure["id"]))
    couple.hurt.get(disclosures_path(couple.space_id))

    after = couple.repairing.get(disclosures_path(couple.space_id, disclosure["id"])).get_json()
    assert after["acknowledged_at"] is None
    assert acknowledgement_rows(app) == 0


def test_repairing_partner_cannot_acknowledge(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    path = disclosures_path(couple.space_id, disclosure["id"], "acknowledge")

    assert couple.repairing.post(path).status_code == 403
    assert acknowledgement_rows(app) == 0


def test_therapist_cannot_acknowledge(
    app: Flask, couple: Couple, disclosure: dict[str, Any], therapist: ApiClient
) -> None:
    share(couple.space_id, owner=couple.repairing, viewer=therapist)
    path = disclosures_path(couple.space_id, disclosure["id"], "acknowledge")

    assert therapist.post(path).status_code == 403
    assert acknowledgement_rows(app) == 0


def test_acknowledging_an_unknown_disclosure_is_404(couple: Couple) -> None:
    path = disclosures_path(couple.space_id, 987_654, "acknowledge")

    assert couple.hurt.post(path).status_code == 404
