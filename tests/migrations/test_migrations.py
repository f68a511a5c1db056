"""The Alembic migrations build exactly the schema the models describe, both ways.

Each test gets its own empty database (a temporary SQLite file, or a scratch
database on the suite's PostgreSQL server), so the shared test database that
the other tests use stays at head.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from flask import Flask, current_app
from sqlalchemy import create_engine, make_url, text

from mend import MIGRATIONS_DIR
from mend.extensions import db
from tests.conftest import build_app


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A database of the suite's kind that no other test touches, dropped afterwards."""
    shared_url = os.environ.get("MEND_TEST_DATABASE_URL")
    if not shared_url or not shared_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    name = f"mend_migrations_{uuid.uuid4().hex[:12]}"
    admin = create_engine(shared_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(shared_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def migration_app(tmp_path: Path, empty_database_url: str) -> Iterator[Flask]:
    """An app bound to the empty database, inside an app context."""
    application = build_app(tmp_path, database_url=empty_database_url)
    with application.app_context():
        yield application
        db.engine.dispose()


def alembic_config() -> Config:
    """The Alembic configuration Flask-Migrate uses for the current app."""
    return current_app.extensions["migrate"].migrate.get_config()


def script_directory() -> ScriptDirectory:
    """The migration scripts, read without needing an app or a database."""
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def revisions_oldest_first() -> list[Script]:
    """Every revision, from the first migration to the head."""
    return list(reversed(list(script_directory().walk_revisions("base", "heads"))))


def current_revisions() -> set[str]:
    """The revisions the app's database is stamped with."""
    with db.engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def schema_differences() -> list[object]:
    """What autogenerate would change to make the database match the models."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_migrations_have_a_single_head() -> None:
    assert len(script_directory().get_heads()) == 1


def test_upgrade_from_empty_database_reaches_head(migration_app: Flask) -> None:
    assert current_revisions() == set()

    command.upgrade(alembic_config(), "head")

    assert current_revisions() == set(script_directory().get_heads())


def test_migrated_schema_matches_the_models(migration_app: Flask) -> None:
    command.upgrade(alembic_config(), "head")

    assert schema_differences() == []


def test_every_migration_downgrades_and_upgrades_again(migration_app: Flask) -> None:
    config = alembic_config()
    for script in revisions_oldest_first():
        command.upgrade(config, script.revision)
        command.downgrade(config, "-1")
        assert script.revision not in current_revisions()
        command.upgrade(config, script.revision)
        assert current_revisions() == {script.revision}

    assert schema_differences() == []
