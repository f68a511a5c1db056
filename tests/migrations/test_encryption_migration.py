"""Migration 0014 seals free text written before it, and the ledger still verifies.

The record is written through the API, then the database is taken back to
revision 0013b, the one before encryption (its rows hold plaintext, as in every
database written before encryption; one more row is inserted there by hand),
then upgraded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from flask import Flask
from sqlalchemy import inspect, text

from mend.extensions import db
from tests.account.conftest import Story, ok, write_story
from tests.builders import ApiClient, add_therapist, make_couple
from tests.conftest import build_app
from tests.encryption.conftest import CANARIES, THERAPIST_CANARY, all_readable
from tests.migrations.test_migrations import alembic_config
from tests.migrations.test_migrations import empty_database_url as empty_database_url  # noqa: F401

WRITTEN_AT_0006 = "canary-written-at-0006-note-3391"


@pytest.fixture
def app_on_empty_database(tmp_path: Path, empty_database_url: str) -> Iterator[Flask]:  # noqa: F811
    """An app bound to an empty database; requests run outside any app context of the test."""
    application = build_app(tmp_path, database_url=empty_database_url)
    yield application
    with application.app_context():
        db.engine.dispose()


def migrate(app: Flask, direction: str, revision: str) -> None:
    """Upgrade or downgrade app's database to revision."""
    with app.app_context():
        getattr(command, direction)(alembic_config(), revision)


def raw_database_text(app: Flask) -> str:
    """Every stored value of every table, as the database holds it (nothing decrypted)."""
    with app.app_context(), db.engine.connect() as connection:
        present = set(inspect(connection).get_table_names())  # tables of the current revision
        return "\n".join(
            repr(tuple(row))
            for table in db.metadata.sorted_tables
            if table.name in present
            for row in connection.execute(text(f'SELECT * FROM "{table.name}"'))
        )


def write_everything(app: Flask) -> tuple[Story, ApiClient]:
    """Every kind of record (and a remembered idempotent answer), all canaries."""
    couple = make_couple(app)
    story = write_story(couple)
    therapist = add_therapist(app, couple)
    path = f"/spaces/{couple.space_id}/therapist-notes"
    ok(therapist.post(path, json={"body": THERAPIST_CANARY}), 201)
    return story, therapist


def test_0014_seals_plaintext_rows_and_the_record_still_verifies(
    app_on_empty_database: Flask,
) -> None:
    app = app_on_empty_database
    migrate(app, "upgrade", "head")
    story, therapist = write_everything(app)
    migrate(app, "downgrade", "0013b")
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO therapist_note (space_id, author_id, body, created_at) "
                "VALUES (:space, :author, :body, CURRENT_TIMESTAMP)"
            ),
            {"space": story.space_id, "author": therapist.id, "body": WRITTEN_AT_0006},
        )
    plaintext = raw_database_text(app)
    assert [c for c in [*CANARIES, WRITTEN_AT_0006] if c not in plaintext] == []

    migrate(app, "upgrade", "0014")

    sealed = raw_database_text(app)
    assert [c for c in [*CANARIES, WRITTEN_AT_0006] if c in sealed] == []
    migrate(app, "upgrade", "head")  # the later revisions' tables, which the app reads
    assert [c for c in [*CANARIES, WRITTEN_AT_0006] if c in raw_database_text(app)] == []
    readable = all_readable(story, therapist)
    assert [c for c in [*CANARIES, WRITTEN_AT_0006] if c not in readable] == []
    for person in (story.couple.hurt, story.couple.repairing):
        verified = ok(person.get(f"/spaces/{story.space_id}/record/verify"))
        assert verified["valid"] is True and verified["entries"] > 10, verified
