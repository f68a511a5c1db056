"""Rows of every ledger kind, frozen with the hashes the ledger gave them when written.

`ledger_rows.json` was written on 2026-12-05 by `write_fixture()` with the code from
before ledger fields were declared on the models (hand-written `ledger_content()`
methods); it must never be regenerated to make a test pass. Values are stored in
their plain form (encrypted columns are sealed again as the rows are inserted) with
dates and times tagged, so that a row read back holds exactly what was hashed.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, inspect, select

from mend.auth.models import User
from mend.extensions import db
from mend.record.models import Ledgered, LedgerEntry
from mend.record.service import ledgered_models
from mend.spaces.models import Membership, Space

FIXTURE = Path(__file__).with_name("ledger_rows.json")
SPACE_ID = 8101
USER_IDS = {"hurt": 7101, "repairing": 7102}
ENTRY_COLUMNS = ("seq", "kind", "ref_id", "content_hash", "prev_hash", "entry_hash", "created_at")


def encode(value: Any) -> Any:
    """A column value as JSON, dates and times tagged."""
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def decode(value: Any) -> Any:
    """The column value `encode` stored."""
    if isinstance(value, dict) and set(value) == {"datetime"}:
        return datetime.fromisoformat(value["datetime"])
    if isinstance(value, dict) and set(value) == {"date"}:
        return date.fromisoformat(value["date"])
    return value


def column_values(row: object) -> dict[str, Any]:
    """Every mapped column of a row, encoded."""
    mapper = inspect(type(row))
    return {attr.key: encode(getattr(row, attr.key)) for attr in mapper.column_attrs}


def load() -> dict[str, Any]:
    """The frozen rows and ledger entries."""
    return json.loads(FIXTURE.read_text())


def insert_people() -> None:
    """The two partners and their space, under the ids the frozen rows name."""
    db.session.add(Space(id=SPACE_ID, name="Frozen"))
    for role, user_id in USER_IDS.items():
        db.session.add(
            User(
                id=user_id,
                email=f"{role}.frozen@example.com",
                password_hash="not-a-hash",
                display_name=role.title(),
                account_type="partner",
            )
        )
        db.session.flush()
        db.session.add(Membership(space_id=SPACE_ID, user_id=user_id, role=role))
    db.session.flush()


def insert_frozen(fixture: dict[str, Any]) -> list[Ledgered]:
    """The frozen rows (in the order written) and their ledger entries, verbatim."""
    models = ledgered_models()
    rows = []
    for item in fixture["rows"]:
        values = {name: decode(value) for name, value in item["columns"].items()}
        row = models[item["kind"]](**values)
        db.session.add(row)
        db.session.flush()
        rows.append(row)
    entries = [
        {"space_id": SPACE_ID, **{name: decode(entry[name]) for name in ENTRY_COLUMNS}}
        for entry in fixture["entries"]
    ]
    db.session.execute(insert(LedgerEntry), entries)
    db.session.flush()
    return rows


def dump_entries() -> list[dict[str, Any]]:
    """The space's ledger entries, in order, encoded."""
    entries = db.session.scalars(
        select(LedgerEntry).where(LedgerEntry.space_id == SPACE_ID).order_by(LedgerEntry.seq)
    )
    return [{name: encode(getattr(entry, name)) for name in ENTRY_COLUMNS} for entry in entries]
