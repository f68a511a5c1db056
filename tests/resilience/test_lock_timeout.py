"""The lock wait is bounded per transaction (SET LOCAL), never by libpq startup options,
which PgBouncer in transaction mode refuses; the bound ends with the transaction."""

from __future__ import annotations

import os

import pytest
from flask import Flask
from sqlalchemy import text

from mend.database import LOCK_TIMEOUT
from mend.extensions import db

on_postgresql = pytest.mark.skipif(
    not os.environ.get("MEND_TEST_DATABASE_URL"), reason="PostgreSQL lock_timeout"
)
SHOW = text("SHOW lock_timeout")


def test_connections_carry_no_startup_options(app: Flask) -> None:
    connect_args = app.config["SQLALCHEMY_ENGINE_OPTIONS"].get("connect_args", {})
    assert "options" not in connect_args


@on_postgresql
def test_a_transaction_that_may_write_waits_for_locks_only_so_long(app: Flask) -> None:
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(SHOW).scalar_one() == LOCK_TIMEOUT
        connection.rollback()
        # SET LOCAL: nothing is left on the connection for its next user (or PgBouncer's).
        connection.exec_driver_sql("COMMIT")
        assert connection.exec_driver_sql("SHOW lock_timeout").scalar_one() == "0"
        connection.rollback()


@on_postgresql
def test_a_read_only_request_pays_no_round_trip_for_it(app: Flask) -> None:
    with app.test_request_context("/api/v1/health", method="GET"):
        with db.engine.connect() as connection:
            assert connection.execute(SHOW).scalar_one() == "0"
            connection.rollback()
    with app.test_request_context("/api/v1/spaces/1/checkins", method="POST"):
        with db.engine.connect() as connection:
            assert connection.execute(SHOW).scalar_one() == LOCK_TIMEOUT
            connection.rollback()
