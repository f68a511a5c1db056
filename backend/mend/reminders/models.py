"""Reminder preferences per person, one row per reminder sent (the dedup), and pending activity."""

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
    # When the last activity notice went out: the next waits an hour (claimed atomically).
    activity_sent_at: Mapped[datetime | None]


class ReminderSent(db.Model):
    """A reminder of one kind went to one person on one of their local days.

    The unique constraint is what makes a retried or doubled job harmless: the
    second insert fails, and nothing is sent twice. The weekly digest uses the
    Monday of the local ISO week as its day.
    """

    __tablename__ = "reminder_sent"
    __table_args__ = (UniqueConstraint("user_id", "kind", "local_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    local_day: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class PendingActivity(db.Model):
    """Something new the person may see was added by someone else since their last notice.

    Written in the write's own transaction (through the live event path) for people
    who turned activity notices on; the periodic task turns it into one notice.
    """

    __tablename__ = "pending_activity"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
