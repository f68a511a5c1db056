"""The access log: every read a therapist makes of a partner's data, for that partner to see.

Partners' reads of each other's data are deliberately not logged: Mend keeps
no read receipts and no counts of how often someone looked at something.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select

from mend import policy
from mend.auth.models import User
from mend.consent.models import AccessLogEntry
from mend.extensions import db
from mend.pagination import Page, paginate


@dataclass(frozen=True)
class Read:
    """One read of one owner's data: which category and which records or range."""

    owner_id: int
    category: str
    records: str


def record_reads(access: policy.Access, reads: Iterable[Read]) -> None:
    """Log a therapist's reads of partners' data, in a short transaction of its own.

    Call it after the views are built: it commits the read first, so that on
    SQLite the log write takes the write lock afresh instead of upgrading a
    read transaction (which can fail at once under concurrent writers).
    """
    if access.role != "therapist":
        return
    entries = [
        AccessLogEntry(
            space_id=access.space_id,
            owner_id=read.owner_id,
            viewer_id=access.user.id,
            category=read.category,
            records=read.records[:200],
            created_at=access.now,
        )
        for read in reads
        if read.owner_id != access.user.id
    ]
    if entries:
        db.session.commit()
        db.session.add_all(entries)
        db.session.commit()


def list_mine(
    *, actor: User, space_id: int, limit: int, before: int | None = None
) -> Page[AccessLogEntry]:
    """Who read which of the actor's data, newest first (the owner's eyes only)."""
    access = policy.access(actor, space_id)
    query = select(AccessLogEntry).where(
        AccessLogEntry.space_id == access.space_id, AccessLogEntry.owner_id == actor.id
    )
    return paginate(query, AccessLogEntry.id, limit=limit, before=before)


def reads_by_owner(
    owner_ids: Iterable[int | None], category: str, describe: Callable[[int], str]
) -> list[Read]:
    """One Read per distinct owner, described by describe(count of that owner's records)."""
    counts = Counter(owner for owner in owner_ids if owner is not None)
    return [Read(owner, category, describe(count)) for owner, count in counts.items()]
