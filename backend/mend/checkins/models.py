"""Check-ins: how each partner is doing, in numbers and (optionally) words."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.encryption.columns import EncryptedJSON, EncryptedText
from mend.extensions import db
from mend.record.models import Ledgered

SCALES = ("felt_safety", "regulation", "predicted_safety")


class Checkin(Ledgered, db.Model):
    """One check-in by one partner."""

    __tablename__ = "checkin"
    __table_args__ = (
        *(CheckConstraint(f"{scale} BETWEEN 0 AND 10", name=f"{scale}_range") for scale in SCALES),
        Index("ix_checkin_space_id_created_at", "space_id", "created_at"),
        Index("ix_checkin_space_id_author_id_id", "space_id", "author_id", "id"),
    )
    ledger_kind = "checkin"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    felt_safety: Mapped[int | None]
    regulation: Mapped[int | None]
    predicted_safety: Mapped[int | None]
    note: Mapped[str | None] = mapped_column(EncryptedText("checkin.note"))
    note_private: Mapped[bool] = mapped_column(default=False)
    tags: Mapped[list[str]] = mapped_column(EncryptedJSON("checkin.tags"), default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Every field the author wrote.
    ledger_fields = ("space_id", "author_id", *SCALES, "note", "note_private", "tags", "created_at")
