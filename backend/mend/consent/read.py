"""What is shared with whom, as one member sees it: the consent overview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from mend import policy
from mend.auth.models import User
from mend.consent.models import CATEGORIES, ConsentChange
from mend.extensions import db


@dataclass(frozen=True)
class Given:
    """The state of sharing one category with one viewer."""

    viewer_id: int
    viewer_role: str
    category: str
    granted: bool
    expires_at: datetime | None
    fixed: bool
    is_default: bool
    changed_at: datetime | None


@dataclass(frozen=True)
class Received:
    """A category shared with the caller right now."""

    owner_id: int
    owner_role: str
    category: str
    expires_at: datetime | None


@dataclass(frozen=True)
class Overview:
    """What the caller shares, what is shared with them, and the record of changes."""

    given: list[Given]
    received: list[Received]
    history: list[ConsentChange]


def overview(*, actor: User, space_id: int) -> Overview:
    """Exactly what is shared with whom, for the caller."""
    access = policy.access(actor, space_id)
    return Overview(
        given=given_states(access),
        received=_received(access),
        history=_history(access),
    )


def given_states(access: policy.Access) -> list[Given]:
    if access.role == "therapist":
        return []
    latest = _latest_given(access)
    return [
        _given_state(access, viewer_id, category, latest.get((viewer_id, category)))
        for viewer_id, member in sorted(access.members.items())
        if viewer_id != access.user.id and member.active
        for category in CATEGORIES
    ]


def _given_state(
    access: policy.Access, viewer_id: int, category: str, change: ConsentChange | None
) -> Given:
    viewer_role = access.role_of(viewer_id) or ""
    fixed = policy.is_fixed(access.role, viewer_role, category)
    return Given(
        viewer_id=viewer_id,
        viewer_role=viewer_role,
        category=category,
        granted=policy.shares(access.role, viewer_role, category, change, access.now),
        expires_at=change.expires_at if change and change.granted and not fixed else None,
        fixed=fixed,
        is_default=change is None,
        changed_at=change.created_at if change else None,
    )


def _latest_given(access: policy.Access) -> dict[tuple[int, str], ConsentChange]:
    changes = db.session.scalars(
        select(ConsentChange)
        .where(ConsentChange.owner_membership_id == access.membership.id)
        .order_by(ConsentChange.id)
    )
    current = {member.id for member in access.members.values()}
    return {
        (change.viewer_id, change.category): change
        for change in changes
        if change.viewer_membership_id in current
    }


def _received(access: policy.Access) -> list[Received]:
    return [
        Received(
            owner_id=owner_id,
            owner_role=access.role_of(owner_id) or "",
            category=category,
            expires_at=_expiry(access, owner_id, category),
        )
        for owner_id in sorted(access.members)
        if owner_id != access.user.id
        for category in CATEGORIES
        if access.can_see(owner_id, category)
    ]


def _expiry(access: policy.Access, owner_id: int, category: str) -> datetime | None:
    change = access.received.get((owner_id, category))
    return change.expires_at if change is not None and change.granted else None


def _history(access: policy.Access) -> list[ConsentChange]:
    mine = or_(ConsentChange.owner_id == access.user.id, ConsentChange.viewer_id == access.user.id)
    return list(
        db.session.scalars(
            select(ConsentChange)
            .where(ConsentChange.space_id == access.space_id, mine)
            .order_by(ConsentChange.id.desc())
            .limit(200)
        )
    )
