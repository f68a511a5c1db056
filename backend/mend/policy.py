"""The one place that answers "may user U see or do X in space S?".

Services ask here before they read or write; nothing else decides access.
Deny by default: a space the user is not an active member of does not exist
for them (NotFound), and an action their role does not allow is Forbidden.
"""

from __future__ import annotations

from sqlalchemy import select

from mend.auth.models import User
from mend.errors import Forbidden, NotFound
from mend.extensions import db
from mend.spaces.models import PARTNER_ROLES, Membership

SPACE_NOT_FOUND = "We couldn't find that space."


def active_membership(user: User, space_id: int) -> Membership | None:
    """The user's current membership of the space, if any."""
    return db.session.scalar(
        select(Membership).where(
            Membership.space_id == space_id,
            Membership.user_id == user.id,
            Membership.left_at.is_(None),
        )
    )


def require_member(user: User, space_id: int) -> Membership:
    """The user's membership, or NotFound: non-members cannot learn a space exists."""
    membership = active_membership(user, space_id)
    if membership is None:
        raise NotFound(SPACE_NOT_FOUND)
    return membership


def require_partner(user: User, space_id: int) -> Membership:
    """A partner's membership; therapists may look but not act for the couple."""
    membership = require_member(user, space_id)
    if membership.role not in PARTNER_ROLES:
        raise Forbidden("Only the partners in a space can do this.")
    return membership


def may_create_space(user: User) -> bool:
    """Only partner accounts start spaces; therapists join by invitation."""
    return user.account_type == "partner"


def may_take_role(user: User, role: str) -> bool:
    """Therapist accounts take the therapist role; partner accounts a partner role."""
    return (role == "therapist") == (user.account_type == "therapist")
