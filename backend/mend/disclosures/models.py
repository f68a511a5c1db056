"""Disclosures: the text lives in revisions, so history is amended, never rewritten."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mend.database import utcnow
from mend.encryption.columns import EncryptedText
from mend.extensions import db
from mend.record.models import Ledgered

CATEGORIES = ("contact", "dishonesty", "finances", "substance", "digital", "other")


class Disclosure(Ledgered, db.Model):
    """Something the repairing partner chose to tell; its words are in its revisions."""

    __tablename__ = "disclosure"
    __table_args__ = (
        CheckConstraint(f"category IN {CATEGORIES}", name="category"),
        Index("ix_disclosure_space_id_id", "space_id", "id"),
    )
    ledger_kind = "disclosure"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    category: Mapped[str] = mapped_column(String(16))
    occurred_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    revisions: Mapped[list[DisclosureRevision]] = relationship(
        order_by="DisclosureRevision.number", lazy="raise"
    )

    # Category, date and author, fixed once written.
    ledger_fields = ("space_id", "author_id", "category", "occurred_on", "created_at")


THROUGH_DISCLOSURE = ((Disclosure, "disclosure_id"),)


class DisclosureRevision(Ledgered, db.Model):
    """One version of a disclosure's words; number 1 is the original."""

    __tablename__ = "disclosure_revision"
    __table_args__ = (UniqueConstraint("disclosure_id", "number"),)
    ledger_kind = "disclosure_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosure.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(EncryptedText("disclosure_revision.title"))
    body: Mapped[str] = mapped_column(EncryptedText("disclosure_revision.body"))
    reason: Mapped[str | None] = mapped_column(EncryptedText("disclosure_revision.reason"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    space_path = THROUGH_DISCLOSURE

    # The words and the reason for changing them.
    ledger_fields = ("disclosure_id", "number", "title", "body", "reason", "created_at")


class DisclosureResponse(Ledgered, db.Model):
    """A message in a disclosure's thread: a question, an answer, a reaction."""

    __tablename__ = "disclosure_response"
    ledger_kind = "disclosure_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(
        ForeignKey("disclosure.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(EncryptedText("disclosure_response.body"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    disclosure: Mapped[Disclosure] = relationship(lazy="raise")

    space_path = THROUGH_DISCLOSURE

    # Who said what in the thread.
    ledger_fields = ("disclosure_id", "author_id", "body", "created_at")


class DisclosureAcknowledgement(Ledgered, db.Model):
    """The hurt partner's explicit "I have taken this in" of one revision (never a read receipt).

    An amendment is new words: its acknowledgement is a new row, and the one of the
    revision taken in before stays. `revision_number` is null only for acknowledgements
    made before revisions were named (migration 0013); they belong to the revision that
    was current when they were made, and their ledger content is unchanged.
    """

    __tablename__ = "disclosure_acknowledgement"
    __table_args__ = (UniqueConstraint("disclosure_id", "user_id", "revision_number"),)
    ledger_kind = "disclosure_acknowledgement"

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosure.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    revision_number: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    disclosure: Mapped[Disclosure] = relationship(lazy="raise")

    space_path = THROUGH_DISCLOSURE

    # Who acknowledged which revision of which disclosure, when.
    ledger_fields = ("disclosure_id", "user_id", "created_at")
    ledger_fields_if_set = ("revision_number",)
