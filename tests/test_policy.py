"""policy.access: the access read with the login session's user serves one check, once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update

from mend import policy
from mend.auth.models import AuthSession, User
from mend.database import utcnow
from mend.errors import NotFound
from mend.extensions import db
from tests.builders import ApiClient, Couple


def checkins_path(couple: Couple) -> str:
    return f"/spaces/{couple.space_id}/checkins"


def test_the_access_read_with_the_user_serves_only_the_first_check(
    app: Flask, couple: Couple
) -> None:
    with app.app_context():
        user = db.session.get(User, couple.hurt.user["id"])  # type: ignore[index]
        # Rows that say "not a member", as if read with the user: the first check believes them...
        user.preloaded_access = policy.AccessRows(couple.space_id, [])
        with pytest.raises(NotFound):
            policy.access(user, couple.space_id)
        # ...and the next one reads the space afresh.
        assert policy.access(user, couple.space_id).role == "hurt"


def test_access_read_for_another_space_is_ignored(app: Flask, couple: Couple) -> None:
    with app.app_context():
        user = db.session.get(User, couple.hurt.user["id"])  # type: ignore[index]
        user.preloaded_access = policy.AccessRows(couple.space_id + 1000, [])
        assert policy.access(user, couple.space_id).role == "hurt"
        assert user.preloaded_access is None


def test_a_space_request_reads_the_user_and_the_access_in_one_statement(
    couple: Couple, count_queries: Any
) -> None:
    with count_queries() as counter:
        assert couple.hurt.get(f"/spaces/{couple.space_id}/consents").status_code == 200
    first = counter.statements[0]
    assert "auth_session" in first and "membership" in first and "consent_change" in first


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
