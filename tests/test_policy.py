"""policy's access loader: every request reads access afresh, from policy, never from the user."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import Flask
from sqlalchemy import update

from mend import policy
from mend.auth.models import AuthSession, User
from mend.database import utcnow
from mend.extensions import db
from tests.builders import ApiClient, Couple, add_therapist, invite_code, join, make_couple


def checkins_path(couple: Couple) -> str:
    return f"/spaces/{couple.space_id}/checkins"


def grant(owner: ApiClient, couple: Couple, viewer: ApiClient, category: str, on: bool) -> None:
    path = f"/spaces/{couple.space_id}/consents/{viewer.id}/{category}"
    assert owner.put(path, json={"granted": on}).status_code == 200


def test_each_check_reads_the_space_afresh(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    with app.app_context():
        user = db.session.get(User, therapist.id)
        assert not policy.access(user, couple.space_id).can_see(couple.hurt.id, "checkins")
        grant(couple.hurt, couple, therapist, "checkins", True)
        # Nothing of the first answer is kept with the user: the next check sees the grant.
        assert policy.access(user, couple.space_id).can_see(couple.hurt.id, "checkins")
        assert not hasattr(user, "preloaded_access")


def test_a_space_request_reads_the_login_then_the_access_from_policy(
    couple: Couple, count_queries: Any
) -> None:
    with count_queries() as counter:
        assert couple.hurt.get(f"/spaces/{couple.space_id}/consents").status_code == 200
    login, access = counter.statements[:2]
    assert "auth_session" in login and "consent_change" not in login
    assert "membership" in access and "consent_change" in access


def test_rule_7_a_writing_follows_its_writers_grant_not_the_records_owners(
    app: Flask, couple: Couple
) -> None:
    therapist = add_therapist(app, couple)
    grant(couple.repairing, couple, therapist, "commitments", True)
    with app.app_context():
        found = policy.access(db.session.get(User, therapist.id), couple.space_id)
        # The hurt partner's review of a check on the repairing partner's commitment is
        # the hurt partner's writing: unseen until they grant `commitments` too.
        assert found.can_see(couple.repairing.id, "commitments")
        assert not found.sees_writing_of(couple.hurt.id, "commitments")
        assert found.writers_visible("commitments") == {couple.repairing.id, therapist.id}
    grant(couple.hurt, couple, therapist, "commitments", True)
    with app.app_context():
        found = policy.access(db.session.get(User, therapist.id), couple.space_id)
        assert found.sees_writing_of(couple.hurt.id, "commitments")


def fields(found: policy.Access) -> tuple[Any, ...]:
    received = {key: change.id for key, change in found.received.items()}
    members = {uid: m.id for uid, m in found.members.items()}
    return (found.user.id, found.membership.id, members, received)


def test_the_bulk_loaders_build_the_same_access_as_the_single_one(app: Flask) -> None:
    first, second = make_couple(app), make_couple(app)
    therapist = add_therapist(app, first)
    # Pending in the second space: its repairing partner has not approved (rule 9).
    assert (
        join(therapist, invite_code(second.hurt, second.space_id, "therapist")).status_code == 200
    )
    grant(first.hurt, first, therapist, "checkins", True)
    grant(first.repairing, first, therapist, "commitments", True)
    grant(first.hurt, first, first.repairing, "checkin_notes", True)
    with app.app_context():
        user = db.session.get(User, therapist.id)
        bulk = policy.accesses_of(user, role="therapist", now=utcnow())
        assert set(bulk) == {first.space_id, second.space_id}
        for space_id, found in bulk.items():
            assert fields(found) == fields(policy.access(user, space_id))
        assert bulk[second.space_id].pending and not bulk[first.space_id].pending
        assert policy.accesses_of(user, role="hurt", now=utcnow()) == {}
        everyone = policy.member_accesses(first.space_id)
        assert len(everyone) == 3
        for found in everyone:
            assert fields(found) == fields(policy.access(found.user, first.space_id))


def test_an_ended_or_expired_session_is_refused_on_a_spaces_urls(
    app: Flask, couple: Couple
) -> None:
    copied = ApiClient(app)
    copied.http.set_cookie("mend_session", couple.hurt.http.get_cookie("mend_session").value)  # type: ignore[union-attr]
    assert copied.get(checkins_path(couple)).status_code == 200
    assert couple.hurt.post("/auth/logout").status_code == 204
    assert copied.get(checkins_path(couple)).status_code == 401

    assert couple.repairing.get(checkins_path(couple)).status_code == 200
    with app.app_context():
        db.session.execute(update(AuthSession).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert couple.repairing.get(checkins_path(couple)).status_code == 401


def test_a_non_member_with_a_live_session_still_gets_404(
    couple: Couple, partner: ApiClient
) -> None:
    assert partner.get(checkins_path(couple)).status_code == 404
    assert partner.get(f"/spaces/{couple.space_id + 1000}/checkins").status_code == 404
