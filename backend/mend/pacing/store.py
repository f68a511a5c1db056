"""Low-level pacing reads and writes that the disclosures domain builds on."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from mend import policy
from mend.extensions import db
from mend.pacing.models import HeldDisclosure, Pacing


def holding_members(space_id: int) -> list[int]:
    """The members of a space who currently hold new disclosures."""
    return list(
        db.session.scalars(
            select(Pacing.user_id).where(
                Pacing.space_id == space_id, Pacing.hold_disclosures.is_(True)
            )
        )
    )


def hold_new(*, space_id: int, disclosure_id: int) -> None:
    """Hold a just-written disclosure for every hurt member who asked for pacing."""
    for user_id in holding_members(space_id):
        db.session.add(HeldDisclosure(disclosure_id=disclosure_id, user_id=user_id))


def held_for(access: policy.Access, disclosure_ids: Iterable[int]) -> set[int]:
    """Which of these disclosures are held back from the viewer, in one query."""
    ids = list(disclosure_ids)
    if not ids or access.role != "hurt":
        return set()
    return set(
        db.session.scalars(
            select(HeldDisclosure.disclosure_id).where(
                HeldDisclosure.user_id == access.user.id,
                HeldDisclosure.disclosure_id.in_(ids),
            )
        )
    )
