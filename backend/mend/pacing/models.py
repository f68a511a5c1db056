"""Pacing rows: a hurt partner's choice to hold new disclosures, and what is held.

Neither is part of the trust record: releasing a held disclosure deletes its row
and leaves no trace, so nobody can learn when it was read (no read receipts).
"""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mend.extensions import db


class Pacing(db.Model):
    """One person's pacing choice in one space."""

    __tablename__ = "pacing"

    space_id: Mapped[int] = mapped_column(
        ForeignKey("space.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    hold_disclosures: Mapped[bool] = mapped_column(default=False)


class HeldDisclosure(db.Model):
    """A disclosure held back from one person until they choose to read it."""

    __tablename__ = "held_disclosure"

    disclosure_id: Mapped[int] = mapped_column(
        ForeignKey("disclosure.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # Named, not imported: disclosures builds on pacing, never the other way round (the
    # table's foreign key above names it the same way). Only queried, never loaded.
    disclosure = relationship("Disclosure", lazy="raise", viewonly=True)
