"""Accounts and the server-side record of each login session."""

from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from mend.database import utcnow
from mend.extensions import db

ACCOUNT_TYPES = ("partner", "therapist")
TOKEN_PURPOSES = ("verify-email", "password-reset", "change-email")


class User(UserMixin, db.Model):
    """A person with an account: a partner or a therapist."""

    __tablename__ = "user"
    __table_args__ = (CheckConstraint(f"account_type IN {ACCOUNT_TYPES}", name="account_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(80))
    account_type: Mapped[str] = mapped_column(String(16))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # None until the owner of the address opened the verification link (or reset the password).
    email_verified_at: Mapped[datetime | None] = mapped_column()

    # Set by the session loader: the login session this request runs under.
    session_token = None

    @property
    def email_verified(self) -> bool:
        """Whether the owner of the address confirmed it."""
        return self.email_verified_at is not None

    def get_id(self) -> str | None:
        """Flask-Login stores the login session's token, not the user id, in the cookie."""
        return self.session_token


class AuthSession(db.Model):
    """One login; deleting the row logs that cookie out, wherever it was copied to."""

    __tablename__ = "auth_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    # What the owner sees in their list of sessions: a browser and system, never an address.
    device: Mapped[str] = mapped_column(String(80), default="")
    # A day, not a moment: written at most once a day per session, so requests stay reads.
    last_active_on: Mapped[date] = mapped_column(default=lambda: utcnow().date())


class AccountToken(db.Model):
    """A single-use secret sent by mail (verify, reset, change of address); only its digest
    is stored. `used_at` is set in the one UPDATE that consumes it."""

    __tablename__ = "account_token"
    __table_args__ = (CheckConstraint(f"purpose IN {TOKEN_PURPOSES}", name="purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    new_email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column()
