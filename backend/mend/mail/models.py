"""The mail outbox: one row per message, written in the transaction that causes it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.extensions import db


class OutboxMail(db.Model):
    """A message waiting for (or done with) delivery; it holds no record content.

    `to` and `link` (which carries a one-time token) are kept only until the mail is
    sent or given up on; then both are cleared.
    `claimed_until` is the delivery lease: a worker owns the row until then.
    """

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_pending", "sent_at", "failed_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(String(254))
    template: Mapped[str] = mapped_column(String(40))
    link: Mapped[str | None] = mapped_column(String(600))
    detail: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime | None] = mapped_column()
    failed_at: Mapped[datetime | None] = mapped_column()

    @property
    def key(self) -> str:
        """Names this mail for good (its file, its Message-ID): time of creation, then id."""
        return self.key_for(self.created_at, self.id)

    @staticmethod
    def key_for(created_at: datetime, mail_id: int) -> str:
        """The key of the row created at created_at with this id."""
        return f"{created_at:%Y%m%dT%H%M%S%f}-{mail_id}"
