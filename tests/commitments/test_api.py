"""Commitments from the outside: who may write, who sees what, and what the record says."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from tests.builders import ApiClient, Couple, make_couple
from tests.commitments.conftest import (
    TODAY,
    couple_in,
    grant,
    insert_checks,
    make_commitment,
    path,
    report,
    review,
    set_status,
)

M = 0.5 ** (1 / 13)  # the daily multiplier
MONDAY = TODAY - timedelta(days=2)  # TODAY is a Wednesday


def days_ago(n: int) -> str:
    return str(TODAY - timedelta(days=n))


def detail(api: ApiClient, couple: Couple, commitment_id: int) -> dict:
    response = api.get(path(couple.space_id, commitment_id))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def listed(api: ApiClient, couple: Couple, **query: object) -> dict:
    response = api.get(path(couple.space_id), query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


# Making commitments


def test_repairing_partner_makes_a_commitment(couple: Couple) -> None:
    body = {"title": "  Phone open on the table ", "description": "Evenings", "cadence": "weekly"}

    response = couple.repairing.post(path(couple.space_id), json=body)

    assert response.status_code == 201
    made = response.get_json()
    assert made.pop("id") > 0 and made.pop("created_at")
    assert made == {
        "space_id": couple.space_id,
        "author_id": couple.repairing.id,
        "title": "Phone open on the table",
        "description": "Evenings",
        "cadence": "weekly",
        "starts_on": str(TODAY),
        "status": "active",
        "reliability": 0.0,
        "streak": 0,
        "current_check": None,
    }


def test_start_defaults_to_today_where_the_author_lives(app: Flask) -> None:
    couple = couple_in(app, "Pacific/Kiritimati")  # UTC+14: already tomorrow there

    made = make_commitment(couple.repairing, couple.space_id, starts_on=None)

    assert made["starts_on"] == str(TODAY + timedelta(days=1))


def test_a_commitment_may_start_up_to_a_year_ahead(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id, starts_on=days_ago(-366))

    assert made["starts_on"] == days_ago(-366)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": None}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": 5}, "title"),
        ({"cadence": "monthly"}, "cadence"),
        ({"cadence": None}, "cadence"),
        ({"description": "x" * 5001}, "description"),
        ({"starts_on": "next week"}, "starts_on"),
        ({"starts_on": days_ago(-367)}, "starts_on"),
        ({"status": "active"}, "status"),
    ],
)
def test_making_a_commitment_validates(couple: Couple, change: dict, field: str) -> None:
    body = {"title": "Share my phone", "cadence": "daily"} | change
    body = {key: value for key, value in body.items() if value is not None}

    response = couple.repairing.post(path(couple.space_id), json=body)

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_only_the_repairing_partner_makes_commitments(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    grant(app, couple.space_id, couple.repairing, therapist)
    body = {"title": "Share my phone", "cadence": "daily"}

    for other in (couple.hurt, therapist):
        assert other.post(path(couple.space_id), json=body).status_code == 403
    assert listed(couple.hurt, couple)["items"] == []


def test_anonymous_callers_get_401(couple: Couple, client: ApiClient) -> None:
    made = make_commitment(couple.repairing, couple.space_id)

    assert client.get(path(couple.space_id)).status_code == 401
    assert client.get(path(couple.space_id, made["id"])).status_code == 401


def test_outsiders_get_404_for_everything(couple: Couple, outsider: ApiClient) -> None:
    made = make_commitment(couple.repairing, couple.space_id)
    check = report(couple.repairing, couple.space_id, made["id"], TODAY).get_json()
    sid, cid = couple.space_id, made["id"]

    assert outsider.get(path(sid)).status_code == 404
    assert outsider.post(path(sid), json={"title": "x", "cadence": "daily"}).status_code == 404
    assert outsider.get(path(sid, cid)).status_code == 404
    assert set_status(outsider, sid, cid, "paused").status_code == 404
    assert report(outsider, sid, cid, TODAY).status_code == 404
    assert review(outsider, sid, cid, check["id"], "confirmed").status_code == 404


def test_a_commitment_from_another_space_is_not_found(app: Flask, couple: Couple) -> None:
    other = make_couple(app)
    theirs = make_commitment(other.repairing, other.space_id)

    assert couple.repairing.get(path(couple.space_id, theirs["id"])).status_code == 404
    assert set_status(couple.repairing, couple.space_id, theirs["id"], "paused").status_code == 404
    assert report(couple.repairing, couple.space_id, theirs["id"], TODAY).status_code == 404


# Seeing commitments


def test_list_is_newest_first_and_paginated(couple: Couple) -> None:
    ids = [
        make_commitment(couple.repairing, couple.space_id, title=f"C{n}")["id"] for n in range(3)
    ]

    first = listed(couple.hurt, couple, limit=2)
    rest = listed(couple.hurt, couple, limit=2, before=first["next_before"])

    assert [c["id"] for c in first["items"]] == [ids[2], ids[1]]
    assert first["next_before"] == ids[1]
    assert [c["id"] for c in rest["items"]] == [ids[0]]
    assert rest["next_before"] is None


def test_hurt_partner_always_sees_commitments(couple: Couple) -> None:
    made = make_commitment(couple.repairing, couple.space_id)

    assert [c["id"] for c in listed(couple.hurt, couple)["items"]] == [made["id"]]
    assert detail(couple.hurt, couple, made["id"])["title"] == made["title"]


def test_therapist_sees_commitments_only_while_granted(
    app: Flask, couple: Couple, therapist: ApiClient
) -> None:
    made = make_commitment(couple.repairing, couple.space_id)
    own_path = path(couple.space_id, made["id"])

    assert listed(therapist, couple)["items"] == []
    assert therapist.get(own_path).status_code == 404
    grant(app, couple.space_id, couple.repairing, therapist)
    assert [c["id"] for c in listed(therapist, couple)["items"]] == [made["id"]]
    assert therapist.get(own_path).status_code == 200
    grant(app, couple.space_id, couple.repairing, therapist, granted=False)
    assert listed(therapist, couple)["items"] == []
    assert therapist.get(own_path).status_code == 404


def test_list_shows_the_current_periods_check(couple: Couple) -> None:
    sid = couple.space_id
    daily = make_commitment(couple.repairing, sid, starts_on=days_ago(1))
    weekly = make_commitment(couple.repairing, sid, cadence="weekly", starts_on=days_ago(7))
    report(couple.repairing, sid, daily["id"], TODAY - timedelta(days=1))
    report(couple.repairing, sid, weekly["id"], MONDAY, "partial", note="Most evenings")

    items = {c["id"]: c for c in listed(couple.hurt, couple)["items"]}

    assert items[daily["id"]]["current_check"] is None  # only yesterday was reported
    current = items[weekly["id"]]["current_check"]
    assert (current["period_start"], current["outcome"]) == (str(MONDAY), "partial")
    assert (current["note"], current["review"]) == ("Most evenings", None)


def listing_queries(api: ApiClient, couple: Couple, count_queries) -> tuple[int, dict]:  # type: ignore[no-untyped-def]
    with count_queries() as counter:
        body = listed(api, couple)
    return counter.count, body


def test_listing_takes_the_same_queries_for_2_or_10_commitments(
    couple: Couple, count_queries
) -> None:  # type: ignore[no-untyped-def]
    def add(n: int) -> None:
        for _ in range(n):
            made = make_commitment(couple.repairing, couple.space_id, starts_on=days_ago(3))
            check = report(couple.repairing, couple.space_id, made["id"], TODAY).get_json()
            review(couple.hurt, couple.space_id, made["id"], check["id"], "disputed")

    add(2)
    few, few_body = listing_queries(couple.hurt, couple, count_queries)
    add(8)
    many, many_body = listing_queries(couple.hurt, couple, count_queries)

    assert len(few_body["items"]) == 2 and len(many_body["items"]) == 10
    assert all(c["current_check"]["review"]["verdict"] == "disputed" for c in many_body["items"])
    assert many == few


def test_listing_takes_the_same_queries_for_5_or_200_checks(
    app: Flask, couple: Couple, count_queries
) -> None:  # type: ignore[no-untyped-def]
    made = make_commitment(couple.repairing, couple.space_id, starts_on=days_ago(200))
    insert_checks(app, made["id"], (TODAY - timedelta(days=n) for n in range(1, 6)))
    few, few_body = listing_queries(couple.hurt, couple, count_queries)
    insert_checks(app, made["id"], (TODAY - timedelta(days=n) for n in range(6, 201)))
    many, many_body = listing_queries(couple.hurt, couple, count_queries)

    assert few_body["items"][0]["streak"] == 5
    assert many_body["items"][0]["streak"] == 200
    assert many == few


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


def test_the_list_counts_days_as_the_author_lives_them(app: Flask) -> None:
    couple = couple_in(app, "Pacific/Kiritimati")  # already Thursday there
    made = make_commitment(couple.repairing, couple.space_id, starts_on=None)
    thursday = TODAY + timedelta(days=1)
    report(couple.repairing, couple.space_id, made["id"], thursday)

    body = listed(couple.hurt, couple)["items"][0]

    assert body["current_check"]["period_start"] == str(thursday)
    assert (body["reliability"], body["streak"]) == (pytest.approx(1 - M), 1)
