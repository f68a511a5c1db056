"""Every grant and revocation, kept as an append-only history."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.extensions import db

CATEGORIES = ("checkins", "checkin_notes", "disclosures", "commitments", "measures")


class ConsentChange(db.Model):
    """One owner's decision to share (or stop sharing) a category with one viewer.

    The newest change for (space, owner, viewer, category) is in force;
    older rows are the record of who decided what, and when.
    """

    __tablename__ = "consent_change"
    __table_args__ = (
        CheckConstraint(f"category IN {CATEGORIES}", name="category"),
        Index("ix_consent_change_space_owner", "space_id", "owner_id"),
        Index("ix_consent_change_space_viewer", "space_id", "viewer_id"),
        Index("ix_consent_change_owner_membership", "owner_membership_id"),
        Index("ix_consent_change_viewer_membership", "viewer_membership_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    viewer_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    # Grants belong to memberships (rule 10): a member who leaves and comes back is
    # a new membership, and nothing given to or by the old one counts for it.
    owner_membership_id: Mapped[int] = mapped_column(
        ForeignKey("membership.id", ondelete="CASCADE")
    )
    viewer_membership_id: Mapped[int] = mapped_column(
        ForeignKey("membership.id", ondelete="CASCADE")
    )
    category: Mapped[str] = mapped_column(String(16))
    granted: Mapped[bool]
    expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


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
