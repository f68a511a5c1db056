"""A hurt partner's pacing, as they see it: their choice and what is waiting for them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from mend import policy
from mend.extensions import db
from mend.pacing.models import HeldDisclosure, Pacing


@dataclass(frozen=True)
class PacingView:
    """A hurt partner's pacing choice and what is waiting for them."""

    hold_disclosures: bool
    held: list[int]


def view_of(access: policy.Access) -> PacingView:
    """The member's pacing choice and what is held back from them."""
    row = db.session.get(Pacing, (access.space_id, access.user.id))
    return PacingView(hold_disclosures=bool(row and row.hold_disclosures), held=held_ids(access))


def held_ids(access: policy.Access) -> list[int]:
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
