"""Space rules: creating a space and reading the spaces one belongs to.

Invitations live in `invites`, approving, removing and leaving in `members`.
"""

from __future__ import annotations

from sqlalchemy import select

from mend import policy
from mend.auth.models import User
from mend.errors import Forbidden
from mend.extensions import db
from mend.spaces.models import Membership, Space
from mend.spaces.read import SpaceView, space_as_seen


def create(*, actor: User, name: str, my_role: str) -> SpaceView:
    """Start a space with the actor in the partner role they chose."""
    if not policy.may_create_space(actor):
        raise Forbidden("Only partner accounts can start a space; therapists join by invitation.")
    space = Space(name=name)
    space.members.append(Membership(user_id=actor.id, role=my_role))
    db.session.add(space)
    db.session.commit()
    return space_as_seen(space, actor.id)


def list_visible(*, actor: User) -> list[SpaceView]:
    """The spaces the actor currently belongs to, newest first, as the actor may see them."""
    spaces = db.session.scalars(
        select(Space)
        .join(Membership)
        .where(Membership.user_id == actor.id, Membership.left_at.is_(None))
        .order_by(Space.id.desc())
    )
    return [space_as_seen(space, actor.id) for space in spaces]


def get_visible(*, actor: User, space_id: int) -> SpaceView:
    """A space the actor belongs to."""
    policy.require_member(actor, space_id)
    return space_as_seen(db.session.get_one(Space, space_id), actor.id)
