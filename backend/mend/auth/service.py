"""Account rules: checking credentials, login sessions (registering: registration.py)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import Select, bindparam, delete, select, update
from sqlalchemy.exc import SQLAlchemyError

from mend import speed
from mend.auth.models import AuthSession, User
from mend.auth.passwords import hash_password, needs_rehash, verify_password
from mend.database import LockTimeout, utcnow
from mend.errors import Forbidden, Unauthorized
from mend.extensions import db
from mend.mail.outbox import public_link, queue
from mend.tokens import digest, new_token

SHORT_SESSION = timedelta(hours=12)
REMEMBERED_SESSION = timedelta(days=14)
BAD_CREDENTIALS = "That email and password don't match an account."
log = logging.getLogger(__name__)
# Speed tricks, each switched off for bench/ablation.py by naming it in MEND_BENCH_WITHOUT.
BUILT_ONCE = speed.on("built_once")
LOCK_TIMEOUT_FOLDING = speed.on("lock_timeout_folding")


def _session_user() -> Select[tuple[User, date | None]]:
    """The login session's user; its last active day comes along, so marking it active
    costs nothing most days."""
    # The request's row-lock waits end after LOCK_TIMEOUT (503), at no extra round trip.
    folded = [LockTimeout()] if LOCK_TIMEOUT_FOLDING else []
    return (
        select(User, AuthSession.last_active_on)
        .join(AuthSession, AuthSession.user_id == User.id)
        .where(
            AuthSession.token_hash == bindparam("token_hash"),
            AuthSession.expires_at > bindparam("now"),
            *folded,
        )
    )


# Every request runs this lookup: built once, so SQLAlchemy reuses its compiled form.
SESSION_USER = _session_user()


def authenticate(*, email: str, password: str) -> User:
    """The user these credentials belong to; the same error for any mismatch."""
    user = db.session.scalar(select(User).where(User.email == email))
    matches = verify_password(user.password_hash if user else None, password)
    if user is None or not matches:
        # One line, naming the account by id (never the address typed), without a traceback.
        log.info("login failed: %s", f"account {user.id}" if user else "no such account")
        raise Unauthorized(BAD_CREDENTIALS)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def change_password(*, user: User, current_password: str, new_password: str) -> None:
    """Set a new password and end every login session of the user (the caller logs in anew)."""
    if not verify_password(user.password_hash, current_password):
        message = "That isn't your current password."
        raise Forbidden(message, errors={"current_password": [message]}, slug="wrong-password")
    user.password_hash = hash_password(new_password)
    db.session.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
    db.session.commit()


def open_session(*, user: User, remember: bool, device: str = "", new_device: bool = False) -> str:
    """Record a new login session from a device (a plain name) and return its secret token.

    A sign-in from a device new to the account mails its owner a content-free alert,
    written in the same transaction as the session; only to a verified address (before
    verification the address may not be theirs, and the verifying browser is known).
    """
    token = new_token()
    lifetime = REMEMBERED_SESSION if remember else SHORT_SESSION
    db.session.add(
        AuthSession(
            token_hash=digest(token),
            user_id=user.id,
            expires_at=utcnow() + lifetime,
            device=device,
        )
    )
    if new_device and user.email_verified:
        link = public_link("/forgot-password")
        queue(to=user.email, template="new-device", link=link, detail=device)
    db.session.commit()
    return token


def user_for_session(token: str) -> User | None:
    """The user of a live login session, or None if it ended or expired."""
    params = {"token_hash": digest(token), "now": utcnow()}
    if not LOCK_TIMEOUT_FOLDING:
        db.session.execute(select(LockTimeout()))
    statement = SESSION_USER if BUILT_ONCE else _session_user()
    row = db.session.execute(statement, params).one_or_none()
    user, last_active_on = row if row else (None, None)
    if user is None:
        return None
    if last_active_on is not None and last_active_on < params["now"].date():
        _mark_active(token_hash=params["token_hash"], today=params["now"].date())
    user.session_token = token
    return user


def _mark_active(*, token_hash: str, today: date) -> None:
    """Note that a session was used today: one small write per session per day at most.

    Written on a connection of its own, so the request's session (and the user it
    just read) stays as it is; failing only leaves the day unchanged.
    """
    try:
        with db.engine.begin() as connection:
            connection.execute(
                update(AuthSession)
                .where(AuthSession.token_hash == token_hash)
                .values(last_active_on=today)
            )
    except SQLAlchemyError:
        log.warning("could not note a session's last active day")


def close_session(*, token: str) -> None:
    """End one login session, so its cookie no longer works anywhere."""
    db.session.execute(delete(AuthSession).where(AuthSession.token_hash == digest(token)))
    db.session.commit()


def close_all_sessions(*, user_id: int) -> None:
    """End every login session of a user (password change, account deletion)."""
    db.session.execute(delete(AuthSession).where(AuthSession.user_id == user_id))
    db.session.commit()
