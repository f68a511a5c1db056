"""Cursor pagination: newest first, `before` is the id to continue below."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute

from mend.extensions import db

T = TypeVar("T")


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
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(items=rows, next_before=rows[-1].id if more else None)
