"""`column IN ids` for the caseload's questionnaire reads, written so the statement's text
never depends on how many ids there are.

On PostgreSQL the ids go as one array parameter (`column = ANY(:ids)`). An IN
list of 100-200 ids made each measure_rows statement 20,000 characters long:
SQLAlchemy expanded the list on every request and psycopg, which caches its
own conversion of statements up to 4 KB only, parsed it afresh. With arrays
they are 1,300 and 2,000 characters. SQLite has no arrays; there the ids
expand into an IN list as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, any_, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement

from mend.extensions import db

FORCE_CUSTOM_PLANS = text("SET LOCAL plan_cache_mode = force_custom_plan")


def among(column: Any, ids: Iterable[int]) -> ColumnElement[bool]:
    """The condition `column` is one of `ids` (integers), as the database reads it fastest."""
    wanted = sorted(set(ids))
    if _on_postgresql():
        return column == any_(bindparam(None, wanted, type_=ARRAY(Integer)))
    return column.in_(wanted)


def custom_plans() -> None:
    """Have PostgreSQL plan each statement for its ids until the transaction ends (call it
    before statements that use `among`).

    psycopg prepares a statement run five times on a connection; PostgreSQL may then
    keep one generic plan, made without the arrays' contents. For the questionnaire
    summaries (measure_rows) that plan took 795 ms where a plan for the ids takes 12.
    """
    if _on_postgresql():
        db.session.execute(FORCE_CUSTOM_PLANS)


def _on_postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"
