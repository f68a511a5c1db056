"""The one access loader: every `Access` is built here, from the access tables
(memberships and the consent changes between them), and nothing else reads those
rows to decide access.

- `access`: one member's access to one space, in one statement;
- `member_accesses`: every active member's access to one space (the live audience);
- `accesses_of`: one user's access to each of their spaces (the caseload, lists);
- `locked_access`: for a write, the space lock and every member's access, read once
  for both the writer's permission and the live event's audience.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, select

from mend.auth.models import User
from mend.errors import NotFound
from mend.extensions import db
from mend.policy.access import Access
from mend.policy.factors import lacks_factor, require_second_factor
from mend.policy.lock import lock_space_of_member
from mend.policy.models import ConsentChange, Membership
from mend.policy.rules import counted, keeps_reading

SPACE_NOT_FOUND = "We couldn't find that space."
# Marks the loader's statements (not part of the SQL): tests check that every read of the
# access tables carries it, so nothing else reads them to decide access.
ACCESS_READ = {"policy_access_read": True}


def consents_from_members_to(viewer_id: ColumnElement[int] | int) -> ColumnElement[bool]:
    """Join condition: the consent changes each membership made to the viewer (to any of
    the viewer's memberships: `counted` keeps those made to the current one)."""
    return and_(
        ConsentChange.owner_membership_id == Membership.id,
        ConsentChange.viewer_id == viewer_id,
    )


# One member's access: every membership of the space, each with the consent changes its
# member made to the viewer (the newest per owner and category decides).
MEMBERS_WITH_CONSENTS_RECEIVED = (
    select(Membership, ConsentChange)
    .outerjoin(ConsentChange, consents_from_members_to(bindparam("viewer_id")))
    .where(Membership.space_id == bindparam("space_id"))
    .order_by(Membership.id, ConsentChange.id)
    .execution_options(**ACCESS_READ)
)
# Every member's access: each membership with its user and the consent changes made to
# that member (a member who was given none has one row, change None).
MEMBERS_WITH_USERS_AND_CONSENTS_RECEIVED = (
    select(Membership, User, ConsentChange)
    .join(User, User.id == Membership.user_id)
    .outerjoin(ConsentChange, ConsentChange.viewer_membership_id == Membership.id)
    .where(Membership.space_id == bindparam("space_id"))
    .order_by(Membership.id, ConsentChange.id)
    .execution_options(**ACCESS_READ)
)


def access(user: User, space_id: int, *, partner_data: bool = True) -> Access:
    """The user's access to a space; NotFound if they are not in it. Unless the caller
    reads no partner data (`partner_data=False`, e.g. to leave), the therapist rule holds."""
    # current_user is a proxy; holding the real object spares a context lookup per use.
    user = getattr(user, "_get_current_object", lambda: user)()
    rows = db.session.execute(
        MEMBERS_WITH_CONSENTS_RECEIVED, {"space_id": space_id, "viewer_id": user.id}
    ).all()
    found = _access_from(user, rows)
    if found is None:
        raise NotFound(SPACE_NOT_FOUND)
    if partner_data and found.role == "therapist":
        require_second_factor(user)
    return found


@dataclass(frozen=True)
class Locked:
    """A space locked for a write: the writer's access and every member's, as they stand
    under the lock (so for the rest of the transaction: grants take the lock too)."""

    access: Access
    members: list[Access]


def locked_access(user: User, space_id: int) -> Locked:
    """Lock the space for a write and load every member's access: two statements for what
    `access`, `lock_space` and `member_accesses` ask in three. NotFound, and no lock, if
    the user is not an active member; a therapist without a second factor is refused as
    by `access`."""
    user = getattr(user, "_get_current_object", lambda: user)()
    if not lock_space_of_member(space_id, user.id):
        raise NotFound(SPACE_NOT_FOUND)
    members = member_accesses(space_id)
    mine = next((found for found in members if found.user.id == user.id), None)
    return Locked(access=mine or access(user, space_id), members=members)


def accesses_of(user: User, *, role: str | None = None, now: datetime) -> dict[int, Access]:
    """The user's access to every space they are an active member of (in this role, if
    given), by space, in one statement however many spaces. The caller has checked the
    account (e.g. `require_therapist_account`): no space is refused for a missing factor."""
    mine = select(Membership.space_id).where(
        Membership.user_id == user.id, Membership.left_at.is_(None)
    )
    if role is not None:
        mine = mine.where(Membership.role == role)
    rows = db.session.execute(
        select(Membership, ConsentChange)
        .outerjoin(ConsentChange, consents_from_members_to(user.id))
        .where(Membership.space_id.in_(mine))
        .order_by(Membership.id, ConsentChange.id)
        .execution_options(**ACCESS_READ)
    )
    by_space: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_space[row[0].space_id].append(row)
    found = {space: _access_from(user, of_space, now=now) for space, of_space in by_space.items()}
    return {space: one for space, one in found.items() if one is not None}


def member_accesses(space_id: int) -> list[Access]:
    """The access of every active member of a space, loaded in one query (members who
    must have a second factor and have none are left out: they see no partner data)."""
    rows = db.session.execute(MEMBERS_WITH_USERS_AND_CONSENTS_RECEIVED, {"space_id": space_id})
    members: dict[int, Membership] = {}
    users: dict[int, User] = {}
    received: dict[int, list[ConsentChange]] = {}
    for membership, user, change in rows:
        if keeps_reading(membership):
            members[user.id], users[user.id] = membership, user
        if change is not None:
            received.setdefault(change.viewer_membership_id, []).append(change)
    return [
        Access(
            user=users[uid],
            membership=membership,
            members=members,
            received=counted(received.get(membership.id, ()), viewer=membership, members=members),
        )
        for uid, membership in members.items()
        if membership.active and not (membership.role == "therapist" and lacks_factor(users[uid]))
    ]


def _access_from(user: User, rows: Iterable[Any], *, now: datetime | None = None) -> Access | None:
    """The user's Access from one space's (membership, change made to the user) rows,
    or None if they are not an active member."""
    rows = list(rows)
    members = {m.user_id: m for m, _change in rows if keeps_reading(m)}
    membership = members.get(user.id)
    if membership is None or not membership.active:
        return None
    changes = {change for _m, change in rows if change is not None}
    received = counted(changes, viewer=membership, members=members)
    extra = {} if now is None else {"now": now}
    return Access(user=user, membership=membership, members=members, received=received, **extra)


def active_membership(user: User, space_id: int) -> Membership | None:
    """The user's current membership of the space, if any (no consent is read)."""
    return db.session.scalar(
        select(Membership)
        .where(
            Membership.space_id == space_id,
            Membership.user_id == user.id,
            Membership.left_at.is_(None),
        )
        .execution_options(**ACCESS_READ)
    )
