"""Live events for disclosures: ids only, to members who may see the disclosure and its act."""

from __future__ import annotations

from mend import policy
from mend.disclosures.read.history import is_held
from mend.live.events import Announcement, announce

CATEGORY = "disclosures"


def changed(event_type: str, *, space_id: int, disclosure_id: int, author_id: int) -> Announcement:
    """disclosure.created / disclosure.revised: to everyone who may see the disclosure."""
    return announce(
        event_type,
        space_id=space_id,
        ids={"id": disclosure_id},
        actor_id=author_id,
        visible_to=lambda access: access.can_see(author_id, CATEGORY),
    )


def responded(
    *, space_id: int, disclosure_id: int, author_id: int, response_id: int, responder_id: int
) -> Announcement:
    """disclosure.responded: to those who may see the disclosure, unheld, and its writer."""

    def sees_reply(access: policy.Access) -> bool:
        return (
            access.can_see(author_id, CATEGORY)
            and access.sees_writing_of(responder_id, CATEGORY)
            and not is_held(access, disclosure_id)
        )

    return announce(
        "disclosure.responded",
        space_id=space_id,
        ids={"id": response_id, "disclosure_id": disclosure_id},
        actor_id=responder_id,
        visible_to=sees_reply,
    )


def acknowledged(
    *, space_id: int, disclosure_id: int, author_id: int, acknowledgement_id: int, user_id: int
) -> Announcement:
    """disclosure.acknowledged: to those who may see the disclosure and the acknowledger's act."""
    return announce(
        "disclosure.acknowledged",
        space_id=space_id,
        ids={"id": acknowledgement_id, "disclosure_id": disclosure_id, "user_id": user_id},
        actor_id=user_id,
        visible_to=lambda access: (
            access.can_see(author_id, CATEGORY) and access.sees_writing_of(user_id, CATEGORY)
        ),
    )
