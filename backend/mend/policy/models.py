"""The access tables: the spaces, who belongs to each (memberships) and what each
member shares with whom (consent changes). Access is decided from these rows alone,
and only `policy.loader` reads them to decide it; `spaces` and `consent` write them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mend.auth.models import User
from mend.database import utcnow
from mend.extensions import db

ROLES = ("hurt", "repairing", "therapist")
PARTNER_ROLES = ("hurt", "repairing")
FORMER_MEMBER = "A former member"
CATEGORIES = ("checkins", "checkin_notes", "disclosures", "commitments", "measures")


class Space(db.Model):
    """One couple's private place."""

    __tablename__ = "space"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    members: Mapped[list[Membership]] = relationship(
        back_populates="space", order_by="Membership.id", lazy="selectin"
    )


class Membership(db.Model):
    """A user's place in a space. Leaving sets left_at; the row stays as history.

    A partner role is held once per space, even after its holder leaves: a
    newcomer must never inherit the departed partner's place in the record.
    """

    __tablename__ = "membership"
    __table_args__ = (
        CheckConstraint(f"role IN {ROLES}", name="role"),
        Index(
            "uq_membership_partner_role",
            "space_id",
            "role",
            unique=True,
            sqlite_where=text("role != 'therapist'"),
            postgresql_where=text("role != 'therapist'"),
        ),
        Index(
            "uq_membership_active_user",
            "space_id",
            "user_id",
            unique=True,
            sqlite_where=text("left_at IS NULL"),
            postgresql_where=text("left_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"))
    # NULL once the account is deleted: the row stays so the role is never refilled.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    left_at: Mapped[datetime | None]
    # A therapist's: the partner membership whose invite they redeemed (their approval is
    # implied) and when the other partner approved them (rule 9).
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("membership.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None]

    space: Mapped[Space] = relationship(back_populates="members")
    user: Mapped[User | None] = relationship(lazy="joined")

    @property
    def display_name(self) -> str:
        """The member's name as shown to the others in the space."""
        return self.user.display_name if self.user else FORMER_MEMBER

    @property
    def active(self) -> bool:
        """Whether the member is still in the space."""
        return self.left_at is None


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
