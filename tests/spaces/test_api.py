"""Spaces and invitations from the outside, for each kind of caller."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import update

from mend.database import utcnow
from mend.extensions import db
from mend.spaces.models import Invite
from tests.builders import (
    ApiClient,
    Couple,
    add_therapist,
    invite_code,
    join,
    make_couple,
    make_space,
    make_user,
)


def test_partner_creates_space_in_chosen_role(partner: ApiClient) -> None:
    response = partner.post("/spaces", json={"name": " Our place ", "my_role": "repairing"})
    assert response.status_code == 201
    space = response.get_json()
    assert space["name"] == "Our place"
    assert [(m["user_id"], m["role"], m["left_at"]) for m in space["members"]] == [
        (partner.id, "repairing", None)
    ]


def test_space_name_is_optional(partner: ApiClient) -> None:
    response = partner.post("/spaces", json={"my_role": "hurt"})
    assert response.get_json()["name"] == "Our space"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"my_role": "therapist"}, "my_role"),
        ({"my_role": "boss"}, "my_role"),
        ({}, "my_role"),
        ({"my_role": "hurt", "name": "x" * 101}, "name"),
        ({"my_role": "hurt", "colour": "blue"}, "colour"),
    ],
)
def test_create_space_validates(partner: ApiClient, body: dict, field: str) -> None:
    response = partner.post("/spaces", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_therapist_cannot_create_space(app: Flask) -> None:
    therapist = make_user(app, account_type="therapist")
    assert therapist.post("/spaces", json={"my_role": "hurt"}).status_code == 403


def test_members_list_and_read_their_space(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    for member in (couple.hurt, couple.repairing, therapist):
        listed = member.get("/spaces").get_json()["items"]
        assert [s["id"] for s in listed] == [couple.space_id]
        detail = member.get(f"/spaces/{couple.space_id}").get_json()
        assert {m["role"] for m in detail["members"]} == {"hurt", "repairing", "therapist"}


def test_outsiders_get_404_on_another_space(app: Flask, couple: Couple) -> None:
    other_couple = make_couple(app)
    outsider_therapist = make_user(app, account_type="therapist")
    for outsider in (other_couple.hurt, other_couple.repairing, outsider_therapist):
        path = f"/spaces/{couple.space_id}"
        assert outsider.get(path).status_code == 404
        assert outsider.post(f"{path}/invites", json={"role": "therapist"}).status_code == 404
        assert outsider.post(f"{path}/leave").status_code == 404
    assert couple.hurt.get("/spaces/999999").status_code == 404


def test_anonymous_gets_401_everywhere(client: ApiClient, couple: Couple) -> None:
    assert client.get("/spaces").status_code == 401
    assert client.get(f"/spaces/{couple.space_id}").status_code == 401
    assert client.post("/invites/accept", json={"code": "x"}).status_code == 401


def test_invite_code_is_crockford_base32_stored_hashed_and_expires_in_72_hours(
    partner: ApiClient,
) -> None:
    space_id = make_space(partner)
    response = partner.post(f"/spaces/{space_id}/invites", json={"role": "repairing"})
    assert response.status_code == 201
    invite = response.get_json()
    assert re.fullmatch(
        r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", invite["code"]
    )
    assert invite["role"] == "repairing"
    with partner.app.app_context():
        stored = db.session.scalars(db.select(Invite)).one()
        canonical = invite["code"].replace("-", "")
        assert stored.code_hash == hashlib.sha256(canonical.encode()).hexdigest()
        assert stored.expires_at - stored.created_at == timedelta(hours=72)


def test_accepting_joins_the_space_in_the_invited_role(app: Flask, partner: ApiClient) -> None:
    space_id = make_space(partner, my_role="hurt")
    newcomer = make_user(app, display_name="Alex")
    response = join(newcomer, invite_code(partner, space_id, "repairing"))
    assert response.status_code == 200
    membership = response.get_json()
    assert (membership["space_id"], membership["role"]) == (space_id, "repairing")
    assert newcomer.get(f"/spaces/{space_id}").status_code == 200


def _problem_type(response) -> str:  # type: ignore[no-untyped-def]
    return response.get_json()["type"].rsplit(":", 1)[-1]


def test_invite_code_is_single_use(app: Flask, partner: ApiClient) -> None:
    space_id = make_space(partner)
    code = invite_code(partner, space_id, "therapist")
    assert join(make_user(app, account_type="therapist"), code).status_code == 200
    second = join(make_user(app, account_type="therapist"), code)
    assert second.status_code == 410
    assert _problem_type(second) == "invite-used"


def test_unknown_invite_code_is_404(partner: ApiClient) -> None:
    response = join(partner, "not-a-real-code")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_expired_invite_code_is_refused(app: Flask, partner: ApiClient) -> None:
    space_id = make_space(partner)
    code = invite_code(partner, space_id, "repairing")
    with app.app_context():
        db.session.execute(update(Invite).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    response = join(make_user(app), code)
    assert response.status_code == 410
    assert _problem_type(response) == "invite-expired"


def test_cannot_invite_into_a_filled_partner_role(couple: Couple) -> None:
    response = couple.hurt.post(f"/spaces/{couple.space_id}/invites", json={"role": "repairing"})
    assert response.status_code == 409


def test_role_filled_after_invite_was_made_is_refused(app: Flask, partner: ApiClient) -> None:
    space_id = make_space(partner, my_role="hurt")
    first, second = (invite_code(partner, space_id, "repairing") for _ in range(2))
    assert join(make_user(app), first).status_code == 200
    response = join(make_user(app), second)
    assert response.status_code == 409
    assert _problem_type(response) == "role-filled"


@pytest.mark.parametrize(
    ("account_type", "role"), [("therapist", "repairing"), ("partner", "therapist")]
)
def test_account_type_must_match_role(
    app: Flask, partner: ApiClient, account_type: str, role: str
) -> None:
    space_id = make_space(partner, my_role="hurt")
    response = join(make_user(app, account_type=account_type), invite_code(partner, space_id, role))
    assert response.status_code == 403
    assert _problem_type(response) == "invite-account-type"


def test_active_therapist_cannot_join_twice(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    response = join(therapist, invite_code(couple.hurt, couple.space_id, "therapist"))
    assert response.status_code == 409
    assert _problem_type(response) == "already-member"


def test_a_space_has_one_hurt_and_one_repairing_member(app: Flask, partner: ApiClient) -> None:
    space_id = make_space(partner, my_role="hurt")
    response = partner.post(f"/spaces/{space_id}/invites", json={"role": "hurt"})
    assert response.status_code == 409


def test_therapist_cannot_invite(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    response = therapist.post(f"/spaces/{couple.space_id}/invites", json={"role": "therapist"})
    assert response.status_code == 403


def test_invite_role_is_validated(couple: Couple) -> None:
    response = couple.hurt.post(f"/spaces/{couple.space_id}/invites", json={"role": "owner"})
    assert response.status_code == 422
    assert "role" in response.get_json()["errors"]


def test_either_partner_can_leave_alone(couple: Couple) -> None:
    assert couple.repairing.post(f"/spaces/{couple.space_id}/leave").status_code == 204
    assert couple.repairing.get(f"/spaces/{couple.space_id}").status_code == 404
    assert couple.repairing.get("/spaces").get_json()["items"] == []
    remaining = couple.hurt.get(f"/spaces/{couple.space_id}").get_json()
    left = next(m for m in remaining["members"] if m["role"] == "repairing")
    assert left["left_at"] is not None


def test_a_departed_partners_role_is_not_refilled(app: Flask, couple: Couple) -> None:
    couple.repairing.post(f"/spaces/{couple.space_id}/leave")
    response = couple.hurt.post(f"/spaces/{couple.space_id}/invites", json={"role": "repairing"})
    assert response.status_code == 409


def test_therapist_can_leave_and_be_invited_again(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    assert therapist.post(f"/spaces/{couple.space_id}/leave").status_code == 204
    rejoined = join(therapist, invite_code(couple.hurt, couple.space_id, "therapist"))
    assert rejoined.status_code == 200


def test_a_partner_who_leaves_revokes_every_grant(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    consents = f"/spaces/{couple.space_id}/consents"
    couple.hurt.put(f"{consents}/{therapist.id}/checkins", json={"granted": True})
    assert couple.hurt.post(f"/spaces/{couple.space_id}/leave").status_code == 204

    received_by_therapist = therapist.get(consents).get_json()["received"]
    received_by_partner = couple.repairing.get(consents).get_json()["received"]
    assert received_by_therapist == []
    assert [r for r in received_by_partner if r["owner_id"] == couple.hurt.id] == []


def test_the_remaining_partner_keeps_reading_the_record_as_it_stood(couple: Couple) -> None:
    couple.repairing.post(f"/spaces/{couple.space_id}/leave")
    received = couple.hurt.get(f"/spaces/{couple.space_id}/consents").get_json()["received"]
    assert {(r["owner_id"], r["category"]) for r in received} == {
        (couple.repairing.id, "disclosures"),
        (couple.repairing.id, "commitments"),
    }
