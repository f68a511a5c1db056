"""`flask --app mend backup` and `restore`: every record, consent and ledger entry comes back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select, text

from mend.cli import DEMO_ACCOUNTS, DEMO_PASSWORD
from mend.consent.models import ConsentChange
from mend.extensions import db
from mend.record.models import LedgerEntry
from tests.builders import ApiClient
from tests.conftest import build_app
from tests.resilience.processes import fresh_postgres_database


def counts(app: Flask) -> dict[str, int]:
    """Rows in every table of the schema, and the migration the database is at."""
    with app.app_context():
        rows = {
            table.name: db.session.scalar(select(func.count()).select_from(table)) or 0
            for table in db.metadata.sorted_tables
        }
        rows["alembic_version"] = db.session.scalar(text("SELECT version_num FROM alembic_version"))
        db.session.remove()
        return rows


def log_in(app: Flask, email: str) -> ApiClient:
    client = ApiClient(app)
    response = client.post("/auth/login", json={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.get_json()
    client.csrf_token(refresh=True)  # the login started a new session
    return client


def demo_with_consent(app: Flask) -> int:
    """The demo couple and therapist, with a grant to the therapist; returns the space id."""
    assert app.test_cli_runner().invoke(args=["demo-data"]).exit_code == 0
    sam = log_in(app, DEMO_ACCOUNTS[0][0])
    space = sam.get("/spaces").get_json()["items"][0]
    therapist = next(m["user_id"] for m in space["members"] if m["role"] == "therapist")
    granted = sam.put(
        f"/spaces/{space['id']}/consents/{therapist}/checkins", json={"granted": True}
    )
    assert granted.status_code == 200, granted.get_json()
    return int(space["id"])


@pytest.fixture
def empty_database(app: Flask, tmp_path: Path) -> Iterator[str]:
    """A new, empty database of the suite's kind (SQLite file, or PostgreSQL)."""
    if str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    with fresh_postgres_database(os.environ["MEND_TEST_DATABASE_URL"]) as url:
        yield url


def test_a_restored_backup_has_every_record_consent_and_ledger_entry(
    app: Flask, tmp_path: Path, empty_database: str
) -> None:
    space_id = demo_with_consent(app)
    before = counts(app)
    assert before[LedgerEntry.__tablename__] > 100
    assert before[ConsentChange.__tablename__] >= 1

    backup_file = tmp_path / "mend.backup"
    made = app.test_cli_runner().invoke(args=["backup", str(backup_file)])
    assert made.exit_code == 0, made.output
    assert backup_file.stat().st_size > 0

    restored = build_app(tmp_path / "restored", database_url=empty_database)
    loaded = restored.test_cli_runner().invoke(args=["restore", str(backup_file)])
    assert loaded.exit_code == 0, loaded.output
    try:
        assert counts(restored) == before
        sam = log_in(restored, DEMO_ACCOUNTS[0][0])
        verification = sam.get(f"/spaces/{space_id}/record/verify").get_json()
        assert verification["valid"] is True
        consents = sam.get(f"/spaces/{space_id}/consents").get_json()
        assert (
            consents
            == log_in(app, DEMO_ACCOUNTS[0][0]).get(f"/spaces/{space_id}/consents").get_json()
        )
    finally:
        with restored.app_context():
            db.engine.dispose()


def test_restore_refuses_a_database_that_is_not_empty(app: Flask, tmp_path: Path) -> None:
    backup_file = tmp_path / "mend.backup"
    assert app.test_cli_runner().invoke(args=["backup", str(backup_file)]).exit_code == 0
    refused = app.test_cli_runner().invoke(args=["restore", str(backup_file)])
    assert refused.exit_code == 1
    assert "new, empty database" in refused.output


def test_backup_never_overwrites_a_file(app: Flask, tmp_path: Path) -> None:
    existing = tmp_path / "mend.backup"
    existing.write_text("yesterday's backup")
    refused = app.test_cli_runner().invoke(args=["backup", str(existing)])
    assert refused.exit_code == 1
    assert existing.read_text() == "yesterday's backup"


def test_restore_refuses_a_file_that_is_not_a_backup(
    app: Flask, tmp_path: Path, empty_database: str
) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    target = build_app(tmp_path / "target", database_url=empty_database)
    refused = target.test_cli_runner().invoke(args=["restore", str(bogus)])
    assert refused.exit_code == 1
    assert "Traceback" not in refused.output
    with target.app_context():
        db.engine.dispose()
