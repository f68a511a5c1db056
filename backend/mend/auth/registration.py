"""Registering without revealing who has an account, and verifying the address.

A new address gets a verification mail; a taken one gets a notice to its owner. Both
paths hash the password and queue one mail, so the answer and its timing are the same.
Registering never logs in: the verification link does, from the mailbox's owner.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mend.auth import account_tokens
from mend.auth.models import User
from mend.auth.passwords import hash_password
from mend.database import utcnow
from mend.errors import Conflict
from mend.extensions import db
from mend.mail.outbox import public_link, queue

SIGNED_IN_AS_SOMEONE_ELSE = (
    "You're signed in to a different account here. Please sign out first, then open the link again."
)


def register(
    *, email: str, password: str, display_name: str, account_type: str, timezone: str
) -> None:
    """Create an unverified account and mail a link, or tell the address's owner it was tried."""
    password_hash = hash_password(password)  # the same work whether or not the address is taken
    if db.session.scalar(select(User.id).where(User.email == email)) is None:
        try:
            _create_unverified(email, password_hash, display_name, account_type, timezone)
            return
        except IntegrityError:  # registered by someone else a moment ago
            db.session.rollback()
    queue(to=email, template="account-exists", link=public_link("/forgot-password"))
    db.session.commit()


def _create_unverified(
    email: str, password_hash: str, display_name: str, account_type: str, timezone: str
) -> None:
    user = User(
        email=email,
        password_hash=password_hash,
        display_name=display_name,
        account_type=account_type,
        timezone=timezone,
    )
    db.session.add(user)
    db.session.flush()
    token = account_tokens.issue(user_id=user.id, purpose="verify-email")
    queue(to=email, template="verify-email", link=public_link("/verify", token=token))
    db.session.commit()


def create_verified_account(
    *, email: str, password: str, display_name: str, account_type: str, timezone: str
) -> User:
    """An account whose address counts as verified (the demo accounts)."""
    user = User(
        email=email,
        password_hash=hash_password(password),
        display_name=display_name,
        account_type=account_type,
        timezone=timezone,
        email_verified_at=utcnow(),
    )
    db.session.add(user)
    db.session.commit()
    return user


def verify_email(*, token: str, signed_in_user_id: int | None) -> User:
    """Mark the address verified; the caller then logs in as the returned user.

    Someone signed in to another account is refused (409) and the token stays unused,
    so a link never silently swaps whose account this browser is in.
    """
    used = account_tokens.consume(token=token, purpose="verify-email")
    if signed_in_user_id is not None and signed_in_user_id != used.user_id:
        db.session.rollback()
        raise Conflict(SIGNED_IN_AS_SOMEONE_ELSE, slug="signed-in-as-someone-else")
    user = db.session.get(User, used.user_id)
    assert user is not None  # tokens are deleted with their user
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    db.session.commit()
    return user
