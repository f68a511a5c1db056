"""Shared fixtures: one migrated database per run, emptied after every test.

Set MEND_TEST_DATABASE_URL (e.g. postgresql+psycopg://localhost/mend_test) to
run the suite against PostgreSQL; by default it uses a temporary SQLite file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from flask_socketio.test_client import SocketIOTestClient
from sqlalchemy import text

from mend import create_app
from mend.config import load_settings
from mend.extensions import db, limiter, socketio
from mend.live.sockets import init_live
from mend.tasks import init_tasks
from tests.builders import TEST_DATA_KEYS, ApiClient, Couple, make_couple, make_user

Connect = Callable[[ApiClient], SocketIOTestClient]

pytest_plugins: list[str] = []


def test_database_url(tmp_path: Path) -> str:
    """The database the suite runs against."""
    return os.environ.get("MEND_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"


# The apps tests built for themselves: their connection pools are closed after each test.
_built_by_tests: list[Flask] = []


def build_app(tmp_path: Path, **overrides: object) -> Flask:
    """An app configured for tests against the suite's database (its pool is closed when
    the test ends)."""
    built = _new_app(tmp_path, **overrides)
    _built_by_tests.append(built)
    return built


def _new_app(tmp_path: Path, **overrides: object) -> Flask:
    settings = load_settings(
        environ={},
        env=str(overrides.pop("env", "testing")),
        instance_path=tmp_path / "instance",
        database_url=overrides.pop("database_url", None) or test_database_url(tmp_path),
        # Tests register many accounts from one address; tests/auth/test_register.py checks it.
        register_limit=overrides.pop("register_limit", "1000 per minute"),
        data_keys=overrides.pop("data_keys", None) or TEST_DATA_KEYS,
        **overrides,
    )
    return create_app(
        {
            "MEND": settings,
            "TESTING": True,
            "TESTING_FAST_PASSWORD_HASHING": True,
            # Background tasks (mail delivery) run at once, in the request that queued them;
            # tests/mail/ runs a real consumer where the queue itself is under test.
            "TESTING_TASKS_IMMEDIATE": True,
        }
    )


def reset_schema(app: Flask) -> None:
    """Drop everything in the test database, so migrations start from empty."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        else:
            db.drop_all()
            with db.engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The application, with its database migrated to head once for the whole run."""
    application = _new_app(tmp_path_factory.mktemp("mend"))
    reset_schema(application)
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _close_apps_built_by_the_test() -> Iterator[None]:
    """Close the pooled connections of each app the test built: left to the garbage
    collector, they are reported open (ResourceWarning) in whichever test runs then."""
    yield
    while _built_by_tests:
        with _built_by_tests.pop().app_context():
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()


@pytest.fixture(autouse=True)
def _empty_database(request: pytest.FixtureRequest) -> Iterator[None]:
    """Before each test that uses the app, bind the task queue to it: every `create_app`
    binds the one process-wide queue, so an app another test built (with tasks queued,
    not run at once) would otherwise swallow this test's mail. After it, delete every row
    and reset rate limits."""
    if "app" in request.fixturenames:
        init_tasks(request.getfixturevalue("app"))
    yield
    if "app" not in request.fixturenames:
        return
    application: Flask = request.getfixturevalue("app")
    with application.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        limiter.reset()


@pytest.fixture
def client(app: Flask) -> ApiClient:
    """An anonymous API client that sends the CSRF token on unsafe requests."""
    return ApiClient(app)


@pytest.fixture
def partner(app: Flask) -> ApiClient:
    """A logged-in partner account with no space yet."""
    return make_user(app, display_name="Robin")


@pytest.fixture
def couple(app: Flask) -> Couple:
    """A space with a hurt partner and a repairing partner, both logged in."""
    return make_couple(app)


class QueryCounter:
    """Counts SQL statements sent while it is active (see the count_queries fixture)."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        """How many statements ran, not counting transaction control."""
        return len(self.statements)

    def __call__(self, _conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.split(None, 1)[0].upper() not in {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT"}:
            self.statements.append(statement)


@pytest.fixture
def count_queries(app: Flask):  # type: ignore[no-untyped-def]
    """A context manager factory: `with count_queries() as counter: ...; counter.count`."""
    from contextlib import contextmanager

    from tests.engine_events import each_statement

    @contextmanager
    def counting() -> Iterator[QueryCounter]:
        counter = QueryCounter()
        with each_statement(app, counter):
            yield counter

    return counting


@pytest.fixture
def connect(app: Flask) -> Iterator[Connect]:
    """Open a socket as the given API client's user (rebinding Socket.IO to the suite's app)."""
    init_live(app)
    opened: list[SocketIOTestClient] = []

    def open_socket(api: ApiClient) -> SocketIOTestClient:
        client = socketio.test_client(app, flask_test_client=api.http)
        opened.append(client)
        return client

    yield open_socket
    for client in opened:
        if client.is_connected():
            client.disconnect()
