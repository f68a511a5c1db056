"""Live events for commitments: ids only, to members who may see the commitment and its act.

author_id is the commitment's author (whose grant decides who sees it); actor_id is who
made this change (the author, or the other partner replying under a reviewed check).
"""

from __future__ import annotations

from mend.live.events import Announcement, announce

CATEGORY = "commitments"


def created(*, space_id: int, commitment_id: int, author_id: int) -> Announcement:
    """commitment.created, by its author."""
    return _about("commitment.created", space_id, author_id, author_id, {"id": commitment_id})


def updated(*, space_id: int, commitment_id: int, author_id: int, actor_id: int) -> Announcement:
    """commitment.updated: a status change, or a reply under a reviewed check."""
    return _about("commitment.updated", space_id, author_id, actor_id, {"id": commitment_id})


def checked(
    *, space_id: int, commitment_id: int, author_id: int, actor_id: int, check_id: int
) -> Announcement:
    """commitment.checked: a new check of a day or week."""
    ids = {"id": check_id, "commitment_id": commitment_id}
    return _about("commitment.checked", space_id, author_id, actor_id, ids)


def reviewed(
    *,
    space_id: int,
    commitment_id: int,
    author_id: int,
    check_id: int,
    review_id: int,
    reviewer_id: int,
) -> Announcement:
    """commitment.reviewed: to those who may also see the reviewer's `commitments`."""
    return announce(
        "commitment.reviewed",
        space_id=space_id,
        ids={"id": review_id, "commitment_id": commitment_id, "check_id": check_id},
        actor_id=reviewer_id,
        visible_to=lambda access: (
            access.can_see(author_id, CATEGORY) and access.sees_writing_of(reviewer_id, CATEGORY)
        ),
    )


def _about(
    event_type: str, space_id: int, author_id: int, actor_id: int, ids: dict[str, int]
) -> Announcement:
    """An event to everyone who may see the author's commitments."""
    return announce(
        event_type,
        space_id=space_id,
        ids=ids,
        actor_id=actor_id,
        visible_to=lambda access: access.can_see(author_id, CATEGORY),
    )
