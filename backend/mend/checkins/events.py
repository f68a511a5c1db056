"""Live events for check-ins: ids only, to members who may see the author's check-ins."""

from __future__ import annotations

from mend import policy
from mend.live.events import Announcement, announce


def created(*, locked: policy.Locked, checkin_id: int, author_id: int) -> Announcement:
    """checkin.created: decided in the write's transaction (with the members' access it
    loaded under the space lock), sent after it commits."""
    return announce(
        "checkin.created",
        space_id=locked.access.space_id,
        ids={"id": checkin_id, "owner_id": author_id},
        actor_id=author_id,
        visible_to=lambda access: access.can_see(author_id, "checkins"),
        locked=locked,
    )
