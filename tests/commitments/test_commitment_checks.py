"""Reporting and reviewing checks, and a record that is never rewritten."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from tests.builders import ApiClient, Couple
from tests.commitments.api_helpers import MONDAY, days_ago, detail
from tests.commitments.conftest import (
    TODAY,
    couple_in,
    grant,
    make_commitment,
    path,
    report,
    review,
    set_status,
)

# Checks


def test_repairing_partner_reports_a_day(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id)

    response = report(couple.repairing, couple.space_id, made["id"], TODAY, note="  ")

    assert response.status_code == 201
    check = response.get_json()
    assert check.pop("id") > 0 and check.pop("created_at")
    assert check == {
        "commitment_id": made["id"],
        "period_start": str(TODAY),
        "outcome": "kept",
        "note": None,
        "review": None,
        "replies": [],
    }


def test_weekly_checks_are_for_the_monday_of_their_week(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id, cadence="weekly")

    first = report(couple.repairing, couple.space_id, made["id"], TODAY)
    again = report(couple.repairing, couple.space_id, made["id"], MONDAY + timedelta(days=1))

    assert first.status_code == 201
    assert first.get_json()["period_start"] == str(MONDAY)
    assert again.status_code == 409


def test_a_second_check_for_the_same_day_is_a_conflict(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id)
    report(couple.repairing, couple.space_id, made["id"], TODAY)

    response = report(couple.repairing, couple.space_id, made["id"], TODAY, "missed")

    assert response.status_code == 409
    assert [c["outcome"] for c in detail(couple.hurt, couple, made["id"])["checks"]] == ["kept"]


@pytest.mark.parametrize(
    ("cadence", "starts_ago", "ago"),
    [
        ("daily", 0, -1),  # tomorrow
        ("weekly", 0, -5),  # next Monday
        ("daily", 0, 1),  # the day before the start
        ("weekly", 0, 3),  # Sunday: that week ends before a Wednesday start
        ("ongoing", 10, 11),
    ],
)
def test_checks_outside_the_commitments_time_are_refused(
    couple: Couple, cadence: str, starts_ago: int, ago: int
) -> None:
    made = make_commitment(
        couple.repairing, couple.space_id, cadence=cadence, starts_on=days_ago(starts_ago)
    )

    response = report(couple.repairing, couple.space_id, made["id"], TODAY - timedelta(days=ago))

    assert response.status_code == 422
    assert "period_start" in response.get_json()["errors"]


def test_the_week_a_commitment_starts_in_may_be_reported(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id, cadence="weekly")

    response = report(couple.repairing, couple.space_id, made["id"], MONDAY)

    assert response.status_code == 201


def test_the_future_is_judged_in_the_authors_timezone(app: Flask) -> None:
    couple = couple_in(app, "Pacific/Kiritimati")  # already Thursday there
    made = make_commitment(couple.repairing, couple.space_id)
    tomorrow_in_utc = TODAY + timedelta(days=1)

    assert report(couple.repairing, couple.space_id, made["id"], tomorrow_in_utc).status_code == 201
    later = report(couple.repairing, couple.space_id, made["id"], TODAY + timedelta(days=2))
    assert later.status_code == 422


def test_a_paused_commitment_still_takes_checks(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id)
    set_status(couple.repairing, couple.space_id, made["id"], "paused")

    assert report(couple.repairing, couple.space_id, made["id"], TODAY).status_code == 201


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"outcome": "kept"}, "period_start"),
        ({"period_start": "yesterday", "outcome": "kept"}, "period_start"),
        ({"period_start": str(TODAY), "outcome": "mostly"}, "outcome"),
        ({"period_start": str(TODAY)}, "outcome"),
        ({"period_start": str(TODAY), "outcome": "kept", "note": "x" * 5001}, "note"),
        ({"period_start": str(TODAY), "outcome": "kept", "disputed": True}, "disputed"),
    ],
)
def test_reporting_a_check_validates(couple: Couple, body: dict, field: str) -> None:
    made = make_commitment(couple.repairing, couple.space_id)

    response = couple.repairing.post(path(couple.space_id, made["id"], "checks"), json=body)

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_only_the_repairing_partner_reports_checks(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    grant(app, couple.space_id, couple.repairing, therapist)
    made = make_commitment(couple.repairing, couple.space_id)

    for other in (couple.hurt, therapist):
        assert report(other, couple.space_id, made["id"], TODAY).status_code == 403
    assert detail(couple.hurt, couple, made["id"])["checks"] == []


# Reviews


def test_hurt_partner_reviews_a_check(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id)
    check = report(couple.repairing, couple.space_id, made["id"], TODAY).get_json()

    response = review(couple.hurt, couple.space_id, made["id"], check["id"], "confirmed")

    assert response.status_code == 201
    body = response.get_json()
    assert body["id"] > 0 and body["created_at"]
    assert (body["verdict"], body["note"], body["author_id"]) == ("confirmed", None, couple.hurt.id)


def test_only_the_hurt_partner_reviews(app: Flask, couple: Couple, therapist: ApiClient) -> None:
    grant(app, couple.space_id, couple.repairing, therapist)
    made = make_commitment(couple.repairing, couple.space_id)
    check = report(couple.repairing, couple.space_id, made["id"], TODAY).get_json()

    for other in (couple.repairing, therapist):
        response = review(other, couple.space_id, made["id"], check["id"], "confirmed")
        assert response.status_code == 403
    assert detail(couple.hurt, couple, made["id"])["checks"][0]["review"] is None


def test_a_check_is_reviewed_only_under_its_own_commitment(couple: Couple) -> None:
    first = make_commitment(couple.repairing, couple.space_id)
    second = make_commitment(couple.repairing, couple.space_id)
    check = report(couple.repairing, couple.space_id, first["id"], TODAY).get_json()

    wrong = review(couple.hurt, couple.space_id, second["id"], check["id"], "confirmed")
    missing = review(couple.hurt, couple.space_id, first["id"], 999999, "confirmed")

    assert (wrong.status_code, missing.status_code) == (404, 404)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "verdict"),
        ({"verdict": "maybe"}, "verdict"),
        ({"verdict": "disputed", "note": "x" * 5001}, "note"),
        ({"verdict": "disputed", "outcome": "missed"}, "outcome"),
    ],
)
def test_a_review_validates(couple: Couple, body: dict, field: str) -> None:
    made = make_commitment(couple.repairing, couple.space_id)
    check = report(couple.repairing, couple.space_id, made["id"], TODAY).get_json()
    review_path = path(couple.space_id, made["id"], "checks", check["id"], "review")

    response = couple.hurt.post(review_path, json=body)

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


# The record is never rewritten


def test_nothing_can_be_deleted(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id)
    check = report(couple.repairing, couple.space_id, made["id"], TODAY).get_json()
    review(couple.hurt, couple.space_id, made["id"], check["id"], "confirmed")
    paths = [
        path(couple.space_id, made["id"]),
        path(couple.space_id, made["id"], "checks"),
        path(couple.space_id, made["id"], "checks", check["id"], "review"),
    ]

    for api in (couple.repairing, couple.hurt):
        for target in paths:
            assert api.delete(target).status_code == 405
    body = detail(couple.hurt, couple, made["id"])
    assert body["checks"][0]["review"]["verdict"] == "confirmed"


def test_every_write_is_chained_in_the_ledger(couple: Couple) -> None:
    sid = couple.space_id
    made = make_commitment(couple.repairing, sid)
    check = report(couple.repairing, sid, made["id"], TODAY).get_json()
    review(couple.hurt, sid, made["id"], check["id"], "disputed")
    set_status(couple.repairing, sid, made["id"], "completed")

    result = couple.hurt.get(f"/spaces/{sid}/record/verify").get_json()

    assert (result["valid"], result["entries"]) == (True, 4)
