"""Consent from the outside: defaults, grants, expiry, revocation, stop-all, history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import update

from mend.consent.models import ConsentChange
from mend.extensions import db
from tests.builders import ApiClient, Couple, add_therapist, make_couple, make_user


def given(api: ApiClient, space_id: int) -> dict[tuple[int, str], dict]:
    """The caller's `given` grid, keyed by (viewer_id, category)."""
    body = api.get(f"/spaces/{space_id}/consents").get_json()
    return {(g["viewer_id"], g["category"]): g for g in body["given"]}


def received(api: ApiClient, space_id: int) -> set[tuple[int, str]]:
    """(owner_id, category) pairs currently shared with the caller."""
    body = api.get(f"/spaces/{space_id}/consents").get_json()
    return {(r["owner_id"], r["category"]) for r in body["received"]}


def put_consent(api: ApiClient, space_id: int, viewer_id: int, category: str, **body: object):
    """PUT /consents/{viewer}/{category}."""
    return api.put(f"/spaces/{space_id}/consents/{viewer_id}/{category}", json=body)


def in_an_hour() -> str:
    return (datetime.now(UTC) + timedelta(hours=1)).isoformat()


def test_partner_defaults(couple: Couple) -> None:
    hurt_grid = given(couple.hurt, couple.space_id)
    to_repairing = {cat: g["granted"] for (viewer, cat), g in hurt_grid.items()}
    assert to_repairing == {
        "checkins": True,
        "checkin_notes": False,
        "disclosures": True,
        "commitments": True,
        "measures": False,  # rule 13: questionnaires are shared with nobody by default
    }
    assert all(g["is_default"] and not g["fixed"] for g in hurt_grid.values())


def test_repairing_partners_record_is_always_open_to_the_hurt_partner(couple: Couple) -> None:
    grid = given(couple.repairing, couple.space_id)
    hurt_id = couple.hurt.id
    assert grid[(hurt_id, "disclosures")]["fixed"] and grid[(hurt_id, "disclosures")]["granted"]
    assert grid[(hurt_id, "commitments")]["fixed"]
    response = put_consent(couple.repairing, couple.space_id, hurt_id, "disclosures", granted=False)
    assert response.status_code == 403
    assert (couple.repairing.id, "disclosures") in received(couple.hurt, couple.space_id)


def test_therapist_sees_nothing_until_granted(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    assert received(therapist, couple.space_id) == set()
    assert given(therapist, couple.space_id) == {}
    grid = given(couple.hurt, couple.space_id)
    assert not any(grid[(therapist.id, c)]["granted"] for c in ("checkins", "disclosures"))


def test_grant_then_revoke_takes_effect_on_the_next_request(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    response = put_consent(couple.hurt, couple.space_id, therapist.id, "checkins", granted=True)
    assert response.status_code == 200
    assert response.get_json()["granted"] is True
    assert received(therapist, couple.space_id) == {(couple.hurt.id, "checkins")}

    put_consent(couple.hurt, couple.space_id, therapist.id, "checkins", granted=False)
    assert received(therapist, couple.space_id) == set()


def test_grant_with_expiry_lapses_by_itself(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    expires = in_an_hour()
    response = put_consent(
        couple.repairing,
        couple.space_id,
        therapist.id,
        "disclosures",
        granted=True,
        expires_at=expires,
    )
    assert response.get_json()["expires_at"] is not None
    assert (couple.repairing.id, "disclosures") in received(therapist, couple.space_id)
    with app.app_context():
        past = datetime.now(UTC) - timedelta(seconds=1)
        db.session.execute(update(ConsentChange).values(expires_at=past))
        db.session.commit()
    assert received(therapist, couple.space_id) == set()


def test_partner_can_share_notes_and_withdraw_checkins(couple: Couple) -> None:
    repairing_id = couple.repairing.id
    put_consent(couple.hurt, couple.space_id, repairing_id, "checkin_notes", granted=True)
    put_consent(couple.hurt, couple.space_id, repairing_id, "checkins", granted=False)
    seen = received(couple.repairing, couple.space_id)
    assert (couple.hurt.id, "checkin_notes") in seen
    assert (couple.hurt.id, "checkins") not in seen


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"granted": "yes"}, "granted"),
        ({"granted": 1}, "granted"),
        ({}, "granted"),
        ({"granted": True, "expires_at": "2020-01-01T00:00:00+00:00"}, "expires_at"),
        ({"granted": True, "expires_at": "2999-01-01T00:00:00"}, "expires_at"),
        ({"granted": False, "expires_at": "2999-01-01T00:00:00+00:00"}, "expires_at"),
        ({"granted": True, "until": "tomorrow"}, "until"),
    ],
)
def test_consent_body_is_validated(couple: Couple, body: dict, field: str) -> None:
    response = put_consent(couple.hurt, couple.space_id, couple.repairing.id, "checkins", **body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_only_members_can_be_viewers(app: Flask, couple: Couple) -> None:
    stranger = make_user(app)
    for viewer_id in (stranger.id, couple.hurt.id, 999999):
        response = put_consent(couple.hurt, couple.space_id, viewer_id, "checkins", granted=True)
        assert response.status_code == 404


def test_unknown_category_is_404(couple: Couple) -> None:
    response = put_consent(
        couple.hurt, couple.space_id, couple.repairing.id, "location", granted=True
    )
    assert response.status_code == 404


def test_therapist_has_nothing_to_grant(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    response = put_consent(therapist, couple.space_id, couple.hurt.id, "checkins", granted=True)
    assert response.status_code == 403


def test_outsiders_get_404(app: Flask, couple: Couple) -> None:
    other = make_couple(app)
    assert other.hurt.get(f"/spaces/{couple.space_id}/consents").status_code == 404
    response = put_consent(
        other.hurt, couple.space_id, couple.repairing.id, "checkins", granted=True
    )
    assert response.status_code == 404
    assert other.hurt.post(f"/spaces/{couple.space_id}/consents/stop-all").status_code == 404


def test_stop_all_revokes_every_grant_but_the_fixed_ones(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    for category in ("checkins", "commitments", "disclosures"):
        put_consent(couple.repairing, couple.space_id, therapist.id, category, granted=True)
    response = couple.repairing.post(f"/spaces/{couple.space_id}/consents/stop-all")
    assert response.status_code == 200
    assert received(therapist, couple.space_id) == set()
    assert received(couple.hurt, couple.space_id) == {
        (couple.repairing.id, "disclosures"),
        (couple.repairing.id, "commitments"),
    }


def test_every_change_is_recorded_with_who_what_when(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    put_consent(couple.hurt, couple.space_id, therapist.id, "checkins", granted=True)
    put_consent(couple.hurt, couple.space_id, therapist.id, "checkins", granted=False)
    history = couple.hurt.get(f"/spaces/{couple.space_id}/consents").get_json()["history"]
    assert [(h["owner_id"], h["viewer_id"], h["category"], h["granted"]) for h in history] == [
        (couple.hurt.id, therapist.id, "checkins", False),
        (couple.hurt.id, therapist.id, "checkins", True),
    ]
    assert all(h["created_at"] for h in history)
    therapist_history = therapist.get(f"/spaces/{couple.space_id}/consents").get_json()["history"]
    assert len(therapist_history) == 2


def test_consent_changes_cannot_be_deleted(couple: Couple) -> None:
    path = f"/spaces/{couple.space_id}/consents/{couple.repairing.id}/checkins"
    assert couple.hurt.delete(path).status_code == 405
