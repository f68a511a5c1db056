"""Single-use tokens sent by mail: 256 random bits, only a digest stored, consumed atomically."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update

from mend.auth.models import AccountToken
from mend.database import utcnow
from mend.errors import Gone
from mend.extensions import db
from mend.tokens import digest, new_token

LIFETIMES = {
    "verify-email": timedelta(hours=24),
    "password-reset": timedelta(minutes=30),
    "change-email": timedelta(hours=24),
}
EXPIRED = "This link has expired or was already used. You can ask for a new one."


@dataclass(frozen=True)
class UsedToken:
    """What a consumed token stood for."""

    user_id: int
    new_email: str | None


def issue(*, user_id: int, purpose: str, new_email: str | None = None) -> str:
    """A new token for the user (in the caller's transaction); earlier ones of the purpose die."""
    now = utcnow()
    db.session.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user_id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    token = new_token(32)
    db.session.add(
        AccountToken(
            user_id=user_id,
            purpose=purpose,
            token_hash=digest(token),
            new_email=new_email,
            created_at=now,
            expires_at=now + LIFETIMES[purpose],
        )
    )
    return token


def consume(*, token: str, purpose: str) -> UsedToken:
    """Mark the token used in one UPDATE, so two requests with it never both succeed.

    Unknown, used and expired tokens are all 410: the answer says nothing more.
    """
    now = utcnow()
    row = db.session.execute(
        update(AccountToken)
        .where(
            AccountToken.token_hash == digest(token),
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
            AccountToken.expires_at > now,
        )
        .values(used_at=now)
        .returning(AccountToken.user_id, AccountToken.new_email)
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if row is None:
        db.session.rollback()
        raise Gone(EXPIRED, slug="link-expired")
    return UsedToken(user_id=row.user_id, new_email=row.new_email)
