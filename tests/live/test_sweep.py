"""The sweep closes a process's own sockets whose login session ended, however it ended."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import delete, update

from mend.auth.models import AuthSession
from mend.database import utcnow
from mend.extensions import db
from mend.live.sockets import registry
from mend.live.sweeper import sweep
from tests.builders import make_couple
from tests.live.conftest import Connect


def end_sessions(user_id: int, how: str) -> None:
    """End a user's sessions behind the live layer's back (no disconnect is sent)."""
    sessions = AuthSession.user_id == user_id
    if how == "expired":
        db.session.execute(
            update(AuthSession).where(sessions).values(expires_at=utcnow() - timedelta(seconds=1))
        )
    else:  # a logout, password change, reset or account deletion removes the rows
        db.session.execute(delete(AuthSession).where(sessions))
    db.session.commit()


@pytest.mark.parametrize("how", ["expired", "removed"])
def test_a_sweep_closes_sockets_whose_session_ended_and_keeps_the_others(
    app: Flask, connect: Connect, how: str
) -> None:
    couple = make_couple(app)
    hurt, repairing = connect(couple.hurt), connect(couple.repairing)
    assert hurt.is_connected() and repairing.is_connected()
    with app.app_context():
        end_sessions(couple.hurt.id, how)
        assert sweep(registry) >= 1  # others may be left over from earlier tests
    assert not hurt.is_connected()
    assert repairing.is_connected()
    assert all(user_id != couple.hurt.id for user_id, _session in registry.local().values())
