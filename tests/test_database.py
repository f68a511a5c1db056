"""The database connection: SQLite tuning, concurrent writers, and which engine the suite uses."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, event, text

from mend import database
from mend.extensions import db
from tests.builders import ApiClient, make_user

needs_sqlite = pytest.mark.skipif(
    bool(os.environ.get("MEND_TEST_DATABASE_URL")), reason="SQLite-specific connection settings"
)


def test_suite_runs_on_the_requested_database(app: Flask) -> None:
    wanted = "postgresql" if os.environ.get("MEND_TEST_DATABASE_URL") else "sqlite"
    with app.app_context():
        assert db.engine.dialect.name == wanted


needs_postgresql = pytest.mark.skipif(
    not os.environ.get("MEND_TEST_DATABASE_URL"), reason="PostgreSQL's connection pool"
)


def end_the_pools_connections(app: Flask) -> None:
    """End every other session of the test database, as a restart of PostgreSQL would."""
    with app.app_context():
        url = db.engine.url
    admin = create_engine(url)
    try:
        with admin.connect() as connection:
            ended = connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalars()
            assert all(ended), "a connection outlived pg_terminate_backend's 5 s wait"
    finally:
        admin.dispose()


@pytest.fixture
def fresh_pool_afterwards(app: Flask) -> Iterator[None]:
    """Later tests start from new connections, whatever this one left in the pool."""
    yield
    with app.app_context():
        db.engine.dispose()


@needs_postgresql
@pytest.mark.usefixtures("fresh_pool_afterwards")
def test_an_idle_connection_the_database_dropped_is_replaced_unseen(
    app: Flask, partner: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert partner.get("/auth/me").status_code == 200  # its connection now waits in the pool
    monkeypatch.setattr(database, "IDLE_BEFORE_PING_SECONDS", 0.0)
    end_the_pools_connections(app)
    assert partner.get("/auth/me").status_code == 200


@needs_postgresql
@pytest.mark.usefixtures("fresh_pool_afterwards")
def test_a_connection_dropped_while_trusted_costs_one_503_then_the_pool_recovers(
    app: Flask, partner: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert partner.get("/auth/me").status_code == 200
    monkeypatch.setattr(database, "IDLE_BEFORE_PING_SECONDS", 3600.0)  # never checked
    end_the_pools_connections(app)
    refused = partner.get("/auth/me")
    assert refused.status_code == 503
    assert refused.headers["Retry-After"]
    assert partner.get("/auth/me").status_code == 200


@needs_sqlite
def test_sqlite_uses_wal_foreign_keys_and_busy_timeout(app: Flask) -> None:
    with app.app_context(), db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def first_statement_of_a_transaction() -> str:
    """The statement SQLite's connection sends first when a transaction begins."""
    statements: list[str] = []

    def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        with db.engine.begin() as connection:
            connection.execute(text("SELECT 1"))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return statements[0]


@needs_sqlite
def test_sqlite_writes_begin_immediate(app: Flask) -> None:
    with app.app_context():
        assert first_statement_of_a_transaction() == "BEGIN IMMEDIATE"


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


@needs_sqlite
@pytest.mark.parametrize(
    ("method", "begin"), [("GET", "BEGIN"), ("HEAD", "BEGIN"), ("POST", "BEGIN IMMEDIATE")]
)
def test_sqlite_begins_as_the_request_method_says(app: Flask, method: str, begin: str) -> None:
    """The app factory tells database.py whether a request only reads."""
    with app.test_request_context("/api/v1/spaces", method=method):
        assert first_statement_of_a_transaction() == begin


def test_the_database_module_reads_no_request() -> None:
    """database.py is below HTTP: nothing in it imports flask's request machinery."""
    tree = ast.parse(Path(database.__file__).read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [
        a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names
    ]
    assert not [name for name in imported if name.split(".")[0] in {"flask", "flask_login"}]
