"""Live events for membership: someone joined or left."""

from __future__ import annotations

from mend import policy
from mend.extensions import db
from mend.live.publish import publish
from mend.spaces.models import Space
from mend.spaces.schemas import SpaceOut

# One instance each: building a schema costs more than dumping one record.
SPACE_OUT = SpaceOut()


def membership_changed(event_type: str, *, space_id: int) -> None:
    """member.joined / member.left: the space with its members, to everyone still in it."""

    def render(_access: policy.Access) -> dict | None:
        db.session.expire_all()
        return SPACE_OUT.dump(db.session.get(Space, space_id))

    publish(event_type, space_id=space_id, render=render)
