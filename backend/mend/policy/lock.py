"""The space lock: every write that must see, or change, who may see what in a space
queues on the space's row until its transaction ends."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, bindparam, select

from mend.extensions import db
from mend.policy.models import Space

LOCK_SPACE = (
    select(Space.id).where(Space.id == bindparam("space_id")).with_for_update(key_share=True)
)


def lock_space(space_id: int) -> None:
    """Queue behind every other write to the space until the caller's transaction ends.

    FOR NO KEY UPDATE on PostgreSQL, which does not clash with the key-share locks
    that inserting child rows takes, so it cannot deadlock with them; SQLite's
    BEGIN IMMEDIATE already serialises writers. Trust-record writes take it to keep
    the chain from forking and so two writes at once cannot both pass their checks;
    grants, revocations and departures take it so that a write's live audience,
    decided in its transaction, sees the grants of its moment.
    """
    db.session.connection().execute(LOCK_SPACE, {"space_id": space_id})


def lock_spaces(space_ids: Iterable[int] | Select[Any]) -> list[int]:
    """Lock these spaces (ids, or a query of them) the same way, in one statement and in
    id order, so two lockers never deadlock; the ids of those that exist."""
    wanted = space_ids if isinstance(space_ids, Select) else list(space_ids)
    return list(
        db.session.scalars(
            select(Space.id)
            .where(Space.id.in_(wanted))
            .order_by(Space.id)
            .with_for_update(key_share=True)
        )
    )
