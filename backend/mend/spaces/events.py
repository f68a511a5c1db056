"""Live events for membership: someone joined, was approved, left or was removed."""

from __future__ import annotations

from mend.live.events import Announcement, announce


def membership_changed(
    event_type: str, *, space_id: int, user_id: int, actor_id: int, tell_them: bool = False
) -> Announcement:
    """member.joined / member.left: the member concerned (user_id), to every member still in
    the space; actor_id made the change (the member, or a partner approving or removing).

    With tell_them, the member concerned hears too even once gone (someone who just left
    or was removed), so their screens can let go of the space at once.
    """
    return announce(
        event_type,
        space_id=space_id,
        ids={"user_id": user_id},
        actor_id=actor_id,
        also_to=(user_id,) if tell_them else (),
    )
