"""Changing the account's address: the password, then a confirmation from the new address;
the old address is told, so a hijacked session cannot move the account quietly."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mend.auth import account_tokens
from mend.auth.models import User
from mend.auth.passwords import verify_password
from mend.database import utcnow
from mend.errors import Conflict, Forbidden, Invalid
from mend.extensions import db
from mend.mail.outbox import public_link, queue

WRONG_PASSWORD = "That isn't your current password."
ADDRESS_TAKEN = "That address now belongs to another account, so it can't be used."


def request_change(*, user: User, password: str, new_email: str) -> None:
    """Mail a confirmation link to the new address and a notice to the current one.

    A new address that already has an account gets that account's usual notice instead
    of a link, and the answer is the same, so this cannot be used to look up accounts.
    """
    if not verify_password(user.password_hash, password):
        raise Forbidden(
            WRONG_PASSWORD, errors={"password": [WRONG_PASSWORD]}, slug="wrong-password"
        )
    if new_email == user.email:
        raise Invalid("new_email", "That is already your address.")
    if db.session.scalar(select(User.id).where(User.email == new_email)) is None:
        token = account_tokens.issue(user_id=user.id, purpose="change-email", new_email=new_email)
        link = public_link("/confirm-email", token=token)
        queue(to=new_email, template="confirm-new-email", link=link)
    else:
        queue(to=new_email, template="account-exists", link=public_link("/forgot-password"))
    queue(to=user.email, template="email-change-requested", link=public_link("/forgot-password"))
    db.session.commit()


def confirm_change(*, token: str) -> User:
    """Move the account to the confirmed address (now verified)."""
    used = account_tokens.consume(token=token, purpose="change-email")
    user = db.session.get(User, used.user_id)
    assert user is not None and used.new_email is not None
    user.email = used.new_email
    user.email_verified_at = utcnow()
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(ADDRESS_TAKEN, slug="address-taken") from None
    return user
