"""The login sessions a person can see and end (the "where you're signed in" list)."""

from __future__ import annotations

from sqlalchemy import select

from mend.auth.devices import UNKNOWN_DEVICE
from mend.auth.models import AuthSession, User
from mend.auth.signals import announce_ended
from mend.database import utcnow
from mend.errors import NotFound
from mend.extensions import db
from mend.tokens import digest


def list_sessions(*, actor: User) -> list[dict]:
    """The actor's unexpired login sessions, newest first, the one in use marked current."""
    rows = db.session.scalars(
        select(AuthSession)
        .where(AuthSession.user_id == actor.id, AuthSession.expires_at > utcnow())
        .order_by(AuthSession.created_at.desc(), AuthSession.id.desc())
    )
    current = digest(actor.session_token) if actor.session_token else None
    return [
        {
            "id": row.id,
            "current": row.token_hash == current,
            "created_at": row.created_at,
            "last_active_on": row.last_active_on,
            "device": row.device or UNKNOWN_DEVICE,
        }
        for row in rows
    ]


def require_own_session(user: User, auth_session: AuthSession | None) -> AuthSession:
    """A login session of the user's own; anyone else's does not exist for them."""
    if auth_session is None or auth_session.user_id != user.id:
        raise NotFound("We couldn't find that session. It may have ended already.")
    return auth_session


def end_session(*, actor: User, session_id: int) -> bool:
    """Sign one of the actor's sessions out: its cookie gets 401 and its sockets close.

    Returns whether it was the session making this request (the caller then forgets it).
    """
    found = require_own_session(actor, db.session.get(AuthSession, session_id))
    user_id, token_hash = found.user_id, found.token_hash
    db.session.delete(found)
    db.session.commit()
    announce_ended(user_id, session_digest=token_hash)
    return actor.session_token is not None and digest(actor.session_token) == token_hash
