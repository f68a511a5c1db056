"""Helpers for tests that insert rows directly (inside an app context)."""

from __future__ import annotations

from sqlalchemy import select

from mend.extensions import db
from mend.spaces.models import Membership


def memberships_of(space_id: int, owner_id: int, viewer_id: int) -> dict[str, int]:
    """The current memberships a consent change between owner and viewer belongs to."""

    def current(user_id: int) -> int:
        return db.session.scalars(
            select(Membership.id).where(
                Membership.space_id == space_id,
                Membership.user_id == user_id,
                Membership.left_at.is_(None),
            )
        ).one()

    return {"owner_membership_id": current(owner_id), "viewer_membership_id": current(viewer_id)}
