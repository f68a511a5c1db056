"""Rows written before ledger fields were declared on the models still verify.

`ledger_rows.json` holds one or more rows of every ledger kind (encrypted free text
included) with the content hashes and ledger entries the old, hand-written
`ledger_content()` methods gave them (see tests/record/ledger_fixture.py).
"""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import update

import mend.models  # noqa: F401  (every ledgered model, for ledgered_models())
from mend.auth.models import User
from mend.checkins.models import Checkin
from mend.extensions import db
from mend.record import service as record_service
from mend.record.hashing import content_hash
from tests.record import ledger_fixture as frozen

FIXTURE = frozen.load()


def test_every_ledger_kind_is_frozen() -> None:
    assert {row["kind"] for row in FIXTURE["rows"]} == set(record_service.ledgered_models())


@pytest.mark.parametrize("item", FIXTURE["rows"], ids=lambda item: item["kind"])
def test_a_row_hashes_as_it_did_when_written(item: dict) -> None:
    model = record_service.ledgered_models()[item["kind"]]
    values = {name: frozen.decode(value) for name, value in item["columns"].items()}

    content = model(**values).ledger_content()

    assert list(content) == list(item["content"])
    assert content_hash(content) == item["content_hash"]


def test_rows_written_before_verify_from_the_database(app: Flask) -> None:
    with app.app_context():
        frozen.insert_people()
        frozen.insert_frozen(FIXTURE)
        db.session.commit()
        db.session.expunge_all()
        hurt = db.session.get(User, frozen.USER_IDS["hurt"])

        result = record_service.verify(actor=hurt, space_id=frozen.SPACE_ID)

    assert result.valid is True
    assert result.entries == len(FIXTURE["rows"])
    assert result.head_hash == FIXTURE["entries"][-1]["entry_hash"]


def test_a_frozen_row_changed_afterwards_fails_verification(app: Flask) -> None:
    with app.app_context():
        frozen.insert_people()
        frozen.insert_frozen(FIXTURE)
        db.session.execute(update(Checkin).where(Checkin.id == 9001).values(note="Rewritten"))
        db.session.commit()
        hurt = db.session.get(User, frozen.USER_IDS["hurt"])

        assert record_service.verify(actor=hurt, space_id=frozen.SPACE_ID).valid is False
