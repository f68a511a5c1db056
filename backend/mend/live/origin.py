"""Which open socket made the request being answered, so it is not told of its own write.

The web app sends its socket's id in the X-Mend-Socket header with every write; that
tab refreshes from the answer, and a live event would only refetch it a second time.
The id is honoured only within the caller's own room, so naming someone else's
socket silences nothing.
"""

from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

HEADER = "X-Mend-Socket"
MAX_SID_LENGTH = 64


def origin_socket() -> tuple[int, str] | None:
    """(user id, socket id) of the request's own socket, or None outside one or without it."""
    if not has_request_context():
        return None
    sid = request.headers.get(HEADER, "").strip()
    if not sid or len(sid) > MAX_SID_LENGTH:
        return None
    try:
        return (current_user.id, sid) if current_user.is_authenticated else None
    except SQLAlchemyError:  # the account was just deleted: nothing of theirs to skip
        return None
