"""Delivering a domain event to every member who may see it, as they would see it over REST."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from mend import policy
from mend.extensions import db, socketio
from mend.live.sockets import EVENT, user_room

log = logging.getLogger(__name__)

Render = Callable[[policy.Access], dict[str, Any] | None]
Messages = list[tuple[int, dict[str, Any]]]
# Called with each prepared event, inside the same transaction; True when it wrote something.
Listener = Callable[[str, int, Messages], bool]
_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    """Hear every event as it is prepared: listener(event_type, space_id, messages), where
    messages are (user id, message) for each member who may see it, decided by policy.

    A higher layer (reminders) learns who may see what without the domains knowing it.
    What the listener writes joins the write's transaction (or, for an event published
    after its write, a transaction of its own).
    """
    if listener not in _listeners:
        _listeners.append(listener)


@dataclass
class Announcement:
    """An event already rendered for each member who may see it, waiting to be sent."""

    event_type: str
    space_id: int
    messages: Messages = field(default_factory=list)
    wrote: bool = False

    def send(self) -> None:
        """Emit to each member's private room. Call after the commit; never raises."""
        try:
            for user_id, message in self.messages:
                socketio.emit(EVENT, message, to=user_room(user_id))
        except Exception:
            log.exception("could not publish %s for space %s", self.event_type, self.space_id)


def prepare(event_type: str, *, space_id: int, render: Render) -> Announcement:
    """Render the event for each member: render(their access), or nothing if it is None.

    Visibility is decided now, by policy, so a revoked grant or a departed member
    stops delivery at once. Called inside a write's transaction after the space
    lock (which grants, revocations and departures take too), it sees exactly the
    grants in force when the write took its place in the ledger, with no second
    transaction. A render that fails sends nothing; a database error is raised,
    since inside a write it means the write itself cannot be committed.
    """
    accesses = policy.member_accesses(space_id)
    announcement = Announcement(event_type, space_id)
    try:
        for access in accesses:
            data = render(access)
            if data is not None:
                message = {"type": event_type, "space_id": space_id, "data": data}
                announcement.messages.append((access.user.id, message))
    except SQLAlchemyError:
        raise
    except Exception:
        log.exception("could not render %s for space %s", event_type, space_id)
        announcement.messages.clear()
    announcement.wrote = _tell_listeners(announcement)
    return announcement


def _tell_listeners(announcement: Announcement) -> bool:
    wrote = False
    for listener in _listeners:
        try:
            wrote = (
                listener(announcement.event_type, announcement.space_id, announcement.messages)
                or wrote
            )
        except SQLAlchemyError:
            raise
        except Exception:
            log.exception("a listener failed on %s", announcement.event_type)
    return wrote


def publish(event_type: str, *, space_id: int, render: Render) -> None:
    """Call after a commit: render the event for each member who may see it, and send it.

    A failure here never undoes the write, and never turns its answer into an error.
    """
    try:
        announcement = prepare(event_type, space_id=space_id, render=render)
        if announcement.wrote:
            db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("could not publish %s for space %s", event_type, space_id)
        return
    announcement.send()
