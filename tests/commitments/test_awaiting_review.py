"""The hurt partner's paged list of commitment reports still waiting for a review."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Flask

from tests.builders import ApiClient, Couple
from tests.commitments.conftest import insert_checks, make_commitment, report, review


def queue(couple: Couple, api: ApiClient | None = None, **query: object):  # type: ignore[no-untyped-def]
    """GET the list of reports awaiting review as api (the hurt partner unless told)."""
    target = f"/spaces/{couple.space_id}/checks/awaiting-review"
    return (api or couple.hurt).get(target, query_string=query)


def test_lists_unreviewed_reports_newest_first_with_their_commitment(
    couple: Couple, frozen_today: date
) -> None:
    start = frozen_today - timedelta(days=3)
    made = make_commitment(couple.repairing, couple.space_id, starts_on=str(start))
    days = [start + timedelta(days=n) for n in range(3)]
    ids = [report(couple.repairing, couple.space_id, made["id"], d).get_json()["id"] for d in days]
    review(couple.hurt, couple.space_id, made["id"], ids[1], "confirmed")
    body = queue(couple).get_json()
    assert [item["id"] for item in body["items"]] == [ids[2], ids[0]]
    first = body["items"][0]
    assert first["commitment_title"] == made["title"]
    assert first["cadence"] == "daily"
    assert first["review"] is None
    assert first["outcome"] == "kept"
    assert body["next_before"] is None


def test_pages_with_limit_and_before(app: Flask, couple: Couple, frozen_today: date) -> None:
    start = frozen_today - timedelta(days=29)
    made = make_commitment(couple.repairing, couple.space_id, starts_on=str(start))
    insert_checks(app, made["id"], [start + timedelta(days=n) for n in range(30)])
    seen: list[int] = []
    page = queue(couple, limit=12).get_json()
    while True:
        seen += [item["id"] for item in page["items"]]
        if page["next_before"] is None:
            break
        assert len(page["items"]) == 12
        page = queue(couple, limit=12, before=page["next_before"]).get_json()
    assert len(seen) == 30
    assert seen == sorted(seen, reverse=True)


def test_only_the_hurt_partner_has_this_list(
    couple: Couple, therapist: ApiClient, outsider: ApiClient
) -> None:
    for other, status in ((couple.repairing, 403), (therapist, 403), (outsider, 404)):
        response = queue(couple, other)
        assert response.status_code == status
        assert response.headers["Content-Type"] == "application/problem+json"


def test_a_bad_limit_is_a_clear_problem(couple: Couple) -> None:
    response = queue(couple, limit=0)
    assert response.status_code == 422
    assert "limit" in response.get_json()["errors"]
    assert queue(couple, before="soon").status_code == 422


def test_another_space_reports_never_appear(
    couple: Couple, outsider: ApiClient, frozen_today: date
) -> None:
    spaces = outsider.get("/spaces").get_json()
    other_space = (spaces["items"] if isinstance(spaces, dict) else spaces)[0]["id"]
    made = make_commitment(outsider, other_space)
    assert report(outsider, other_space, made["id"], frozen_today).status_code == 201
    assert queue(couple).get_json()["items"] == []
