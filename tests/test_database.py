"""The database connection: SQLite tuning, concurrent writers, and which engine the suite uses."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import Flask
from sqlalchemy import text

from mend.extensions import db
from tests.builders import make_user

needs_sqlite = pytest.mark.skipif(
    bool(os.environ.get("MEND_TEST_DATABASE_URL")), reason="SQLite-specific connection settings"
)


def test_suite_runs_on_the_requested_database(app: Flask) -> None:
    wanted = "postgresql" if os.environ.get("MEND_TEST_DATABASE_URL") else "sqlite"
    with app.app_context():
        assert db.engine.dialect.name == wanted


@needs_sqlite
def test_sqlite_uses_wal_foreign_keys_and_busy_timeout(app: Flask) -> None:
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


@needs_sqlite
def test_sqlite_writes_begin_immediate(app: Flask) -> None:
    statements: list[str] = []
    with app.app_context():
        from sqlalchemy import event

        def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            with db.engine.begin() as connection:
                connection.execute(text("SELECT 1"))
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
    assert statements[0] == "BEGIN IMMEDIATE"


def test_concurrent_writers_all_succeed(app: Flask) -> None:
    """Eight threads creating spaces at once: every write lands, none fails."""
    partners = [make_user(app) for _ in range(4)]

    def create_spaces(index: int) -> list[int]:
        owner = partners[index % len(partners)]
        return [
            owner.post("/spaces", json={"my_role": "hurt", "name": f"s{index}-{n}"}).status_code
            for n in range(10)
        ]

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = [s for batch in pool.map(create_spaces, range(8)) for s in batch]
    assert statuses == [201] * 80
    assert sum(len(p.get("/spaces").get_json()["items"]) for p in partners) == 80
