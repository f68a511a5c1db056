"""The key a user sent with a write, remembered with the write's answer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.encryption.columns import EncryptedText
from mend.extensions import db


class IdempotencyKey(db.Model):
    """A key a user sent with a write, the request it named, and the answer it got."""

    __tablename__ = "idempotency_key"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_idempotency_key_user_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    # No foreign key: a request may name a space that does not exist (and get its 404).
    space_id: Mapped[int | None] = mapped_column(index=True)
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(255))
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    # The first ledgered row the write saved: named to a retry whose answer was lost.
    saved_kind: Mapped[str | None] = mapped_column(String(32))
    saved_id: Mapped[int | None]
    status_code: Mapped[int | None]
    # The answer repeats what was written (titles, notes): sealed like the record itself.
    response_body: Mapped[str | None] = mapped_column(
        EncryptedText("idempotency_key.response_body")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
