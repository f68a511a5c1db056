"""Live events for measures: ids only, to members who may see the respondent's measures."""

from __future__ import annotations

from mend import policy
from mend.live.publish import Announcement, prepare


def responded(*, space_id: int, response_id: int, owner_id: int) -> Announcement:
    """measure.responded: prepared in the write's transaction, sent after it commits."""

    def render(access: policy.Access) -> dict | None:
        if not access.can_see(owner_id, "measures"):
            return None
        return {"id": response_id, "owner_id": owner_id}

    return prepare("measure.responded", space_id=space_id, render=render)
