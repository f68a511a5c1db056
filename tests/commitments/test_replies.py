"""Replies under a reviewed check: the repairing partner can answer a dispute."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask

from tests.builders import PASSWORD, ApiClient, Couple
from tests.commitments.conftest import grant, make_commitment, path, report, review


@pytest.fixture
def disputed(couple: Couple, frozen_today: date) -> dict[str, Any]:
    """A daily commitment with yesterday's check, disputed by the hurt partner."""
    commitment = make_commitment(couple.repairing, couple.space_id)
    yesterday = frozen_today - timedelta(days=1)
    make = make_commitment(couple.repairing, couple.space_id, starts_on=str(yesterday))
    check = report(couple.repairing, couple.space_id, make["id"], yesterday).get_json()
    verdict = review(couple.hurt, couple.space_id, make["id"], check["id"], "disputed")
    assert verdict.status_code == 201
    return {"commitment_id": make["id"], "check_id": check["id"], "other": commitment["id"]}


def reply(api: ApiClient, couple: Couple, case: dict[str, Any], body: Any):  # type: ignore[no-untyped-def]
    """POST a reply under the disputed check."""
    target = path(couple.space_id, case["commitment_id"], "checks", case["check_id"], "replies")
    return api.post(target, json={"body": body})


def replies_seen(api: ApiClient, couple: Couple, case: dict[str, Any]) -> list[str]:
    """The reply bodies api sees under the check in the commitment's detail."""
    detail = api.get(path(couple.space_id, case["commitment_id"])).get_json()
    check = next(c for c in detail["checks"] if c["id"] == case["check_id"])
    return [r["body"] for r in check["replies"]]


def test_the_repairing_partner_answers_a_dispute_and_both_read_it(
    couple: Couple, disputed: dict[str, Any]
) -> None:
    response = reply(couple.repairing, couple, disputed, "I was home by nine; I can show you.")
    assert response.status_code == 201
    assert response.get_json()["author_id"] == couple.repairing.id
    reply(couple.hurt, couple, disputed, "Thank you for answering.")
    expected = ["I was home by nine; I can show you.", "Thank you for answering."]
    assert replies_seen(couple.repairing, couple, disputed) == expected
    assert replies_seen(couple.hurt, couple, disputed) == expected


def test_a_reply_changes_neither_the_check_nor_its_review(
    couple: Couple, disputed: dict[str, Any]
) -> None:
    before = couple.hurt.get(path(couple.space_id, disputed["commitment_id"])).get_json()
    reply(couple.repairing, couple, disputed, "Here is my side.")
    after = couple.hurt.get(path(couple.space_id, disputed["commitment_id"])).get_json()
    strip = [{k: v for k, v in c.items() if k != "replies"} for c in before["checks"]]
    assert [{k: v for k, v in c.items() if k != "replies"} for c in after["checks"]] == strip
    assert after["reliability"] == before["reliability"]
    assert couple.hurt.get(f"/spaces/{couple.space_id}/record/verify").get_json()["valid"]


def test_a_therapist_reads_a_reply_only_with_its_authors_grant(
    app: Flask, couple: Couple, disputed: dict[str, Any], therapist: ApiClient
) -> None:
    reply(couple.repairing, couple, disputed, "My side.")
    reply(couple.hurt, couple, disputed, "Mine.")
    grant(app, couple.space_id, couple.repairing, therapist)
    assert replies_seen(therapist, couple, disputed) == ["My side."]
    assert reply(therapist, couple, disputed, "Let's talk Tuesday.").status_code == 403


def test_a_check_without_a_review_has_nothing_to_reply_to(
    couple: Couple, frozen_today: date
) -> None:
    yesterday = frozen_today - timedelta(days=1)
    made = make_commitment(couple.repairing, couple.space_id, starts_on=str(yesterday))
    check = report(couple.repairing, couple.space_id, made["id"], yesterday).get_json()
    case = {"commitment_id": made["id"], "check_id": check["id"]}
    response = reply(couple.repairing, couple, case, "Hello?")
    assert response.status_code == 409
    assert response.get_json()["type"] == "urn:mend:problem:not-reviewed"


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001, 3, None])
def test_a_reply_needs_a_few_words_in_plain_limits(
    couple: Couple, disputed: dict[str, Any], body: Any
) -> None:
    response = reply(couple.repairing, couple, disputed, body)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["body"]


def test_a_check_of_another_commitment_is_not_found(
    couple: Couple, disputed: dict[str, Any]
) -> None:
    wrong = {**disputed, "commitment_id": disputed["other"]}
    assert reply(couple.repairing, couple, wrong, "Hello").status_code == 404


def test_deleting_an_account_erases_its_replies_and_the_record_still_verifies(
    couple: Couple, disputed: dict[str, Any]
) -> None:
    reply(couple.hurt, couple, disputed, "Words that go with my account.")
    reply(couple.repairing, couple, disputed, "My answer stays.")
    assert couple.hurt.delete("/account", json={"password": PASSWORD}).status_code == 204
    assert replies_seen(couple.repairing, couple, disputed) == ["My answer stays."]
    assert couple.repairing.get(f"/spaces/{couple.space_id}/record/verify").get_json()["valid"]
