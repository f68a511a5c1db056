"""An acknowledgement belongs to a revision: an amendment after "taken in" arrives as new."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import update

from mend.disclosures.models import DisclosureAcknowledgement
from mend.extensions import db
from tests.builders import Couple
from tests.disclosures.conftest import disclosures_path, ledger_kinds


def acknowledge(couple: Couple, disclosure_id: int, **body: Any):  # type: ignore[no-untyped-def]
    """POST .../acknowledge as the hurt partner."""
    path = disclosures_path(couple.space_id, disclosure_id, "acknowledge")
    return couple.hurt.post(path, json=body) if body else couple.hurt.post(path)


def amend(couple: Couple, disclosure_id: int) -> dict[str, Any]:
    """The repairing partner amends the disclosure's words."""
    response = couple.repairing.post(
        disclosures_path(couple.space_id, disclosure_id, "revisions"),
        json={"body": "It went on for six months, not three.", "reason": "I left out how long."},
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def listed(couple: Couple, disclosure_id: int) -> dict[str, Any]:
    """The disclosure as the hurt partner's list shows it."""
    items = couple.hurt.get(disclosures_path(couple.space_id)).get_json()["items"]
    return next(item for item in items if item["id"] == disclosure_id)


def test_an_amendment_after_taken_in_shows_as_new_again(
    couple: Couple, disclosure: dict[str, Any]
) -> None:
    first = acknowledge(couple, disclosure["id"]).get_json()
    assert first["revision_number"] == 1
    assert listed(couple, disclosure["id"])["acknowledged_at"] == first["acknowledged_at"]

    amend(couple, disclosure["id"])

    assert listed(couple, disclosure["id"])["acknowledged_at"] is None
    detail = couple.hurt.get(disclosures_path(couple.space_id, disclosure["id"])).get_json()
    assert detail["acknowledged_at"] is None
    # The revision taken in stays taken in, in its history.
    assert [r["acknowledged_at"] for r in detail["revisions"]] == [first["acknowledged_at"], None]


def test_the_amended_words_are_taken_in_on_their_own(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    first = acknowledge(couple, disclosure["id"]).get_json()
    amend(couple, disclosure["id"])

    second = acknowledge(couple, disclosure["id"], revision=2)

    assert second.status_code == 200
    assert second.get_json()["revision_number"] == 2
    assert second.get_json()["acknowledged_at"] != first["acknowledged_at"]
    detail = couple.hurt.get(disclosures_path(couple.space_id, disclosure["id"])).get_json()
    assert detail["acknowledged_at"] == second.get_json()["acknowledged_at"]
    assert [r["acknowledged_at"] is not None for r in detail["revisions"]] == [True, True]
    assert ledger_kinds(app, couple.space_id)["disclosure_acknowledgement"] == 2
    assert couple.hurt.get(f"/spaces/{couple.space_id}/record/verify").get_json()["valid"]


def test_words_never_read_cannot_be_taken_in(couple: Couple, disclosure: dict[str, Any]) -> None:
    amend(couple, disclosure["id"])

    stale = acknowledge(couple, disclosure["id"], revision=1)

    assert stale.status_code == 409
    assert stale.get_json()["type"] == "urn:mend:problem:amended-since-read"
    assert listed(couple, disclosure["id"])["acknowledged_at"] is None


def test_acknowledging_the_same_revision_twice_changes_nothing(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    first = acknowledge(couple, disclosure["id"], revision=1).get_json()
    again = acknowledge(couple, disclosure["id"], revision=1).get_json()
    assert again == first
    assert ledger_kinds(app, couple.space_id)["disclosure_acknowledgement"] == 1


def test_revision_must_be_a_positive_whole_number(
    couple: Couple, disclosure: dict[str, Any]
) -> None:
    for bad in (0, "1", True, 1.5):
        response = acknowledge(couple, disclosure["id"], revision=bad)
        assert response.status_code == 422, bad
        assert list(response.get_json()["errors"]) == ["revision"]


def test_an_acknowledgement_from_before_revisions_were_named_still_counts(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    """Rows made before migration 0013 have no revision number (their hashes stay valid)."""
    acknowledge(couple, disclosure["id"])
    with app.app_context():
        db.session.execute(update(DisclosureAcknowledgement).values(revision_number=None))
        db.session.commit()
    assert listed(couple, disclosure["id"])["acknowledged_at"] is not None

    amend(couple, disclosure["id"])

    assert listed(couple, disclosure["id"])["acknowledged_at"] is None
    detail = couple.hurt.get(disclosures_path(couple.space_id, disclosure["id"])).get_json()
    assert [r["acknowledged_at"] is not None for r in detail["revisions"]] == [True, False]


def test_an_acknowledgement_without_a_revision_hashes_as_before_0013() -> None:
    """So the ledger entries written before the migration still verify."""
    legacy = DisclosureAcknowledgement(disclosure_id=3, user_id=4, revision_number=None)
    assert set(legacy.ledger_content()) == {"disclosure_id", "user_id", "created_at"}
    named = DisclosureAcknowledgement(disclosure_id=3, user_id=4, revision_number=2)
    assert named.ledger_content()["revision_number"] == 2
