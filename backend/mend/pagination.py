"""Cursor pagination: newest first, `before` is the id to continue below."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, bindparam
from sqlalchemy.orm import InstrumentedAttribute

from mend import speed
from mend.extensions import db

T = TypeVar("T")
# bench/ablation.py switches Core reads off by naming them in MEND_BENCH_WITHOUT.
CORE_READS = speed.on("core_reads")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and the cursor for the next (None at the end)."""

    items: list[T]
    next_before: int | None


def paginate(
    query: Select[Any], id_column: InstrumentedAttribute[int], *, limit: int, before: int | None
) -> Page[Any]:
    """Run query newest first, at most limit rows below the `before` id.

    A query for one model gives its objects; a query for columns gives rows.
    """
    if before is not None:
        query = query.where(id_column < before)
    result = db.session.execute(query.order_by(id_column.desc()).limit(limit + 1))
    rows = list(result.scalars() if len(query.column_descriptions) == 1 else result)
    return _page_of(rows, limit)


def _page_of(rows: list[Any], limit: int) -> Page[Any]:
    """The first limit of up to limit + 1 rows, and the cursor below them if there were more."""
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(items=rows, next_before=rows[-1].id if more else None)


def read_columns(statement: Select[Any], params: dict[str, Any]) -> list[Any]:
    """Rows of a column select, run on the session's connection in its transaction.

    Plain columns need none of the ORM's result handling; skipping it saves about
    0.15 ms a query on the busiest reads. Pending changes are not flushed first:
    for reads only.
    """
    if not CORE_READS:
        return list(db.session.execute(statement, params).all())
    return db.session.connection().execute(statement, params).all()


@dataclass(frozen=True)
class Pager:
    """A list statement prepared once for cursor pagination (for the busiest lists).

    Built at import time, its two forms (first page, page below an id) keep the
    same statement objects, so SQLAlchemy compiles each only once per process.
    """

    first: Select[Any]
    below: Select[Any]

    @classmethod
    def of(cls, query: Select[Any], id_column: InstrumentedAttribute[int]) -> Pager:
        """Prepare query (selecting columns, one of them id_column) to be paged newest first."""
        first = query.order_by(id_column.desc()).limit(bindparam("page_limit"))
        return cls(first=first, below=first.where(id_column < bindparam("page_before")))

    def page(self, *, limit: int, before: int | None, params: dict[str, Any]) -> Page[Any]:
        """At most limit rows below the `before` id; params fill the query's own parameters."""
        statement = self.first if before is None else self.below
        values = {**params, "page_limit": limit + 1, "page_before": before}
        return _page_of(read_columns(statement, values), limit)
