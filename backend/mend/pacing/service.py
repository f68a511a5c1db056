"""Pacing for the hurt partner: hold new disclosures, release them when ready.

Releasing tells nobody (no read receipt, no live event to anyone else): the
held row is simply deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from mend import policy
from mend.auth.models import User
from mend.errors import NotFound
from mend.extensions import db
from mend.pacing.models import HeldDisclosure, Pacing


@dataclass(frozen=True)
class PacingView:
    """A hurt partner's pacing choice and what is waiting for them."""

    hold_disclosures: bool
    held: list[int]


def get(*, actor: User, space_id: int) -> PacingView:
    """The actor's pacing choice in this space (hurt partner)."""
    access = policy.access(actor, space_id)
    access.require_role("hurt")
    return _view(access)


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
    return _view(access)


def release(
    *, actor: User, space_id: int, disclosure_id: int | None = None, release_all: bool = False
) -> PacingView:
    """Let one held disclosure, or all of them, through; nobody is told."""
    access = policy.access(actor, space_id)
    access.require_role("hurt")
    held = _held_ids(access)
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
    return _view(access)


def _view(access: policy.Access) -> PacingView:
    row = db.session.get(Pacing, (access.space_id, access.user.id))
    return PacingView(hold_disclosures=bool(row and row.hold_disclosures), held=_held_ids(access))


def _held_ids(access: policy.Access) -> list[int]:
    """The ids of the disclosures in this space held back from the actor, oldest first."""
    return list(
        db.session.scalars(
            select(HeldDisclosure.disclosure_id)
            .where(
                HeldDisclosure.user_id == access.user.id,
                HeldDisclosure.disclosure.has(space_id=access.space_id),
            )
            .order_by(HeldDisclosure.disclosure_id)
        )
    )
