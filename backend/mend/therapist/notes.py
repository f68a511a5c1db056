"""Therapist notes: written by a therapist, seen by that therapist alone."""

from __future__ import annotations

from sqlalchemy import select

from mend import policy
from mend.auth.models import User
from mend.errors import Invalid
from mend.extensions import db
from mend.pagination import Page, paginate
from mend.therapist.models import TherapistNote


def create(*, actor: User, space_id: int, body: str) -> TherapistNote:
    """Keep a private note about this couple."""
    policy.therapist_access(actor, space_id)
    if not body.strip():
        raise Invalid("body", "Please write something.")
    note = TherapistNote(space_id=space_id, author_id=actor.id, body=body)
    db.session.add(note)
    db.session.commit()
    return note


def list_mine(
    *, actor: User, space_id: int, limit: int, before: int | None = None
) -> Page[TherapistNote]:
    """The actor's own notes on this couple, newest first."""
    policy.therapist_access(actor, space_id)
    query = select(TherapistNote).where(
        TherapistNote.space_id == space_id, TherapistNote.author_id == actor.id
    )
    return paginate(query, TherapistNote.id, limit=limit, before=before)
