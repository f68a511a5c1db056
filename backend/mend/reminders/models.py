"""Reminder preferences per person, and one row per reminder sent (the dedup)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.extensions import db


class ReminderSettings(db.Model):
    """One person's reminder choices, in the shape of the API (validated by its schema)."""

    __tablename__ = "reminder_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    preferences: Mapped[dict[str, Any]] = mapped_column(JSON)
    snoozed_until: Mapped[datetime | None]
    any_enabled: Mapped[bool] = mapped_column(default=False, index=True)


class ReminderSent(db.Model):
    """A reminder of one kind went to one person on one of their local days.

    The unique constraint is what makes a retried or doubled job harmless: the
    second insert fails, and nothing is sent twice.
    """

    __tablename__ = "reminder_sent"
    __table_args__ = (UniqueConstraint("user_id", "kind", "local_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    local_day: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
