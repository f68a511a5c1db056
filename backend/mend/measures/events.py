"""Live events for measures: ids only, to members who may see the respondent's measures."""

from __future__ import annotations

from mend.live.events import Announcement, announce


def responded(*, space_id: int, response_id: int, owner_id: int) -> Announcement:
    """measure.responded: decided in the write's transaction, sent after it commits."""
    return announce(
        "measure.responded",
        space_id=space_id,
        ids={"id": response_id, "owner_id": owner_id},
        actor_id=owner_id,
        visible_to=lambda access: access.can_see(owner_id, "measures"),
    )
