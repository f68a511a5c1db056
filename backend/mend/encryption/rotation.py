"""Re-encrypting stored values under the current data key, in resumable batches.

Only values whose stored prefix is not `v1:<current key id>:` are touched, so a
run that was interrupted picks up where it stopped, and a finished run finds
nothing left to do. Each batch is its own transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Engine, Integer, MetaData, Text, column, func, select, table
from sqlalchemy.sql.expression import ColumnElement, TableClause

from mend.encryption.cipher import VERSION, key_id_of, open_sealed, seal
from mend.encryption.columns import encrypted_columns
from mend.encryption.keys import KeyRing

DEFAULT_BATCH = 500


@dataclass(frozen=True)
class StoredColumn:
    """One encrypted column, seen as the raw text the database holds (nothing decrypts it)."""

    table_name: str
    column_name: str

    @property
    def name(self) -> str:
        """`table.column`, as its values are bound to."""
        return f"{self.table_name}.{self.column_name}"

    @cached_property
    def rows(self) -> TableClause:
        """The table with just its id and this column, as plain text."""
        return table(self.table_name, column("id", Integer), column(self.column_name, Text))

    def stale(self, ring: KeyRing) -> ColumnElement[bool]:
        """Values not sealed under the ring's current key."""
        value = self.rows.c[self.column_name]
        prefix = f"{VERSION}:{ring.current_id}:"
        return value.is_not(None) & (func.substr(value, 1, len(prefix)) != prefix)


def stored_columns(metadata: MetaData) -> list[StoredColumn]:
    """Every encrypted column of the schema."""
    return [StoredColumn(t.name, c.name) for t, c in encrypted_columns(metadata)]


def count_stale(engine: Engine, columns: list[StoredColumn], ring: KeyRing) -> int:
    """How many values are not yet under the current key."""
    with engine.connect() as connection:
        return sum(
            connection.scalar(select(func.count()).select_from(c.rows).where(c.stale(ring))) or 0
            for c in columns
        )


def count_by_key(engine: Engine, columns: list[StoredColumn]) -> Counter[str]:
    """How many stored values each key id seals ("?" for values that are not sealed)."""
    counts: Counter[str] = Counter()
    with engine.connect() as connection:
        for stored in columns:
            value = stored.rows.c[stored.column_name]
            for (raw,) in connection.execute(select(value).where(value.is_not(None))):
                counts[key_id_of(raw) or "?"] += 1
    return counts


def rotate_column(
    engine: Engine,
    stored: StoredColumn,
    ring: KeyRing,
    *,
    batch_size: int = DEFAULT_BATCH,
    on_batch: Callable[[int], None] = lambda _done: None,
) -> int:
    """Re-seal one column's stale values under the current key; returns how many changed."""
    rows, changed, last_id = stored.rows, 0, 0
    value = rows.c[stored.column_name]
    while True:
        with engine.begin() as connection:
            batch = connection.execute(
                select(rows.c.id, value)
                .where(rows.c.id > last_id, stored.stale(ring))
                .order_by(rows.c.id)
                .limit(batch_size)
            ).all()
            for row_id, raw in batch:
                fresh = seal(ring, stored.name, open_sealed(ring, stored.name, raw))
                # Compare-and-set: a value erased meanwhile is not brought back.
                update = rows.update().where(rows.c.id == row_id, value == raw)
                connection.execute(update.values({stored.column_name: fresh}))
        if not batch:
            return changed
        changed += len(batch)
        last_id = batch[-1][0]
        on_batch(len(batch))


def rotate_all(
    engine: Engine,
    columns: list[StoredColumn],
    ring: KeyRing,
    *,
    batch_size: int = DEFAULT_BATCH,
    on_batch: Callable[[int], None] = lambda _done: None,
) -> int:
    """Re-seal every stale value of every column; returns how many changed."""
    return sum(
        rotate_column(engine, stored, ring, batch_size=batch_size, on_batch=on_batch)
        for stored in columns
    )


def newest_values_open(engine: Engine, columns: list[StoredColumn], ring: KeyRing) -> None:
    """Open the newest value of every column; raises DataKeyError if the ring cannot.

    A cheap start-up check: a wrong or missing key shows at once, not on a reader's screen.
    """
    with engine.connect() as connection:
        for stored in columns:
            rows = stored.rows
            value = rows.c[stored.column_name]
            query = select(value).where(value.is_not(None)).order_by(rows.c.id.desc()).limit(1)
            raw: Any = connection.scalar(query)
            if raw is not None:
                open_sealed(ring, stored.name, raw)
