"""free text encrypted at rest

Revision ID: 0014
Revises: 0013b
Create Date: 2026-12-04 23:00:00.000000

Every free-text column becomes TEXT (ciphertext is longer than the plaintext
limits the schemas keep enforcing) and every existing value is sealed under
the current key of MEND_DATA_KEYS (AES-256-GCM, bound to its table.column).
Ledger content hashes cover the plaintext, so nothing in the ledger changes.
Values that already open with the key ring are left alone, so a run that was
interrupted can simply be repeated. The downgrade opens every value again.

On SQLite a type change rebuilds the table; the foreign-key checks are off
while it does, or dropping the old `commitment` table would cascade into
its checks and status changes.
"""

import sqlalchemy as sa
from alembic import op
from flask import current_app

from mend.encryption.cipher import open_sealed, seal, try_open

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013b"
branch_labels = None
depends_on = None

BATCH = 500
# (table, column, type before this revision, nullable); all are TEXT afterwards.
COLUMNS = (
    ("checkin", "note", sa.Text(), True),
    ("checkin", "tags", sa.JSON(), False),
    ("commitment", "title", sa.String(length=200), False),
    ("commitment", "description", sa.Text(), True),
    ("commitment_status_change", "reason", sa.String(length=1000), False),
    ("commitment_check", "note", sa.Text(), True),
    ("check_review", "note", sa.Text(), True),
    ("check_reply", "body", sa.Text(), False),
    ("disclosure_revision", "title", sa.String(length=200), False),
    ("disclosure_revision", "body", sa.Text(), False),
    ("disclosure_revision", "reason", sa.String(length=1000), True),
    ("disclosure_response", "body", sa.Text(), False),
    ("therapist_note", "body", sa.Text(), False),
    # A stored answer to an idempotent write repeats the words that were written.
    ("idempotency_key", "response_body", sa.Text(), True),
)


def upgrade():
    with _foreign_keys_off():
        _retype(to_text=True)
    ring = current_app.config["MEND"].data_keys
    for table, column, _old, _nullable in COLUMNS:
        name = f"{table}.{column}"
        _rewrite(table, column, lambda value, n=name: _seal_plaintext(ring, n, value))


def downgrade():
    ring = current_app.config["MEND"].data_keys
    for table, column, _old, _nullable in COLUMNS:
        name = f"{table}.{column}"
        _rewrite(table, column, lambda v, n=name: open_sealed(ring, n, v))
    with _foreign_keys_off():
        _retype(to_text=False)


def _seal_plaintext(ring, name, value):
    """The sealed value, or None for a value that is sealed already."""
    return None if try_open(ring, name, value) is not None else seal(ring, name, value)


def _retype(*, to_text):
    for table, column, old_type, nullable in COLUMNS:
        if isinstance(old_type, sa.Text):
            continue
        new_type, existing = (sa.Text(), old_type) if to_text else (old_type, sa.Text())
        using = {}
        if op.get_bind().dialect.name == "postgresql":
            cast = "text" if to_text else old_type.compile(dialect=op.get_bind().dialect)
            using = {"postgresql_using": f"{column}::{cast}"}
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column, existing_type=existing, type_=new_type, existing_nullable=nullable, **using
            )


def _rewrite(table, column, change):
    """Apply change(value) -> new value or None (keep) to every non-null value, in id order."""
    rows = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.Text))
    value = rows.c[column]
    connection = op.get_bind()
    last_id = 0
    while True:
        batch = connection.execute(
            sa.select(rows.c.id, value)
            .where(rows.c.id > last_id, value.is_not(None))
            .order_by(rows.c.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        for row_id, stored in batch:
            new = change(stored)
            if new is not None:
                connection.execute(rows.update().where(rows.c.id == row_id).values({column: new}))
        last_id = batch[-1][0]


class _foreign_keys_off:
    """SQLite only: foreign-key actions off while tables are rebuilt, checked after."""

    def __enter__(self):
        self.sqlite = op.get_bind().dialect.name == "sqlite"
        # migrations/env.py already turns them off for every SQLite migration; restore
        # whatever was in force, so a run started with them off stays so.
        pragma = op.get_bind().exec_driver_sql("PRAGMA foreign_keys") if self.sqlite else None
        self.was_on = bool(pragma and pragma.scalar())
        if self.was_on:
            _sqlite_outside_transaction("PRAGMA foreign_keys=OFF")

    def __exit__(self, *exc_info):
        if self.sqlite:
            broken = op.get_bind().exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")
        if self.was_on:
            _sqlite_outside_transaction("PRAGMA foreign_keys=ON")


def _sqlite_outside_transaction(pragma):
    # Mend's SQLite connections manage BEGIN themselves (mend.database.configure_sqlite),
    # and this pragma is ignored inside a transaction: end it, set it, begin again.
    connection = op.get_bind()
    connection.exec_driver_sql("COMMIT")
    connection.exec_driver_sql(pragma)
    connection.exec_driver_sql("BEGIN IMMEDIATE")
