"""Reading disclosures: the list, one disclosure, paging, and what is never offered."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.builders import ApiClient, Couple, make_couple
from tests.disclosures.conftest import disclose, disclosures_path, respond


def listed(viewer: ApiClient, space_id: int, query: str = "") -> dict[str, Any]:
    """The disclosure list as viewer sees it."""
    response = viewer.get(f"{disclosures_path(space_id)}{query}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_list_is_newest_first_and_shows_current_words(couple: Couple) -> None:
    first = disclose(couple.repairing, couple.space_id, title="First")
    second = disclose(couple.repairing, couple.space_id, title="Second")
    revised = couple.repairing.post(
        disclosures_path(couple.space_id, first["id"], "revisions"),
        json={"title": "First, fully", "reason": "I left out how long it went on."},
    ).get_json()

    page = listed(couple.hurt, couple.space_id)

    assert [item["id"] for item in page["items"]] == [second["id"], first["id"]]
    assert page["next_before"] is None
    item = page["items"][1]
    assert item["title"] == "First, fully"
    assert item["body"] == first["body"]
    assert item["revision_count"] == 2
    assert item["created_at"] == first["created_at"]
    assert item["updated_at"] == revised["revisions"][1]["created_at"]
    assert "revisions" not in item and "responses" not in item


def test_list_item_counts_replies_and_shows_acknowledgement(couple: Couple) -> None:
    created = disclose(couple.repairing, couple.space_id)
    respond(couple.hurt, couple.space_id, created["id"], "Why then?")
    respond(couple.repairing, couple.space_id, created["id"], "Because I was afraid.")
    acknowledged = couple.hurt.post(
        disclosures_path(couple.space_id, created["id"], "acknowledge")
    ).get_json()

    for viewer in (couple.hurt, couple.repairing):
        (item,) = listed(viewer, couple.space_id)["items"]
        assert item["response_count"] == 2
        assert item["acknowledged_at"] == acknowledged["acknowledged_at"]


def test_list_pages_with_the_before_cursor(couple: Couple) -> None:
    ids = [disclose(couple.repairing, couple.space_id)["id"] for _ in range(3)]

    first = listed(couple.hurt, couple.space_id, "?limit=2")
    rest = listed(couple.hurt, couple.space_id, f"?limit=2&before={first['next_before']}")

    assert [item["id"] for item in first["items"]] == [ids[2], ids[1]]
    assert first["next_before"] == ids[1]
    assert [item["id"] for item in rest["items"]] == [ids[0]]
    assert rest["next_before"] is None


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?limit=0", "limit"),
        ("?limit=201", "limit"),
        ("?limit=many", "limit"),
        ("?before=0", "before"),
        ("?before=-3", "before"),
    ],
)
def test_list_arguments_are_validated(couple: Couple, query: str, field: str) -> None:
    response = couple.hurt.get(f"{disclosures_path(couple.space_id)}{query}")

    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_list_costs_the_same_queries_for_3_or_30_disclosures(
    app: Flask, count_queries: Any
) -> None:
    def queries_to_list(size: int) -> int:
        couple = make_couple(app)
        for number in range(size):
            created = disclose(couple.repairing, couple.space_id)
            respond(couple.hurt, couple.space_id, created["id"], f"Question {number}")
            couple.hurt.post(disclosures_path(couple.space_id, created["id"], "acknowledge"))
        with count_queries() as counter:
            assert len(listed(couple.hurt, couple.space_id)["items"]) == size
        return counter.count

    assert queries_to_list(3) == queries_to_list(30)


def test_detail_has_revisions_and_replies_oldest_first(couple: Couple) -> None:
    created = disclose(couple.repairing, couple.space_id, title="Original", body="Words one.")
    path = disclosures_path(couple.space_id, created["id"])
    couple.repairing.post(f"{path}/revisions", json={"body": "Words two.", "reason": "More."})
    question = respond(couple.hurt, couple.space_id, created["id"], "Was there more?")
    answer = respond(couple.repairing, couple.space_id, created["id"], "Yes, and here it is.")

    detail = couple.hurt.get(path).get_json()

    assert [(r["number"], r["title"], r["body"], r["reason"]) for r in detail["revisions"]] == [
        (1, "Original", "Words one.", None),
        (2, "Original", "Words two.", "More."),
    ]
    assert detail["responses"] == [question, answer]
    assert (detail["title"], detail["body"]) == ("Original", "Words two.")
    assert detail["response_count"] == 2


def test_unknown_disclosure_is_404(couple: Couple) -> None:
    assert couple.hurt.get(disclosures_path(couple.space_id, 987_654)).status_code == 404


def test_disclosure_of_another_space_is_404_everywhere(app: Flask, couple: Couple) -> None:
    other = make_couple(app)
    theirs = disclose(other.repairing, other.space_id)
    path = disclosures_path(couple.space_id, theirs["id"])

    assert couple.hurt.get(path).status_code == 404
    assert (
        couple.repairing.post(f"{path}/revisions", json={"body": "x", "reason": "y"}).status_code
        == 404
    )
    assert couple.hurt.post(f"{path}/responses", json={"body": "x"}).status_code == 404
    assert couple.hurt.post(f"{path}/acknowledge").status_code == 404
    assert listed(couple.hurt, couple.space_id)["items"] == []
    assert other.hurt.get(disclosures_path(other.space_id, theirs["id"])).get_json() == theirs


def test_outsiders_cannot_read_a_space_s_disclosures(
    app: Flask, couple: Couple, disclosure: dict[str, Any], client: ApiClient
) -> None:
    other = make_couple(app)
    detail = disclosures_path(couple.space_id, disclosure["id"])

    for outsider in (other.hurt, other.repairing):
        assert outsider.get(disclosures_path(couple.space_id)).status_code == 404
        assert outsider.get(detail).status_code == 404
    assert client.get(disclosures_path(couple.space_id)).status_code == 401
    assert client.get(detail).status_code == 401


@pytest.mark.parametrize("method", ["DELETE", "PUT", "PATCH"])
@pytest.mark.parametrize("action", [None, "", "revisions", "responses", "acknowledge"])
def test_nothing_is_deleted_or_edited_in_place(
    couple: Couple, disclosure: dict[str, Any], method: str, action: str | None
) -> None:
    path = (
        disclosures_path(couple.space_id)
        if action is None
        else disclosures_path(couple.space_id, disclosure["id"], action)
    )

    response = couple.repairing.request(method, path, json={"title": "Quietly changed"})

    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"
    after = couple.hurt.get(disclosures_path(couple.space_id, disclosure["id"])).get_json()
    assert after == disclosure


def test_a_list_is_three_statements_login_access_and_page(
    couple: Couple, count_queries: Any
) -> None:
    disclose(couple.repairing, couple.space_id)
    with count_queries() as counter:
        assert len(listed(couple.hurt, couple.space_id)["items"]) == 1
    # The login session's user, the space's memberships with the consents received (policy's
    # loader), the page.
    assert counter.count == 3, counter.statements
