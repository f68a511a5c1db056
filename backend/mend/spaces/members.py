"""Membership over its whole life: approving a therapist, removing one, and leaving.

Grants belong to a membership (rule 10), so ending one ends every grant its
member made and received; the invites its member made die with it (rule 11).
"""

from __future__ import annotations

from mend import policy
from mend.auth.models import User
from mend.consent import service as consent
from mend.database import utcnow
from mend.extensions import db
from mend.idempotency import forget_answers
from mend.live.events import publish
from mend.spaces import events
from mend.spaces.models import Membership, Space
from mend.spaces.read import SpaceView, space_as_seen


def approve(*, actor: User, space_id: int, user_id: int) -> SpaceView:
    """A partner approves a therapist who redeemed the other partner's invite (rule 9)."""
    access = policy.access(actor, space_id)
    therapist = policy.may_manage_therapist(access, user_id)
    if therapist.approved_at is None and therapist.invited_by != access.membership.id:
        policy.lock_space(space_id)
        therapist.approved_at = utcnow()
        forget_answers(space_ids=[space_id])
        announcement = events.membership_changed(
            "member.joined", space_id=space_id, user_id=user_id, actor_id=actor.id
        )
        db.session.commit()
        announcement.send()
    return space_as_seen(db.session.get_one(Space, space_id), actor.id)


def remove(*, actor: User, space_id: int, user_id: int) -> None:
    """Either partner removes a therapist, pending or approved, at any time."""
    access = policy.access(actor, space_id)
    therapist = policy.may_manage_therapist(access, user_id)
    _end(therapist, space_id=space_id)
    publish(
        lambda: events.membership_changed(
            "member.left", space_id=space_id, user_id=user_id, actor_id=actor.id, tell_them=True
        )
    )


def leave(*, actor: User, space_id: int) -> None:
    """End the actor's membership, revoking every grant they made; always allowed, alone."""
    access = policy.access(actor, space_id, partner_data=False)
    if access.role != "therapist":
        consent.revoke_everything(access)  # the record of what ended (rule 6)
    _end(access.membership, space_id=space_id)
    publish(
        lambda: events.membership_changed(
            "member.left", space_id=space_id, user_id=actor.id, actor_id=actor.id, tell_them=True
        )
    )


def _end(membership: Membership, *, space_id: int) -> None:
    """Set left_at: the membership's grants, given and received, and its invites end."""
    policy.lock_space(space_id)
    membership.left_at = utcnow()
    forget_answers(space_ids=[space_id])
    db.session.commit()
