"""MEND_REQUIRE_THERAPIST_MFA: no partner data for a therapist without a second factor."""

from __future__ import annotations

import dataclasses

import pytest
from flask import Flask

from tests.auth.mfa.helpers import enrol_totp
from tests.builders import add_therapist, make_couple


@pytest.fixture
def rule_on(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """The therapist rule switched on, as it is by default in production."""
    settings = dataclasses.replace(app.config["MEND"], require_therapist_mfa=True)
    monkeypatch.setitem(app.config, "MEND", settings)


def therapist_with_grant(app: Flask):
    """A couple whose hurt partner shares check-ins with their approved therapist."""
    couple = make_couple(app)
    therapist = add_therapist(app, couple)
    sid = couple.space_id
    couple.repairing.post(f"/spaces/{sid}/members/{therapist.id}/approve")
    grant = couple.hurt.put(
        f"/spaces/{sid}/consents/{therapist.id}/checkins", json={"granted": True}
    )
    assert grant.status_code == 200, grant.get_json()
    couple.hurt.post(f"/spaces/{sid}/checkins", json={"felt_safety": 4})
    return couple, therapist


PARTNER_DATA = [
    "/spaces/{sid}",
    "/spaces/{sid}/checkins",
    "/spaces/{sid}/disclosures",
    "/spaces/{sid}/report",
    "/therapist/caseload",
]


@pytest.mark.parametrize("path", PARTNER_DATA)
def test_therapist_without_a_factor_gets_mfa_required(app, rule_on, path) -> None:
    couple, therapist = therapist_with_grant(app)
    answer = therapist.get(path.format(sid=couple.space_id))
    assert answer.status_code == 403
    assert answer.get_json()["type"] == "urn:mend:problem:mfa-required"


def test_therapist_sees_shared_data_once_enrolled(app, rule_on, monkeypatch) -> None:
    couple, therapist = therapist_with_grant(app)
    assert therapist.get("/auth/mfa").get_json()["required"] is True
    enrol_totp(therapist, monkeypatch)
    answer = therapist.get(f"/spaces/{couple.space_id}/checkins")
    assert answer.status_code == 200
    assert [c["felt_safety"] for c in answer.get_json()["items"]] == [4]
    assert therapist.get("/therapist/caseload").status_code == 200


def test_partners_are_not_asked_for_a_factor(app, rule_on) -> None:
    couple, _therapist = therapist_with_grant(app)
    assert couple.hurt.get(f"/spaces/{couple.space_id}/checkins").status_code == 200
    assert couple.hurt.get("/auth/mfa").get_json()["required"] is False


def test_rule_off_lets_therapists_in_without_a_factor(app) -> None:
    couple, therapist = therapist_with_grant(app)
    assert therapist.get(f"/spaces/{couple.space_id}/checkins").status_code == 200


def test_therapist_without_a_factor_can_still_leave(app, rule_on) -> None:
    couple, therapist = therapist_with_grant(app)
    assert therapist.post(f"/spaces/{couple.space_id}/leave").status_code == 204
    members = couple.hurt.get(f"/spaces/{couple.space_id}").get_json()["members"]
    assert [m["left_at"] is not None for m in members if m["role"] == "therapist"] == [True]
