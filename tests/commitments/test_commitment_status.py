"""A commitment's detail, history and reviews, and changing its status."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from tests.builders import ApiClient, Couple
from tests.commitments.api_helpers import M, days_ago, detail, listed
from tests.commitments.conftest import (
    TODAY,
    grant,
    make_commitment,
    path,
    report,
    review,
    set_status,
)

# Detail, history and reviews


def test_detail_has_checks_newest_first_and_history_oldest_first(couple: Couple) -> None:
    sid = couple.space_id
    made = make_commitment(couple.repairing, sid, starts_on=days_ago(3))
    checks = [
        report(couple.repairing, sid, made["id"], TODAY - timedelta(days=n), outcome).get_json()
        for n, outcome in ((3, "kept"), (2, "partial"), (1, "missed"))
    ]
    review(couple.hurt, sid, made["id"], checks[1]["id"], "confirmed", note="Yes, I saw it")
    set_status(couple.repairing, sid, made["id"], "paused", "Away for work")
    set_status(couple.repairing, sid, made["id"], "active", "Back home")

    body = detail(couple.hurt, couple, made["id"])

    assert [c["period_start"] for c in body["checks"]] == [days_ago(1), days_ago(2), days_ago(3)]
    assert [c["outcome"] for c in body["checks"]] == ["missed", "partial", "kept"]
    assert body["checks"][0]["review"] is None
    confirmed = body["checks"][1]["review"]
    assert (confirmed["verdict"], confirmed["note"]) == ("confirmed", "Yes, I saw it")
    assert confirmed["author_id"] == couple.hurt.id and confirmed["created_at"]
    history = [(h["status"], h["reason"], h["effective_on"]) for h in body["status_history"]]
    assert history == [("paused", "Away for work", str(TODAY)), ("active", "Back home", str(TODAY))]
    assert body["status"] == "active"


def test_newest_review_stands(couple: Couple) -> None:
    sid = couple.space_id
    made = make_commitment(couple.repairing, sid)
    check = report(couple.repairing, sid, made["id"], TODAY).get_json()

    first = review(couple.hurt, sid, made["id"], check["id"], "confirmed")
    second = review(couple.hurt, sid, made["id"], check["id"], "disputed", note="Not what I saw")

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.get_json()["verdict"] == "disputed"
    standing = detail(couple.hurt, couple, made["id"])["checks"][0]["review"]
    assert standing["id"] == second.get_json()["id"]


def test_a_dispute_is_seen_by_both_partners_and_counts_as_partial(couple: Couple) -> None:
    sid = couple.space_id
    made = make_commitment(couple.repairing, sid, starts_on=days_ago(1))
    check = report(couple.repairing, sid, made["id"], TODAY - timedelta(days=1)).get_json()
    assert detail(couple.repairing, couple, made["id"])["reliability"] == pytest.approx(1 - M)

    review(couple.hurt, sid, made["id"], check["id"], "disputed", note="That didn't happen")

    for partner in (couple.hurt, couple.repairing):
        body = detail(partner, couple, made["id"])
        assert body["checks"][0]["review"]["verdict"] == "disputed"
        assert body["reliability"] == pytest.approx(0.5 * (1 - M))
        assert body["streak"] == 0


def test_therapist_sees_reviews_only_with_the_hurt_partners_grant(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    sid = couple.space_id
    grant(app, sid, couple.repairing, therapist)
    made = make_commitment(couple.repairing, sid, starts_on=days_ago(1))
    check = report(couple.repairing, sid, made["id"], TODAY - timedelta(days=1)).get_json()
    review(couple.hurt, sid, made["id"], check["id"], "disputed")

    hidden = detail(therapist, couple, made["id"])
    grant(app, sid, couple.hurt, therapist)
    shown = detail(therapist, couple, made["id"])

    assert hidden["checks"][0]["review"] is None
    assert (hidden["reliability"], hidden["streak"]) == (pytest.approx(1 - M), 1)
    assert shown["checks"][0]["review"]["verdict"] == "disputed"
    assert (shown["reliability"], shown["streak"]) == (pytest.approx(0.5 * (1 - M)), 0)


def test_reliability_and_streak_follow_the_checks(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id, starts_on=days_ago(30))
    for n in range(1, 31):
        day = TODAY - timedelta(days=n)
        assert report(couple.repairing, couple.space_id, made["id"], day).status_code == 201

    body = listed(couple.hurt, couple)["items"][0]

    assert body["reliability"] == pytest.approx(1 - 0.5 ** (30 / 13))
    assert body["streak"] == 30


def test_unreported_days_count_as_missed_once_over(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id, starts_on=days_ago(3))
    report(couple.repairing, couple.space_id, made["id"], TODAY - timedelta(days=3))

    body = detail(couple.hurt, couple, made["id"])

    assert body["reliability"] == pytest.approx((1 - M) * M * M)  # today is not over yet
    assert body["streak"] == 0


# Changing status


def test_pausing_is_kept_as_history(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id)

    response = set_status(couple.repairing, couple.space_id, made["id"], "paused", "Hospital")

    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "paused"
    assert [(h["status"], h["reason"]) for h in body["status_history"]] == [("paused", "Hospital")]
    assert listed(couple.hurt, couple)["items"][0]["status"] == "paused"


def test_setting_the_status_it_already_has_is_a_conflict(couple: Couple) -> None:
    sid, made = couple.space_id, make_commitment(couple.repairing, couple.space_id)

    assert set_status(couple.repairing, sid, made["id"], "active").status_code == 409
    assert set_status(couple.repairing, sid, made["id"], "paused").status_code == 200
    assert set_status(couple.repairing, sid, made["id"], "paused").status_code == 409


@pytest.mark.parametrize("final", ["completed", "withdrawn"])
def test_completed_and_withdrawn_are_final(couple: Couple, final: str) -> None:
    sid, made = couple.space_id, make_commitment(couple.repairing, couple.space_id)

    assert set_status(couple.repairing, sid, made["id"], final).status_code == 200

    for status in ("active", "paused", "completed", "withdrawn"):
        assert set_status(couple.repairing, sid, made["id"], status).status_code == 409
    assert report(couple.repairing, sid, made["id"], TODAY).status_code == 409
    assert detail(couple.hurt, couple, made["id"])["status"] == final


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason": "Because"}, "status"),
        ({"status": "done", "reason": "Because"}, "status"),
        ({"status": "paused"}, "reason"),
        ({"status": "paused", "reason": "  "}, "reason"),
        ({"status": "paused", "reason": "x" * 1001}, "reason"),
        ({"status": "paused", "reason": "Because", "title": "New"}, "title"),
    ],
)
def test_status_change_validates(couple: Couple, body: dict, field: str) -> None:
    made = make_commitment(couple.repairing, couple.space_id)

    response = couple.repairing.patch(path(couple.space_id, made["id"]), json=body)

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_only_the_repairing_partner_changes_status(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    grant(app, couple.space_id, couple.repairing, therapist)
    made = make_commitment(couple.repairing, couple.space_id)

    for other in (couple.hurt, therapist):
        assert set_status(other, couple.space_id, made["id"], "paused").status_code == 403
    assert detail(couple.hurt, couple, made["id"])["status_history"] == []


def test_unknown_commitment_is_not_found(couple: Couple) -> None:
    assert couple.hurt.get(path(couple.space_id, 999999)).status_code == 404
    assert set_status(couple.repairing, couple.space_id, 999999, "paused").status_code == 404
