"""A space as one member may see it: a pending therapist sees no partner's name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mend import policy
from mend.spaces.models import Membership, Space

AWAITING_APPROVAL = "Awaiting approval"
UNNAMED = {"hurt": "Hurt partner", "repairing": "Repairing partner", "therapist": "Therapist"}


@dataclass(frozen=True)
class MemberView:
    """Someone who is or was in the space."""

    user_id: int | None
    display_name: str
    role: str
    joined_at: datetime
    left_at: datetime | None
    pending: bool
    invited_by_user_id: int | None


@dataclass(frozen=True)
class SpaceView:
    """A space with its members, as the viewer may see them."""

    id: int
    name: str
    created_at: datetime
    members: list[MemberView]
    awaiting_approval: bool


def space_as_seen(space: Space, viewer_id: int) -> SpaceView:
    """The space and its members; names only where the viewer may know them."""
    viewer = next(m for m in space.members if m.user_id == viewer_id and m.active)
    pending = policy.is_pending(viewer, space.members)
    return SpaceView(
        id=space.id,
        name=AWAITING_APPROVAL if pending else space.name,
        created_at=space.created_at,
        members=[
            _member(m, space.members, named=not pending or m is viewer) for m in space.members
        ],
        awaiting_approval=pending,
    )


def _member(member: Membership, everyone: list[Membership], *, named: bool) -> MemberView:
    return MemberView(
        user_id=member.user_id,
        display_name=member.display_name if named else UNNAMED[member.role],
        role=member.role,
        joined_at=member.joined_at,
        left_at=member.left_at,
        pending=member.active and policy.is_pending(member, everyone),
        invited_by_user_id=next(
            (m.user_id for m in everyone if m.id == member.invited_by and named), None
        ),
    )


@dataclass(frozen=True)
class MembershipView(MemberView):
    """The caller's own membership, with its space."""

    space_id: int


def membership_as_seen(membership: Membership) -> MembershipView:
    """The caller's new membership; a therapist sees whether they await approval."""
    space = membership.space
    return MembershipView(
        user_id=membership.user_id,
        display_name=membership.display_name,
        role=membership.role,
        joined_at=membership.joined_at,
        left_at=membership.left_at,
        pending=policy.is_pending(membership, space.members),
        invited_by_user_id=None,
        space_id=membership.space_id,
    )
