"""Grants, revocations and departures queue behind trust-record writes under way in the space,
so a write's live event (rendered in its own transaction) sees the grants of its moment."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from mend.extensions import db
from mend.policy.lock import LOCK_SPACE
from tests.builders import Couple

pytestmark = pytest.mark.skipif(
    not os.environ.get("MEND_TEST_DATABASE_URL"),
    reason="PostgreSQL row locks (SQLite's BEGIN IMMEDIATE serialises every writer anyway)",
)
WAIT_SECONDS = 0.5


@contextmanager
def write_under_way(app: Flask, space_id: int) -> Iterator[None]:
    """Hold the space's lock on another connection, as a check-in being written does."""
    with app.app_context(), db.engine.connect() as connection:
        connection.execute(LOCK_SPACE, {"space_id": space_id})
        yield
        connection.rollback()


def in_background(send: Callable[[], TestResponse]) -> tuple[threading.Thread, list[int]]:
    answers: list[int] = []
    thread = threading.Thread(target=lambda: answers.append(send().status_code))
    thread.start()
    return thread, answers


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.hurt.put(
            f"/spaces/{c.space_id}/consents/{c.repairing.user['id']}/checkin_notes",
            json={"granted": True},
        ),
        lambda c: c.hurt.post(f"/spaces/{c.space_id}/consents/stop-all"),
        lambda c: c.repairing.post(f"/spaces/{c.space_id}/leave"),
    ],
    ids=["grant", "stop-all", "leave"],
)
def test_a_consent_or_membership_change_waits_for_the_write_under_way(
    app: Flask, couple: Couple, change: Callable[[Couple], TestResponse]
) -> None:
    with write_under_way(app, couple.space_id):
        thread, answers = in_background(lambda: change(couple))
        thread.join(WAIT_SECONDS)
        assert thread.is_alive(), "the change went ahead of the write under way"
    thread.join(10)
    assert answers and 200 <= answers[0] < 300
