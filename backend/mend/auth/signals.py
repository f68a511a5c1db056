"""What auth announces for the layers above it to act on, so auth imports none of them.

`sessions_ended` is sent when login sessions end (logout, a session closed from the
list, a password changed or reset): `mend.live` closes their open sockets at once.
"""

from __future__ import annotations

from blinker import Namespace

from mend.tokens import digest

_signals = Namespace()
# Sent with the user id and `session_digest`: one session's stored digest, or None for all.
sessions_ended = _signals.signal("sessions-ended")


def announce_ended(
    user_id: int, *, session_token: str | None = None, session_digest: str | None = None
) -> None:
    """Announce that one login session of the user ended (named by its token or its stored
    digest), or all of them (neither given)."""
    if session_token is not None:
        session_digest = digest(session_token)
    sessions_ended.send(user_id, session_digest=session_digest)
