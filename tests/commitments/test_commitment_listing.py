"""Seeing commitments: the list, who sees it, its current check and its query count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from tests.builders import ApiClient, Couple
from tests.commitments.api_helpers import MONDAY, M, days_ago, detail, listed
from tests.commitments.conftest import (
    TODAY,
    couple_in,
    grant,
    insert_checks,
    make_commitment,
    path,
    report,
    review,
)

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


def test_the_list_counts_days_as_the_author_lives_them(app: Flask) -> None:
    couple = couple_in(app, "Pacific/Kiritimati")  # already Thursday there
    made = make_commitment(couple.repairing, couple.space_id, starts_on=None)
    thursday = TODAY + timedelta(days=1)
    report(couple.repairing, couple.space_id, made["id"], thursday)

    body = listed(couple.hurt, couple)["items"][0]

    assert body["current_check"]["period_start"] == str(thursday)
    assert (body["reliability"], body["streak"]) == (pytest.approx(1 - M), 1)
