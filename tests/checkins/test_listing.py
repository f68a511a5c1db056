"""Listing check-ins: the author filter, local-day date ranges, pages and a constant query count."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.builders import ApiClient, Couple
from tests.checkins.conftest import (
    both_check_in,
    check_in,
    checkins_path,
    listed,
    local,
    make_checkin,
    make_couple_in,
    set_consent,
)


def test_author_filter_lists_one_partner(couple: Couple) -> None:
    hurt, repairing = both_check_in(couple)

    assert [c["id"] for c in listed(couple.hurt, couple, f"?author_id={couple.hurt.id}")] == [
        hurt["id"]
    ]
    query = f"?author_id={couple.repairing.id}"
    assert [c["id"] for c in listed(couple.hurt, couple, query)] == [repairing["id"]]


def test_author_filter_for_hidden_author_lists_nothing(
    couple: Couple, therapist: ApiClient
) -> None:
    both_check_in(couple)

    assert listed(therapist, couple, f"?author_id={couple.hurt.id}") == []


def test_date_range_uses_the_callers_local_days(app: Flask) -> None:
    couple = make_couple_in(app, hurt_timezone="Pacific/Auckland", repairing_timezone="UTC")
    # 2024-06-10 23:30 UTC is already 2024-06-11 11:30 in Auckland.
    late = make_checkin(
        app,
        space_id=couple.space_id,
        author_id=couple.hurt.id,
        created_at=local("2024-06-10 23:30", "UTC"),
        felt_safety=4,
    )

    def ids(member: ApiClient, query: str) -> list[int]:
        return [c["id"] for c in listed(member, couple, query)]

    assert ids(couple.hurt, "?from=2024-06-11&to=2024-06-11") == [late]
    assert ids(couple.hurt, "?to=2024-06-10") == []
    assert ids(couple.repairing, "?from=2024-06-10&to=2024-06-10") == [late]
    assert ids(couple.repairing, "?from=2024-06-11") == []


def test_date_range_holds_whole_local_days_across_the_autumn_dst_change(app: Flask) -> None:
    couple = make_couple_in(app, hurt_timezone="America/New_York", repairing_timezone="UTC")
    made = {
        moment: make_checkin(
            app,
            space_id=couple.space_id,
            author_id=couple.hurt.id,
            created_at=local(moment, "America/New_York"),
            felt_safety=5,
        )
        for moment in (
            "2024-11-02 23:30",
            "2024-11-03 00:30",
            "2024-11-03 23:30",
            "2024-11-04 00:30",
        )
    }

    items = listed(couple.hurt, couple, "?from=2024-11-03&to=2024-11-03")

    assert sorted(c["id"] for c in items) == [made["2024-11-03 00:30"], made["2024-11-03 23:30"]]


def test_pages_walk_newest_first_without_gaps(couple: Couple) -> None:
    created = [check_in(couple.hurt, couple, felt_safety=n)["id"] for n in range(5)]
    seen, before = [], ""
    while True:
        page = couple.hurt.get(f"{checkins_path(couple)}?limit=2{before}").get_json()
        seen += [c["id"] for c in page["items"]]
        if page["next_before"] is None:
            break
        before = f"&before={page['next_before']}"

    assert seen == created[::-1]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?from=2024-06-12&to=2024-06-11", "from"),
        ("?from=yesterday", "from"),
        ("?to=2024-02-30", "to"),
        ("?from=0001-01-01", "from"),
        ("?to=9999-12-31", "to"),
        ("?author_id=abc", "author_id"),
        ("?author_id=0", "author_id"),
        ("?author_id=2147483648", "author_id"),
        ("?limit=0", "limit"),
        ("?limit=201", "limit"),
        ("?before=0", "before"),
    ],
)
def test_list_query_validation_names_the_field(couple: Couple, query: str, field: str) -> None:
    response = couple.hurt.get(f"{checkins_path(couple)}{query}")

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


def test_listing_takes_the_same_number_of_queries_for_few_or_many(
    app: Flask, couple: Couple, therapist: ApiClient, count_queries
) -> None:
    set_consent(
        app, space_id=couple.space_id, owner=couple.hurt, viewer=therapist, category="checkins"
    )

    def queries_to_list() -> int:
        with count_queries() as counter:
            assert therapist.get(checkins_path(couple)).status_code == 200
        return counter.count

    both_check_in(couple)
    few = queries_to_list()
    for _ in range(10):
        both_check_in(couple)
    assert queries_to_list() == few
