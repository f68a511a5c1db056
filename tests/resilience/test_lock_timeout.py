"""Lock waits are bounded per transaction (SET LOCAL), never by libpq startup options,
which PgBouncer in transaction mode refuses; the bound ends with the transaction."""

from __future__ import annotations

import os

import pytest
from flask import Flask, request_finished
from sqlalchemy import text

from mend.database import LOCK_TIMEOUT
from mend.extensions import db
from tests.builders import Couple

on_postgresql = pytest.mark.skipif(
    not os.environ.get("MEND_TEST_DATABASE_URL"), reason="PostgreSQL lock_timeout"
)
SHOW = text("SHOW lock_timeout")


def test_connections_carry_no_startup_options(app: Flask) -> None:
    connect_args = app.config["SQLALCHEMY_ENGINE_OPTIONS"].get("connect_args", {})
    assert "options" not in connect_args


@on_postgresql
def test_a_signed_in_request_bounds_its_lock_waits_in_its_first_statement(
    app: Flask, couple: Couple
) -> None:
    seen: list[str] = []

    def note(_sender: Flask, **_extra: object) -> None:
        seen.append(db.session.execute(SHOW).scalar_one())

    with request_finished.connected_to(note, app):
        assert couple.hurt.get(f"/spaces/{couple.space_id}").status_code == 200
    assert seen == [LOCK_TIMEOUT]


@on_postgresql
def test_the_bound_ends_with_the_transaction(app: Flask) -> None:
    with app.app_context(), db.engine.connect() as connection:
        # Outside a request (CLI, worker): set when the transaction begins.
        assert connection.execute(SHOW).scalar_one() == LOCK_TIMEOUT
        connection.rollback()
        connection.exec_driver_sql("COMMIT")  # ends the transaction SET LOCAL belonged to
        assert connection.exec_driver_sql("SHOW lock_timeout").scalar_one() == "0"
        connection.rollback()
