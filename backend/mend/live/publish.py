"""Delivering a domain event to every member who may see it, as they would see it over REST."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from mend import policy
from mend.extensions import socketio
from mend.live.sockets import EVENT, user_room

log = logging.getLogger(__name__)

Render = Callable[[policy.Access], dict[str, Any] | None]


def publish(event_type: str, *, space_id: int, render: Render) -> None:
    """Call after a commit: each member gets render(their access), or nothing if it is None.

    Visibility is decided now, by policy, so a revoked grant or a departed
    member stops delivery at once. A failure here never undoes the write.
    """
    try:
        for access in policy.member_accesses(space_id):
            data = render(access)
            if data is not None:
                message = {"type": event_type, "space_id": space_id, "data": data}
                socketio.emit(EVENT, message, to=user_room(access.user.id))
    except Exception:
        log.exception("could not publish %s for space %s", event_type, space_id)
