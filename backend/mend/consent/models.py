"""Every grant and revocation, kept as an append-only history, and the log of reads.

Consent changes are access rows: `ConsentChange` lives in `policy.models` (policy
decides from it, below every domain) and is named here too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.extensions import db
from mend.policy.models import CATEGORIES, ConsentChange

__all__ = ["CATEGORIES", "AccessLogEntry", "ConsentChange"]


class AccessLogEntry(db.Model):
    """A read of one partner's data by someone else (every therapist read is logged).

    Visible to the owner of the data only.
    """

    __tablename__ = "access_log_entry"
    __table_args__ = (Index("ix_access_log_entry_space_owner", "space_id", "owner_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    viewer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    category: Mapped[str] = mapped_column(String(16))
    records: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
