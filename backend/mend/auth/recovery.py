"""Password reset (OWASP Forgot Password cheat sheet): same answer for any address, a
30-minute single-use token, every session ended, never a login, a notice afterwards."""

from __future__ import annotations

import logging

from sqlalchemy import delete, select

from mend.auth import account_tokens
from mend.auth.models import AuthSession, User
from mend.auth.passwords import hash_password
from mend.database import utcnow
from mend.extensions import db
from mend.mail.outbox import public_link, queue
from mend.tasks import app_context, huey

log = logging.getLogger(__name__)


def request_reset(*, email: str) -> None:
    """Mail a reset link if the address has an account; do nothing visible otherwise.

    The lookup and the writes happen in the background task queue, so the answer
    costs the same (one hand-over to the queue) whether or not the address is known.
    If the queue cannot take it (Redis away), the work is done here instead.
    """
    try:
        _issue_reset_task(email)
    except Exception:  # noqa: BLE001  the person still gets their link
        log.warning("The task queue is unavailable; issuing a reset link in the request")
        issue_reset(email=email)


@huey.task()
def _issue_reset_task(email: str) -> None:
    with app_context():
        issue_reset(email=email)


def issue_reset(*, email: str) -> None:
    """Write a reset token and its mail for the address's account, if there is one."""
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        db.session.rollback()
        return
    token = account_tokens.issue(user_id=user.id, purpose="password-reset")
    queue(
        to=user.email, template="password-reset", link=public_link("/reset-password", token=token)
    )
    db.session.commit()


def confirm_reset(*, token: str, new_password: str) -> int:
    """Set the new password and end every login session; returns the user's id.

    Opening the link proves the mailbox, so an unverified address counts as verified.
    """
    used = account_tokens.consume(token=token, purpose="password-reset")
    user = db.session.get(User, used.user_id)
    assert user is not None  # tokens are deleted with their user
    user.password_hash = hash_password(new_password)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    db.session.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
    queue(to=user.email, template="password-changed", link=public_link("/forgot-password"))
    db.session.commit()
    return user.id
