"""The space lock: taken once per transaction, again in a new transaction or a savepoint,
and only for an active member when the write asks `policy.locked_access`."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from mend import policy
from mend.auth.models import User
from mend.errors import NotFound
from mend.extensions import db
from tests.builders import Couple, make_user


def locks(statements: list[str]) -> int:
    """How many of the statements lock the space row."""
    return sum("FROM space" in s and "WHERE space.id" in s for s in statements)


def test_a_transaction_locks_a_space_once(app: Flask, couple: Couple, count_queries: Any) -> None:
    with app.app_context(), count_queries() as counter:
        policy.lock_space(couple.space_id)
        policy.lock_space(couple.space_id)
        db.session.commit()
        policy.lock_space(couple.space_id)  # a new transaction locks anew
        db.session.rollback()
    assert locks(counter.statements) == 2, counter.statements


def test_a_savepoint_locks_again(app: Flask, couple: Couple, count_queries: Any) -> None:
    with app.app_context(), count_queries() as counter:
        policy.lock_space(couple.space_id)
        with db.session.begin_nested():  # its rollback would release a lock taken inside
            policy.lock_space(couple.space_id)
        db.session.rollback()
    assert locks(counter.statements) == 2, counter.statements


def test_locked_access_is_the_writers_own_and_holds_every_member(
    app: Flask, couple: Couple
) -> None:
    with app.app_context():
        user = db.session.get(User, couple.hurt.id)
        locked = policy.locked_access(user, couple.space_id)
        assert locked.access.user.id == couple.hurt.id
        assert locked.access.role == "hurt"
        assert {found.user.id for found in locked.members} == {couple.hurt.id, couple.repairing.id}
        db.session.rollback()


def test_locked_access_refuses_a_stranger_without_locking(
    app: Flask, couple: Couple, count_queries: Any
) -> None:
    stranger = make_user(app)
    with app.app_context(), count_queries() as counter:
        user = db.session.get(User, stranger.id)
        with pytest.raises(NotFound):
            policy.locked_access(user, couple.space_id)
        ran = list(counter.statements)
        if db.engine.dialect.name == "postgresql":  # SQLite has no row locks to look at
            assert not _row_locked_elsewhere(couple.space_id)
        db.session.rollback()
    # The one lock statement ran, found no membership, and so held no writer back.
    assert locks(ran) == 1
    assert all("membership.user_id" in s for s in ran if "FROM space" in s)


def _row_locked_elsewhere(space_id: int) -> bool:
    """Whether another writer would find the space locked (while the session's transaction
    is still open). The stranger's statement may hold the row FOR KEY SHARE, as any
    foreign-key check does, which holds no writer back."""
    with db.engine.connect() as other:
        try:
            lock = text("SELECT id FROM space WHERE id = :id FOR NO KEY UPDATE NOWAIT")
            other.execute(lock, {"id": space_id})
        except OperationalError:
            return True
        finally:
            other.rollback()
    return False
