"""Invitations: making, listing, cancelling and redeeming them (rule 11).

An invite dies with its maker's membership: once they leave (or delete their
account) it can no longer be redeemed. One person holds one role in a space,
ever: a former partner never comes back in another role.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from mend import policy
from mend.auth.models import User
from mend.database import utcnow
from mend.errors import Conflict, Forbidden, Gone, NotFound
from mend.extensions import db
from mend.idempotency import forget_answers
from mend.live.events import publish
from mend.spaces import codes, events
from mend.spaces.models import PARTNER_ROLES, Invite, Membership
from mend.spaces.read import MembershipView, membership_as_seen

INVITE_LIFETIME = timedelta(hours=72)
ROLE_FILLED = "Someone already holds that role in this space."
NO_MATCH = "That invite code doesn't match any invitation. Please check it."


@dataclass(frozen=True)
class NewInvite:
    """An invitation as shown to its creator, the only time the code is visible."""

    id: int
    code: str
    role: str
    created_by: int
    created_at: datetime
    expires_at: datetime


def invite(*, actor: User, space_id: int, role: str) -> NewInvite:
    """Create a single-use code for a vacant role."""
    membership = policy.require_partner(actor, space_id)
    if role in PARTNER_ROLES and role_taken(space_id, role):
        raise Conflict(ROLE_FILLED, slug="role-filled")
    code, now = codes.new_code(), utcnow()
    record = Invite(
        space_id=space_id,
        role=role,
        code_hash=codes.code_digest(code),
        created_by=actor.id,
        maker_membership_id=membership.id,
        created_at=now,
        expires_at=now + INVITE_LIFETIME,
    )
    db.session.add(record)
    db.session.commit()
    return NewInvite(record.id, code, role, actor.id, now, record.expires_at)


def list_pending(*, actor: User, space_id: int) -> list[Invite]:
    """The space's invitations that can still be redeemed, newest first (partners only)."""
    policy.require_partner(actor, space_id)
    return list(db.session.scalars(_redeemable().where(Invite.space_id == space_id)))


def cancel(*, actor: User, space_id: int, invite_id: int) -> None:
    """Withdraw a pending invitation: its code answers 410 from now on."""
    policy.require_partner(actor, space_id)
    record = db.session.scalar(
        _redeemable().where(Invite.space_id == space_id, Invite.id == invite_id)
    )
    if record is None:
        raise NotFound("We couldn't find that invitation; it may have been used or withdrawn.")
    record.cancelled_at = utcnow()
    db.session.commit()


def accept(*, actor: User, code: str) -> MembershipView:
    """Join the invite's space in its role; the code is spent whether or not others wait."""
    record = _redeemable_invite(actor, code)
    _spend(record, actor)
    membership = Membership(space_id=record.space_id, user_id=actor.id, role=record.role)
    if record.role == "therapist":
        membership.invited_by = record.maker_membership_id
    db.session.add(membership)
    forget_answers(space_ids=[record.space_id])
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(ROLE_FILLED, slug="role-filled") from None
    publish(
        lambda: events.membership_changed(
            "member.joined", space_id=membership.space_id, user_id=actor.id, actor_id=actor.id
        )
    )
    db.session.refresh(membership)
    return membership_as_seen(membership)


def role_taken(space_id: int, role: str) -> bool:
    """Whether anyone ever held this partner role in the space (it is never handed on)."""
    taken = select(Membership.id).where(Membership.space_id == space_id, Membership.role == role)
    return db.session.scalar(taken.limit(1)) is not None


def _redeemable():
    """Invitations not used, withdrawn or expired, whose maker is still in the space."""
    return (
        select(Invite)
        .join(Membership, Membership.id == Invite.maker_membership_id)
        .where(
            Invite.used_at.is_(None),
            Invite.cancelled_at.is_(None),
            Invite.expires_at > utcnow(),
            Membership.left_at.is_(None),
        )
        .order_by(Invite.id.desc())
    )


def _redeemable_invite(actor: User, code: str) -> Invite:
    hashed = codes.code_digest(code)
    record = db.session.scalar(select(Invite).where(Invite.code_hash == hashed)) if hashed else None
    if record is None:
        raise NotFound(NO_MATCH)
    _check_alive(record)
    if not policy.may_take_role(actor, record.role):
        raise Forbidden(
            "This invitation is for a therapist account."
            if record.role == "therapist"
            else "This invitation is for a partner account, not a therapist account.",
            slug="invite-account-type",
        )
    _check_place(actor, record)
    return record


def _check_alive(record: Invite) -> None:
    if record.used_at is not None:
        raise Gone("This invite code has already been used.", slug="invite-used")
    if record.cancelled_at is not None or not _maker_still_in(record):
        raise Gone(
            "This invitation was withdrawn. Ask for a new one if you still want to join.",
            slug="invite-withdrawn",
        )
    if record.expires_at <= utcnow():
        raise Gone("This invite code has expired. Ask for a new one.", slug="invite-expired")


def _maker_still_in(record: Invite) -> bool:
    maker = db.session.get(Membership, record.maker_membership_id)
    return maker is not None and maker.active


def _check_place(actor: User, record: Invite) -> None:
    """One person, one role in a space, ever; a partner role is never handed on."""
    if policy.active_membership(actor, record.space_id) is not None:
        raise Conflict("You're already in this space.", slug="already-member")
    earlier = db.session.scalars(
        select(Membership.role).where(
            Membership.space_id == record.space_id, Membership.user_id == actor.id
        )
    )
    if any(role != record.role for role in earlier):
        raise Conflict(
            "You were in this space before in another role; a person keeps one role in a space.",
            slug="one-role-per-space",
        )
    if record.role in PARTNER_ROLES and role_taken(record.space_id, record.role):
        raise Conflict(ROLE_FILLED, slug="role-filled")


def _spend(record: Invite, actor: User) -> None:
    """Mark the invite used, atomically: of two simultaneous redeemers only one wins."""
    result = db.session.execute(
        update(Invite)
        .where(Invite.id == record.id, Invite.used_at.is_(None), Invite.cancelled_at.is_(None))
        .values(used_at=utcnow(), used_by=actor.id)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise Gone("This invite code has already been used.", slug="invite-used")
