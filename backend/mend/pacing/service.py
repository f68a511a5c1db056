"""Pacing for the hurt partner: hold new disclosures, release them when ready.

Releasing tells nobody (no read receipt, no live event to anyone else): the
held row is simply deleted.
"""

from __future__ import annotations

from sqlalchemy import delete

from mend import policy
from mend.auth.models import User
from mend.errors import NotFound
from mend.extensions import db
from mend.pacing.models import HeldDisclosure, Pacing
from mend.pacing.read import PacingView, held_ids, view_of


def get(*, actor: User, space_id: int) -> PacingView:
    """The actor's pacing choice in this space (hurt partner)."""
    access = policy.access(actor, space_id)
    access.require_role("hurt")
    return view_of(access)


def update(*, actor: User, space_id: int, hold_disclosures: bool) -> PacingView:
    """Start or stop holding new disclosures; what is already held stays held."""
    access = policy.access(actor, space_id)
    access.require_role("hurt")
    row = db.session.get(Pacing, (space_id, actor.id))
    if row is None:
        row = Pacing(space_id=space_id, user_id=actor.id)
        db.session.add(row)
    row.hold_disclosures = hold_disclosures
    db.session.commit()
    return view_of(access)


def release(
    *, actor: User, space_id: int, disclosure_id: int | None = None, release_all: bool = False
) -> PacingView:
    """Let one held disclosure, or all of them, through; nobody is told."""
    access = policy.access(actor, space_id)
    access.require_role("hurt")
    held = held_ids(access)
    chosen = held if release_all else [disclosure_id]
    if disclosure_id is not None and disclosure_id not in held:
        raise NotFound("Nothing is being held with that number.")
    if chosen:
        db.session.execute(
            delete(HeldDisclosure).where(
                HeldDisclosure.user_id == actor.id, HeldDisclosure.disclosure_id.in_(chosen)
            )
        )
    db.session.commit()
    return view_of(access)
