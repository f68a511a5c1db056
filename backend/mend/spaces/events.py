"""Live events for membership: someone joined, was approved, left or was removed."""

from __future__ import annotations

import logging

from mend import policy
from mend.extensions import db, socketio
from mend.live.publish import publish
from mend.live.sockets import EVENT, user_room
from mend.spaces.models import Space
from mend.spaces.read import space_as_seen
from mend.spaces.schemas import SpaceOut

# One instance each: building a schema costs more than dumping one record.
SPACE_OUT = SpaceOut()

log = logging.getLogger(__name__)


def membership_changed(event_type: str, *, space_id: int, departed: int | None = None) -> None:
    """member.joined / member.left: the space as each member still in it may see it.

    Someone who just left or was removed is told too, with their own id only, so
    their screens can let go of the space at once.
    """

    def render(access: policy.Access) -> dict | None:
        db.session.expire_all()
        space = db.session.get(Space, space_id)
        return None if space is None else SPACE_OUT.dump(space_as_seen(space, access.user.id))

    publish(event_type, space_id=space_id, render=render)
    if departed is not None:
        _tell_departed(event_type, space_id=space_id, user_id=departed)


def _tell_departed(event_type: str, *, space_id: int, user_id: int) -> None:
    message = {"type": event_type, "space_id": space_id, "data": {"user_id": user_id}}
    try:
        socketio.emit(EVENT, message, to=user_room(user_id))
    except Exception:
        log.exception("could not publish %s for space %s", event_type, space_id)
