"""Amending a disclosure in the open: a new revision, the old words kept."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.builders import ApiClient, Couple
from tests.disclosures.conftest import disclose, disclosures_path, ledger_kinds, share


def revise(author: ApiClient, space_id: int, disclosure_id: int, **fields: Any) -> Any:
    """Post a revision as author; returns the raw response."""
    return author.post(disclosures_path(space_id, disclosure_id, "revisions"), json=fields)


def test_revising_the_body_keeps_the_title_and_the_old_words(couple: Couple) -> None:
    created = disclose(couple.repairing, couple.space_id, title="Messages", body="Some messages.")

    response = revise(
        couple.repairing,
        couple.space_id,
        created["id"],
        body="Messages every day for a year.",
        reason="I minimised it the first time.",
    )

    assert response.status_code == 201
    detail = response.get_json()
    assert (detail["title"], detail["body"]) == ("Messages", "Messages every day for a year.")
    assert detail["revision_count"] == 2
    assert detail["updated_at"] == detail["revisions"][1]["created_at"]
    assert detail["created_at"] == created["created_at"]
    assert [(r["number"], r["body"], r["reason"]) for r in detail["revisions"]] == [
        (1, "Some messages.", None),
        (2, "Messages every day for a year.", "I minimised it the first time."),
    ]


def test_revising_the_title_keeps_the_body(couple: Couple, disclosure: dict[str, Any]) -> None:
    response = revise(
        couple.repairing, couple.space_id, disclosure["id"], title="  Clearer  ", reason="Plainer."
    )

    detail = response.get_json()
    assert (detail["title"], detail["body"]) == ("Clearer", disclosure["body"])


def test_each_revision_is_numbered_after_the_last(
    couple: Couple, disclosure: dict[str, Any]
) -> None:
    for number in (2, 3, 4):
        response = revise(
            couple.repairing,
            couple.space_id,
            disclosure["id"],
            body=f"Version {number}",
            reason=".",
        )
        assert response.get_json()["revisions"][-1]["number"] == number


def test_a_revision_chains_one_ledger_entry(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    revise(couple.repairing, couple.space_id, disclosure["id"], body="More.", reason="Fuller.")

    assert ledger_kinds(app, couple.space_id) == {"disclosure": 1, "disclosure_revision": 2}


def test_a_revision_that_changes_nothing_is_refused(
    app: Flask, couple: Couple, disclosure: dict[str, Any]
) -> None:
    response = revise(
        couple.repairing,
        couple.space_id,
        disclosure["id"],
        title=disclosure["title"],
        body=disclosure["body"],
        reason="No change.",
    )

    assert response.status_code == 422
    assert "body" in response.get_json()["errors"]
    assert ledger_kinds(app, couple.space_id)["disclosure_revision"] == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "reason"),
        ({"reason": "Because."}, "title"),
        ({"reason": "Because."}, "body"),
        ({"body": "New words."}, "reason"),
        ({"body": "New words.", "reason": ""}, "reason"),
        ({"body": "New words.", "reason": "   "}, "reason"),
        ({"body": "New words.", "reason": "r" * 1001}, "reason"),
        ({"body": "New words.", "reason": None}, "reason"),
        ({"title": "", "reason": "Because."}, "title"),
        ({"title": "  ", "reason": "Because."}, "title"),
        ({"title": "t" * 201, "reason": "Because."}, "title"),
        ({"title": None, "reason": "Because."}, "title"),
        ({"body": "", "reason": "Because."}, "body"),
        ({"body": "b" * 20_001, "reason": "Because."}, "body"),
        ({"body": 12, "reason": "Because."}, "body"),
        ({"body": "New words.", "reason": "Because.", "number": 1}, "number"),
        ({"body": "New words.", "reason": "Because.", "category": "other"}, "category"),
    ],
)
def test_invalid_revision_is_refused(
    app: Flask, couple: Couple, disclosure: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    response = couple.repairing.post(
        disclosures_path(couple.space_id, disclosure["id"], "revisions"), json=body
    )

    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert ledger_kinds(app, couple.space_id)["disclosure_revision"] == 1


def test_longest_reason_is_accepted(couple: Couple, disclosure: dict[str, Any]) -> None:
    response = revise(
        couple.repairing, couple.space_id, disclosure["id"], body="x", reason="r" * 1000
    )

    assert response.status_code == 201


def test_hurt_partner_cannot_revise(app: Flask, couple: Couple, disclosure: dict[str, Any]) -> None:
    response = revise(couple.hurt, couple.space_id, disclosure["id"], body="x", reason="y")

    assert response.status_code == 403
    assert ledger_kinds(app, couple.space_id)["disclosure_revision"] == 1


def test_therapist_cannot_revise_even_with_a_grant(
    app: Flask, couple: Couple, disclosure: dict[str, Any], therapist: ApiClient
) -> None:
    share(couple.space_id, owner=couple.repairing, viewer=therapist)

    response = revise(therapist, couple.space_id, disclosure["id"], body="x", reason="y")

    assert response.status_code == 403
    assert ledger_kinds(app, couple.space_id)["disclosure_revision"] == 1


def test_revising_an_unknown_disclosure_is_404(couple: Couple) -> None:
    response = revise(couple.repairing, couple.space_id, 987_654, body="x", reason="y")

    assert response.status_code == 404
