"""Commitments change only by status changes; checks only by reviews."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
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

CADENCES = ("daily", "weekly", "ongoing")
STATUSES = ("active", "paused", "completed", "withdrawn")
OUTCOMES = ("kept", "partial", "missed")
VERDICTS = ("confirmed", "disputed")


class Commitment(Ledgered, db.Model):
    """Something the repairing partner promised to do, on a cadence."""

    __tablename__ = "commitment"
    __table_args__ = (
        CheckConstraint(f"cadence IN {CADENCES}", name="cadence"),
        Index("ix_commitment_space_id_id", "space_id", "id"),
    )
    ledger_kind = "commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(EncryptedText("commitment.title"))
    description: Mapped[str | None] = mapped_column(EncryptedText("commitment.description"))
    cadence: Mapped[str] = mapped_column(String(16))
    starts_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # What was promised, how often, from when.
    ledger_fields = (
        "space_id",
        "author_id",
        "title",
        "description",
        "cadence",
        "starts_on",
        "created_at",
    )


THROUGH_COMMITMENT = ((Commitment, "commitment_id"),)


class CommitmentStatusChange(Ledgered, db.Model):
    """A change of status with its reason; the newest one is the current status."""

    __tablename__ = "commitment_status_change"
    __table_args__ = (CheckConstraint(f"status IN {STATUSES}", name="status"),)
    ledger_kind = "commitment_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(EncryptedText("commitment_status_change.reason"))
    effective_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    space_path = THROUGH_COMMITMENT

    # The new status, why, and from which day.
    ledger_fields = ("commitment_id", "author_id", "status", "reason", "effective_on", "created_at")


class CommitmentCheck(Ledgered, db.Model):
    """How a commitment went in one period (a day or an ISO week)."""

    __tablename__ = "commitment_check"
    __table_args__ = (
        CheckConstraint(f"outcome IN {OUTCOMES}", name="outcome"),
        UniqueConstraint("commitment_id", "period_start"),
    )
    ledger_kind = "commitment_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"))
    period_start: Mapped[date]
    outcome: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(EncryptedText("commitment_check.note"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    commitment: Mapped[Commitment] = relationship(lazy="raise")

    space_path = THROUGH_COMMITMENT

    # The period, the outcome and the note.
    ledger_fields = ("commitment_id", "period_start", "outcome", "note", "created_at")


THROUGH_CHECK = ((CommitmentCheck, "check_id"), *THROUGH_COMMITMENT)


class CheckReview(Ledgered, db.Model):
    """The hurt partner confirming or disputing a check; the newest review stands."""

    __tablename__ = "check_review"
    __table_args__ = (CheckConstraint(f"verdict IN {VERDICTS}", name="verdict"),)
    ledger_kind = "check_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(
        ForeignKey("commitment_check.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    verdict: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(EncryptedText("check_review.note"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    check: Mapped[CommitmentCheck] = relationship(lazy="raise")

    # Through their check's commitment.
    space_path = THROUGH_CHECK

    # Who reviewed which check, and how.
    ledger_fields = ("check_id", "author_id", "verdict", "note", "created_at")


class ReliabilitySnapshot(db.Model):
    """A commitment's reliability walked up to its newest check, kept current on every write.

    Derived from the record, never part of it: `commitments.snapshots` rewrites
    it whenever a check, a review or a change of status could move it. Two
    states, because a dispute counts only for a viewer who may see it, and the
    standing disputes as (period start, reviewer) pairs, so a reader needs none
    of the history.
    """

    __tablename__ = "reliability_snapshot"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), primary_key=True
    )
    through: Mapped[date]
    score: Mapped[float]
    streak: Mapped[int]
    score_ignoring_disputes: Mapped[float]
    streak_ignoring_disputes: Mapped[int]
    disputes: Mapped[list[list[Any]]] = mapped_column(JSON, default=list)


class CheckReply(Ledgered, db.Model):
    """A word under a reviewed check: most often the repairing partner answering a dispute.

    Replies are a conversation about the check; they never change it or its review.
    """

    __tablename__ = "check_reply"
    ledger_kind = "check_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(
        ForeignKey("commitment_check.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(EncryptedText("check_reply.body"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Through their check's commitment.
    space_path = THROUGH_CHECK

    # Who said what under which check.
    ledger_fields = ("check_id", "author_id", "body", "created_at")
