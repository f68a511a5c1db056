"""The one path of every live event: ids only, to the members policy lets see the record.

A domain declares an event with `announce(type, space_id=..., ids=..., actor_id=...,
visible_to=...)`, naming who made the change (listeners leave that person out).
The audience is decided then, by policy: called inside a write's transaction after the
space lock (which grants, revocations and departures take too), it sees exactly the
grants in force when the write took its place in the ledger. The unit of work sends the
returned Announcement once it has committed. Writes that commit before they announce use
`publish`, which decides and sends at once and never raises.

An event carries ids only (the ALLOWED_IDS), never words, scores, notes or names:
clients refetch through the consent-checked GET, the one place that renders a record.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace

from sqlalchemy.exc import SQLAlchemyError

from mend import policy
from mend.extensions import db, socketio
from mend.live.origin import origin_socket
from mend.live.sockets import EVENT, user_room

log = logging.getLogger(__name__)

ALLOWED_IDS = frozenset(
    {"id", "disclosure_id", "commitment_id", "check_id", "user_id", "owner_id", "viewer_id"}
)

Audience = Callable[[policy.Access], bool]


def everyone(access: policy.Access) -> bool:
    """Every active member of the space may hear of the event."""
    return True


@dataclass(frozen=True)
class Announcement:
    """An event and the users who may hear of it, waiting for the write to commit."""

    event_type: str
    space_id: int
    data: Mapping[str, int]
    actor_id: int  # who made the change
    user_ids: tuple[int, ...] = ()
    wrote: bool = False

    @property
    def message(self) -> dict[str, object]:
        return {"type": self.event_type, "space_id": self.space_id, "data": dict(self.data)}

    def send(self) -> None:
        """Emit to each recipient's private room. Call after the commit; never raises.

        The socket that made the write (named by the request) is skipped: its own
        screen refreshes from the answer. The author's other tabs still hear of it.
        """
        if not self.user_ids:
            return
        try:
            origin = origin_socket()
            rooms = [user_room(uid) for uid in self.user_ids if origin is None or uid != origin[0]]
            if rooms:
                socketio.emit(EVENT, self.message, to=rooms)
            if origin is not None and origin[0] in self.user_ids:
                socketio.emit(EVENT, self.message, to=user_room(origin[0]), skip_sid=origin[1])
        except Exception:
            log.exception("could not publish %s for space %s", self.event_type, self.space_id)


# Told of each event as its audience is decided, inside the same transaction:
# listener(announcement, the user ids policy lets see it) -> True when it wrote something.
Listener = Callable[[Announcement, tuple[int, ...]], bool]
_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    """Hear every event as its audience is decided (a higher layer, e.g. reminders, learns
    who may see what without the domains knowing it). What the listener writes joins the
    write's transaction, or, for an event published after its write, one of its own."""
    if listener not in _listeners:
        _listeners.append(listener)


def announce(
    event_type: str,
    *,
    space_id: int,
    ids: Mapping[str, int],
    actor_id: int,
    visible_to: Audience = everyone,
    also_to: Collection[int] = (),
    locked: policy.Locked | None = None,
) -> Announcement:
    """The event for every active member for whom visible_to(their access) holds.

    actor_id names who made the change: the event still reaches them, for their other
    screens, but listeners know it is not news to them.

    also_to names users told whatever policy says (e.g. someone who just left, so
    their screens let go of the space). `locked`: the members' access the write loaded
    with the space lock (`policy.locked_access`), still the grants in force, so they are
    not read twice. A predicate that fails sends nothing; a database error is raised,
    since inside a write it means the write cannot commit.
    """
    unexpected = set(ids) - ALLOWED_IDS
    if unexpected:
        raise ValueError(f"live events carry ids only, not {sorted(unexpected)}")
    accesses = locked.members if locked is not None else policy.member_accesses(space_id)
    data = {key: int(value) for key, value in ids.items()}
    try:
        audience = [access.user.id for access in accesses if visible_to(access)]
    except SQLAlchemyError:
        raise
    except Exception:
        log.exception("could not decide the audience of %s for space %s", event_type, space_id)
        return Announcement(event_type, space_id, data, actor_id)
    extra = [uid for uid in also_to if uid not in audience]
    announcement = Announcement(event_type, space_id, data, actor_id, tuple(audience + extra))
    return replace(announcement, wrote=_tell_listeners(announcement, tuple(audience)))


def _tell_listeners(announcement: Announcement, audience: tuple[int, ...]) -> bool:
    wrote = False
    for listener in _listeners:
        try:
            wrote = listener(announcement, audience) or wrote
        except SQLAlchemyError:
            raise
        except Exception:
            log.exception("a listener failed on %s", announcement.event_type)
    return wrote


def publish(prepare: Callable[[], Announcement]) -> None:
    """After a commit: decide the audience now and send. Never raises, never undoes the write."""
    try:
        announcement = prepare()
        if announcement.wrote:
            db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("could not publish a live event")
        return
    announcement.send()
