"""A couple's shared space, who belongs to it, and the invitations into it.

The space and membership rows are access tables: they live in `policy.models`
(policy decides from them, below every domain) and are named here too.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.extensions import db
from mend.policy.models import FORMER_MEMBER, PARTNER_ROLES, ROLES, Membership, Space

__all__ = ["FORMER_MEMBER", "PARTNER_ROLES", "ROLES", "Invite", "Membership", "Space"]


class Invite(db.Model):
    """A single-use code to join a space in one role; only its hash is stored."""

    __tablename__ = "invite"

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("space.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # The maker's membership: the invite dies with it (rule 11).
    maker_membership_id: Mapped[int | None] = mapped_column(
        ForeignKey("membership.id", ondelete="CASCADE"), index=True
    )
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
