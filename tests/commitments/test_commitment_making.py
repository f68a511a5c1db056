"""Making a commitment: who may, what is validated, who is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask

from tests.builders import ApiClient, Couple, make_couple
from tests.commitments.api_helpers import days_ago, listed
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
