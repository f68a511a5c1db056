"""Account rules: checking credentials, login sessions (registering: registration.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import bindparam, delete, select

from mend import policy
from mend.auth.models import AuthSession, User
from mend.auth.passwords import hash_password, needs_rehash, verify_password
from mend.consent.models import ConsentChange
from mend.database import utcnow
from mend.errors import Forbidden, Unauthorized
from mend.extensions import db
from mend.spaces.models import Membership
from mend.tokens import digest, new_token

SHORT_SESSION = timedelta(hours=12)
REMEMBERED_SESSION = timedelta(days=14)
BAD_CREDENTIALS = "That email and password don't match an account."
# Every request runs this lookup: built once, so SQLAlchemy reuses its compiled form.
SESSION_USER = (
    select(User)
    .join(AuthSession, AuthSession.user_id == User.id)
    .where(
        AuthSession.token_hash == bindparam("token_hash"),
        AuthSession.expires_at > bindparam("now"),
    )
)
# A request to a space needs its user's access to it next: read in the same query, the rows
# of policy.MEMBERS_WITH_CONSENTS_RECEIVED with the user on each (one row without a
# membership when the space has no members or does not exist, none when the session ended).
SESSION_USER_WITH_ACCESS = (
    SESSION_USER.add_columns(Membership, ConsentChange)
    .outerjoin(Membership, Membership.space_id == bindparam("space_id"))
    .outerjoin(ConsentChange, policy.consents_from_members_to(User.id))
    .order_by(Membership.id, ConsentChange.id)
)


def authenticate(*, email: str, password: str) -> User:
    """The user these credentials belong to; the same error for any mismatch."""
    user = db.session.scalar(select(User).where(User.email == email))
    matches = verify_password(user.password_hash if user else None, password)
    if user is None or not matches:
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


def open_session(*, user: User, remember: bool) -> str:
    """Record a new login session and return its secret token."""
    token = new_token()
    lifetime = REMEMBERED_SESSION if remember else SHORT_SESSION
    db.session.add(
        AuthSession(token_hash=digest(token), user_id=user.id, expires_at=utcnow() + lifetime)
    )
    db.session.commit()
    return token


def user_for_session(token: str, *, space_id: int | None = None) -> User | None:
    """The user of a live login session, or None if it ended or expired.

    Given the space the request is about, the user's access to it is read in the
    same query, one round trip fewer, and kept with the user for policy.access.
    """
    params = {"token_hash": digest(token), "now": utcnow()}
    if space_id is None:
        user = db.session.execute(SESSION_USER, params).scalar_one_or_none()
        preloaded = None
    else:
        rows = db.session.execute(SESSION_USER_WITH_ACCESS, {**params, "space_id": space_id}).all()
        user = rows[0][0] if rows else None
        access_rows = [(membership, change) for _user, membership, change in rows if membership]
        preloaded = policy.AccessRows(space_id, access_rows)
    if user is not None:
        user.session_token = token
        user.preloaded_access = preloaded
    return user


def close_session(*, token: str) -> None:
    """End one login session, so its cookie no longer works anywhere."""
    db.session.execute(delete(AuthSession).where(AuthSession.token_hash == digest(token)))
    db.session.commit()


def close_all_sessions(*, user_id: int) -> None:
    """End every login session of a user (password change, account deletion)."""
    db.session.execute(delete(AuthSession).where(AuthSession.user_id == user_id))
    db.session.commit()
