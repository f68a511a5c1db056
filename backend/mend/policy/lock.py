"""The space lock: every write that must see, or change, who may see what in a space
queues on the space's row until its transaction ends."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, bindparam, select

from mend.extensions import db
from mend.policy.models import Membership, Space

# Every lock statement first waits in FOR KEY SHARE (the CTE), as an insert's foreign-key
# check does: that wait is shared, so behind a transaction stuck holding the row FOR
# UPDATE every writer gives up after one lock_timeout. Waiting straight in FOR NO KEY
# UPDATE, writers queue on the row's tuple lock one behind another, and the last could
# wait two lock_timeouts (tests/resilience/test_outage.py, the pool-exhaustion test).
_SHARED_WAIT = (
    select(Space.id)
    .where(Space.id == bindparam("space_id"))
    .with_for_update(read=True, key_share=True)
    .cte("shared_wait")
)
LOCK_SPACE = (
    select(Space.id)
    .join(_SHARED_WAIT, _SHARED_WAIT.c.id == Space.id)
    .where(Space.id == bindparam("space_id"))
    .with_for_update(of=Space, key_share=True)
)
# The same lock, taken only if the user is an active member (else no row, and no lock).
LOCK_SPACE_OF_MEMBER = LOCK_SPACE.join(Membership, Membership.space_id == Space.id).where(
    Membership.user_id == bindparam("user_id"), Membership.left_at.is_(None)
)
# Where the session notes the spaces its current transaction has locked.
_LOCKED = "policy_locked_spaces"


def lock_space(space_id: int) -> None:
    """Queue behind every other write to the space until the caller's transaction ends.

    FOR NO KEY UPDATE on PostgreSQL, which does not clash with the key-share locks
    that inserting child rows takes, so it cannot deadlock with them; SQLite's
    BEGIN IMMEDIATE already serialises writers. Trust-record writes take it to keep
    the chain from forking and so two writes at once cannot both pass their checks;
    grants, revocations and departures take it so that a write's live audience,
    decided in its transaction, sees the grants of its moment.
    """
    if space_id in _locked_now():
        return  # the transaction holds the lock already: no second round trip
    db.session.connection().execute(LOCK_SPACE, {"space_id": space_id})
    _locked_now().add(space_id)


def lock_space_of_member(space_id: int, user_id: int) -> bool:
    """`lock_space`, if the user is an active member of the space (False, and no lock, if
    not): the write's membership check and its lock in one round trip."""
    found = db.session.connection().execute(
        LOCK_SPACE_OF_MEMBER, {"space_id": space_id, "user_id": user_id}
    )
    if found.first() is None:
        return False
    _locked_now().add(space_id)
    return True


def _locked_now() -> set[int]:
    """The spaces the session's current transaction (or savepoint) has locked.

    Noted per transaction object: a new transaction, or a savepoint (whose rollback
    would release a lock taken inside it), starts with none, so a lock is never
    assumed that the database does not hold.
    """
    connection = db.session.connection()
    transaction = connection.get_nested_transaction() or connection.get_transaction()
    noted = db.session.info.get(_LOCKED)
    if noted is None or noted[0] is not transaction:
        noted = db.session.info[_LOCKED] = (transaction, set())
    return noted[1]


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
