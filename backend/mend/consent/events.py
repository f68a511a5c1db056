"""Live events for consent: the owner and the viewers concerned, told who changed what."""

from __future__ import annotations

from collections.abc import Collection

from mend.live.events import Announcement, announce


def changed(
    *, space_id: int, owner_id: int, concerned: Collection[int], viewer_id: int | None = None
) -> Announcement:
    """consent.changed: to the concerned members only; they refetch GET /consents.
    Only owners change what they share, so the owner is the one who acted."""
    ids = (
        {"owner_id": owner_id}
        if viewer_id is None
        else {"owner_id": owner_id, "viewer_id": viewer_id}
    )
    return announce(
        "consent.changed",
        space_id=space_id,
        ids=ids,
        actor_id=owner_id,
        visible_to=lambda access: access.user.id in concerned,
    )
