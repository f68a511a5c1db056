"""Pacing: the hurt partner holds new disclosures and releases them when ready."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.builders import ApiClient, Couple, make_couple
from tests.disclosures.conftest import disclose, disclosures_path, respond


def pacing_path(space_id: int, action: str = "") -> str:
    """The API path of a space's pacing choice, or one of its actions."""
    return f"/spaces/{space_id}/pacing" + (f"/{action}" if action else "")


def hold(couple: Couple, on: bool = True) -> dict[str, Any]:
    """The hurt partner turns holding on (or off) through the API."""
    response = couple.hurt.put(pacing_path(couple.space_id), json={"hold_disclosures": on})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def release(couple: Couple, **body: Any) -> dict[str, Any]:
    """The hurt partner releases what is held."""
    response = couple.hurt.post(pacing_path(couple.space_id, "release"), json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def items(viewer: ApiClient, space_id: int) -> dict[int, dict[str, Any]]:
    """The disclosure list as viewer sees it, by id."""
    response = viewer.get(disclosures_path(space_id))
    assert response.status_code == 200
    return {item["id"]: item for item in response.get_json()["items"]}


def test_pacing_is_off_by_default(couple: Couple) -> None:
    response = couple.hurt.get(pacing_path(couple.space_id))

    assert response.status_code == 200
    assert response.get_json() == {"hold_disclosures": False, "held": []}


def test_a_new_disclosure_is_listed_held_without_its_words(couple: Couple) -> None:
    before = disclose(couple.repairing, couple.space_id, title="Before pacing")
    hold(couple)
    held = disclose(couple.repairing, couple.space_id, title="While holding")

    listed = items(couple.hurt, couple.space_id)

    assert listed[before["id"]]["title"] == "Before pacing"
    assert listed[before["id"]]["held"] is False
    item = listed[held["id"]]
    assert item["held"] is True
    assert item["created_at"] == held["created_at"]
    assert item["title"] is None and item["body"] is None and item["category"] is None
    assert "While holding" not in str(item)
    assert couple.hurt.get(pacing_path(couple.space_id)).get_json()["held"] == [held["id"]]


def test_the_detail_of_a_held_disclosure_is_withheld(couple: Couple) -> None:
    hold(couple)
    held = disclose(couple.repairing, couple.space_id, title="Secret words")
    respond(couple.repairing, couple.space_id, held["id"], "More words")

    response = couple.hurt.get(disclosures_path(couple.space_id, held["id"]))

    assert response.status_code == 200
    detail = response.get_json()
    assert detail["held"] is True
    assert detail["revisions"] == [] and detail["responses"] == []
    assert "Secret words" not in response.get_data(as_text=True)
    assert "More words" not in response.get_data(as_text=True)


@pytest.mark.parametrize("action", ["acknowledge", "responses"])
def test_a_held_disclosure_cannot_be_answered_until_released(couple: Couple, action: str) -> None:
    hold(couple)
    held = disclose(couple.repairing, couple.space_id)
    body = {"body": "Why?"} if action == "responses" else None

    response = couple.hurt.post(disclosures_path(couple.space_id, held["id"], action), json=body)

    assert response.status_code == 409
    assert response.get_json()["type"] == "urn:mend:problem:held"


def test_the_repairing_partners_view_is_unchanged(couple: Couple) -> None:
    hold(couple)
    held = disclose(couple.repairing, couple.space_id, title="Told in full")

    item = items(couple.repairing, couple.space_id)[held["id"]]
    detail = couple.repairing.get(disclosures_path(couple.space_id, held["id"])).get_json()

    assert item["title"] == "Told in full" and item["held"] is False
    assert detail["held"] is False and len(detail["revisions"]) == 1


def test_releasing_one_shows_it_and_keeps_the_others_held(couple: Couple) -> None:
    hold(couple)
    first = disclose(couple.repairing, couple.space_id, title="First")
    second = disclose(couple.repairing, couple.space_id, title="Second")

    state = release(couple, disclosure_id=first["id"])

    assert state == {"hold_disclosures": True, "held": [second["id"]]}
    listed = items(couple.hurt, couple.space_id)
    assert listed[first["id"]]["title"] == "First"
    assert listed[second["id"]]["held"] is True


def test_releasing_all_shows_everything(couple: Couple) -> None:
    hold(couple)
    ids = [disclose(couple.repairing, couple.space_id)["id"] for _ in range(2)]

    assert release(couple, all=True)["held"] == []
    assert all(not items(couple.hurt, couple.space_id)[i]["held"] for i in ids)


def test_turning_pacing_off_stops_holding_new_ones_but_keeps_the_held(couple: Couple) -> None:
    hold(couple)
    kept = disclose(couple.repairing, couple.space_id)
    hold(couple, on=False)
    later = disclose(couple.repairing, couple.space_id)

    listed = items(couple.hurt, couple.space_id)

    assert listed[kept["id"]]["held"] is True
    assert listed[later["id"]]["held"] is False


def test_releasing_leaves_no_trace_for_the_repairing_partner(couple: Couple) -> None:
    hold(couple)
    held = disclose(couple.repairing, couple.space_id)
    before = couple.repairing.get(disclosures_path(couple.space_id, held["id"])).get_json()

    release(couple, all=True)

    after = couple.repairing.get(disclosures_path(couple.space_id, held["id"])).get_json()
    assert after == before


def test_releasing_something_not_held_is_404(couple: Couple) -> None:
    shown = disclose(couple.repairing, couple.space_id)

    response = couple.hurt.post(
        pacing_path(couple.space_id, "release"), json={"disclosure_id": shown["id"]}
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    "body",
    [{}, {"all": False}, {"all": True, "disclosure_id": 1}, {"all": "yes"}, {"disclosure_id": "1"}],
)
def test_release_needs_one_id_or_all(couple: Couple, body: dict[str, Any]) -> None:
    response = couple.hurt.post(pacing_path(couple.space_id, "release"), json=body)

    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("body", [{}, {"hold_disclosures": "true"}, {"hold_disclosures": 1}])
def test_pacing_choice_must_be_a_boolean(couple: Couple, body: dict[str, Any]) -> None:
    response = couple.hurt.put(pacing_path(couple.space_id), json=body)

    assert response.status_code == 422


@pytest.mark.parametrize("method", ["get", "put"])
def test_only_the_hurt_partner_sets_pacing(couple: Couple, method: str) -> None:
    response = getattr(couple.repairing, method)(
        pacing_path(couple.space_id), json={"hold_disclosures": True}
    )

    assert response.status_code == 403


def test_pacing_of_a_space_you_are_not_in_is_404(couple: Couple, app: Flask) -> None:
    other = make_couple(app)

    assert couple.hurt.get(pacing_path(other.space_id)).status_code == 404
