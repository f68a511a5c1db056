"""A therapist's private notes (never part of the couple's trust record)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.encryption.columns import EncryptedText
from mend.extensions import db


class TherapistNote(db.Model):
    """A note only its author ever sees."""

    __tablename__ = "therapist_note"
    __table_args__ = (Index("ix_therapist_note_space_author", "space_id", "author_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(EncryptedText("therapist_note.body"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
