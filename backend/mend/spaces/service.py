"""Space rules: creating, reading, inviting, joining and leaving."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from mend import policy
from mend.auth.models import User
from mend.consent import service as consent
from mend.database import utcnow
from mend.errors import Conflict, Forbidden, Gone, NotFound
from mend.extensions import db
from mend.spaces import events
from mend.spaces.models import PARTNER_ROLES, Invite, Membership, Space
from mend.tokens import digest, new_token

INVITE_LIFETIME = timedelta(hours=72)
ROLE_FILLED = "Someone already holds that role in this space."


@dataclass(frozen=True)
class NewInvite:
    """An invitation as shown to its creator, the only time the code is visible."""

    code: str
    role: str
    expires_at: datetime


def create(*, actor: User, name: str, my_role: str) -> Space:
    """Start a space with the actor in the partner role they chose."""
    if not policy.may_create_space(actor):
        raise Forbidden("Only partner accounts can start a space; therapists join by invitation.")
    space = Space(name=name)
    space.members.append(Membership(user_id=actor.id, role=my_role))
    db.session.add(space)
    db.session.commit()
    return space


def list_visible(*, actor: User) -> list[Space]:
    """The spaces the actor currently belongs to, newest first."""
    return list(
        db.session.scalars(
            select(Space)
            .join(Membership)
            .where(Membership.user_id == actor.id, Membership.left_at.is_(None))
            .order_by(Space.id.desc())
        )
    )


def get_visible(*, actor: User, space_id: int) -> Space:
    """A space the actor belongs to."""
    policy.require_member(actor, space_id)
    return db.session.get_one(Space, space_id)


def invite(*, actor: User, space_id: int, role: str) -> NewInvite:
    """Create a single-use code for a vacant role."""
    policy.require_partner(actor, space_id)
    if role in PARTNER_ROLES and _role_taken(space_id, role):
        raise Conflict(ROLE_FILLED, slug="role-filled")
    code = new_token(24)
    now = utcnow()
    record = Invite(
        space_id=space_id,
        role=role,
        code_hash=digest(code),
        created_by=actor.id,
        created_at=now,
        expires_at=now + INVITE_LIFETIME,
    )
    db.session.add(record)
    db.session.commit()
    return NewInvite(code=code, role=role, expires_at=record.expires_at)


def accept(*, actor: User, code: str) -> Membership:
    """Join the invite's space in its role; the code is spent whether or not others wait."""
    record = _redeemable_invite(actor, code)
    _spend(record, actor)
    membership = Membership(space_id=record.space_id, user_id=actor.id, role=record.role)
    db.session.add(membership)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(ROLE_FILLED, slug="role-filled") from None
    events.membership_changed("member.joined", space_id=membership.space_id)
    return membership


def leave(*, actor: User, space_id: int) -> None:
    """End the actor's membership, revoking every grant they made; always allowed, alone."""
    access = policy.access(actor, space_id, partner_data=False)
    consent.revoke_everything(access)
    access.membership.left_at = access.now
    db.session.commit()
    events.membership_changed("member.left", space_id=space_id)


def _redeemable_invite(actor: User, code: str) -> Invite:
    record = db.session.scalar(select(Invite).where(Invite.code_hash == digest(code)))
    if record is None:
        raise NotFound("That invite code doesn't match any invitation. Please check it.")
    if record.used_at is not None:
        raise Gone("This invite code has already been used.", slug="invite-used")
    if record.expires_at <= utcnow():
        raise Gone("This invite code has expired. Ask for a new one.", slug="invite-expired")
    if not policy.may_take_role(actor, record.role):
        raise Forbidden(
            "This invitation is for a therapist account."
            if record.role == "therapist"
            else "This invitation is for a partner account, not a therapist account.",
            slug="invite-account-type",
        )
    if policy.active_membership(actor, record.space_id) is not None:
        raise Conflict("You're already in this space.", slug="already-member")
    if record.role in PARTNER_ROLES and _role_taken(record.space_id, record.role):
        raise Conflict(ROLE_FILLED, slug="role-filled")
    return record


def _spend(record: Invite, actor: User) -> None:
    """Mark the invite used, atomically: of two simultaneous redeemers only one wins."""
    result = db.session.execute(
        update(Invite)
        .where(Invite.id == record.id, Invite.used_at.is_(None))
        .values(used_at=utcnow(), used_by=actor.id)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise Gone("This invite code has already been used.", slug="invite-used")


def _role_taken(space_id: int, role: str) -> bool:
    taken = select(Membership.id).where(Membership.space_id == space_id, Membership.role == role)
    return db.session.scalar(taken.limit(1)) is not None
