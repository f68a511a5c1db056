"""Live events for check-ins: ids only, to members who may see the author's check-ins."""

from __future__ import annotations

from mend.live.events import Announcement, announce


def created(*, space_id: int, checkin_id: int, author_id: int) -> Announcement:
    """checkin.created: decided in the write's transaction, sent after it commits."""
    return announce(
        "checkin.created",
        space_id=space_id,
        ids={"id": checkin_id, "owner_id": author_id},
        visible_to=lambda access: access.can_see(author_id, "checkins"),
    )
