"""Free text is stored encrypted: canaries written through the API never reach the disk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import make_url, select

from mend.encryption.columns import encrypted_columns
from mend.encryption.rotation import StoredColumn, count_by_key, stored_columns
from mend.extensions import db
from tests.account.conftest import Story, ok
from tests.builders import ApiClient, Couple
from tests.encryption.conftest import CANARIES, all_readable

DIALECT = make_url(os.environ.get("MEND_TEST_DATABASE_URL") or "sqlite://").get_backend_name()


def bytes_of(paths: list[str]) -> bytes:
    """The files' contents, read by another process.

    Opening and closing the database file here would drop this process's POSIX
    locks on it (SQLite's own connections included), and corrupt later writes.
    """
    read = "import sys; [sys.stdout.buffer.write(open(p, 'rb').read()) for p in sys.argv[1:]]"
    return subprocess.run(
        [sys.executable, "-c", read, *paths], capture_output=True, check=True, timeout=60
    ).stdout


def test_every_canary_reads_back_through_the_api(full_story: tuple[Story, ApiClient]) -> None:
    story, therapist = full_story
    readable = all_readable(story, therapist)
    assert [canary for canary in CANARIES if canary not in readable] == []


def test_the_record_still_verifies(full_story: tuple[Story, ApiClient]) -> None:
    story, _therapist = full_story
    for person in (story.couple.hurt, story.couple.repairing):
        result = ok(person.get(f"/spaces/{story.space_id}/record/verify"))
        assert result["valid"] is True and result["entries"] > 10


def test_every_free_text_column_is_encrypted(app: Flask) -> None:
    with app.app_context():
        names = {f"{table.name}.{column.name}" for table, column in encrypted_columns(db.metadata)}
    assert names == {
        "checkin.note",
        "checkin.tags",
        "commitment.title",
        "commitment.description",
        "commitment_status_change.reason",
        "commitment_check.note",
        "check_review.note",
        "check_reply.body",
        "disclosure_revision.title",
        "disclosure_revision.body",
        "disclosure_revision.reason",
        "disclosure_response.body",
        "therapist_note.body",
        "idempotency_key.response_body",
    }


def test_stored_values_are_sealed_under_the_current_key(
    app: Flask, full_story: tuple[Story, ApiClient]
) -> None:
    with app.app_context():
        counts = count_by_key(db.engine, stored_columns(db.metadata))
    assert set(counts) == {"test1"} and counts["test1"] >= len(CANARIES)


@pytest.mark.skipif(DIALECT != "sqlite", reason="the SQLite files")
def test_canaries_are_not_in_the_sqlite_files(
    app: Flask, full_story: tuple[Story, ApiClient]
) -> None:
    database = Path(make_url(str(app.config["SQLALCHEMY_DATABASE_URI"])).database or "")
    files = [str(path) for path in (database, Path(f"{database}-wal")) if path.exists()]
    on_disk = bytes_of(files)

    assert b"v1:test1:" in on_disk  # the words are there, sealed
    assert [canary for canary in CANARIES if canary.encode() in on_disk] == []


@pytest.mark.skipif(DIALECT != "postgresql", reason="a PostgreSQL dump")
def test_canaries_are_not_in_a_postgresql_dump(
    app: Flask, full_story: tuple[Story, ApiClient]
) -> None:
    url = make_url(str(app.config["SQLALCHEMY_DATABASE_URI"]))
    dump = subprocess.run(
        [
            "pg_dump",
            "--data-only",
            "--no-owner",
            "-h",
            url.host or "127.0.0.1",
            "-p",
            str(url.port or 5432),
            "-U",
            url.username or "postgres",
            url.database or "",
        ],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout

    assert b"v1:test1:" in dump
    assert [canary for canary in CANARIES if canary.encode() in dump] == []


def test_a_remembered_answer_is_stored_sealed(app: Flask, couple: Couple) -> None:
    path, canary = f"/spaces/{couple.space_id}/checkins", "canary-idempotent-note-9911"
    headers = {"Idempotency-Key": "retry-me-1"}
    first = couple.hurt.post(path, json={"felt_safety": 6, "note": canary}, headers=headers)
    again = couple.hurt.post(path, json={"felt_safety": 6, "note": canary}, headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json() and again.get_json()["note"] == canary
    stored = StoredColumn("idempotency_key", "response_body")
    with app.app_context():
        raw = db.session.execute(select(stored.rows.c.response_body)).scalars().all()
    assert len(raw) == 1 and raw[0].startswith("v1:test1:") and canary not in raw[0]
