"""Questionnaire answers and how often each partner is offered each instrument."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.extensions import db

MIN_WEEKS, MAX_WEEKS = 1, 8


class MeasureResponse(db.Model):
    """One partner's answers to one instrument, scored on the server."""

    __tablename__ = "measure_response"
    __table_args__ = (
        Index("ix_measure_response_space_respondent_id", "space_id", "respondent_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"))
    respondent_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    instrument: Mapped[str] = mapped_column(String(32))
    answers: Mapped[list[int]] = mapped_column(JSON)
    score: Mapped[int]
    band: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MeasureSchedule(db.Model):
    """How often one partner is offered one instrument (every 1-8 weeks from `starts_at`)."""

    __tablename__ = "measure_schedule"
    __table_args__ = (
        UniqueConstraint("space_id", "respondent_id", "instrument"),
        CheckConstraint(f"every_weeks BETWEEN {MIN_WEEKS} AND {MAX_WEEKS}", name="every_weeks"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"))
    respondent_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    instrument: Mapped[str] = mapped_column(String(32))
    every_weeks: Mapped[int]
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    starts_at: Mapped[datetime] = mapped_column(default=utcnow)
