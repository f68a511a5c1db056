"""`?since=last-session` for the report: the day of the therapist's latest note for the couple.

A therapist writes a note at (or after) each session, so their newest note
marks the last session; nothing new has to be stored. Notes are seen only by
their author, so this reads only the caller's own.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from mend import policy
from mend.clock import zone
from mend.errors import Invalid
from mend.extensions import db
from mend.therapist.models import TherapistNote

LAST_SESSION = "last-session"
BOTH_MESSAGE = "Please choose either a start date or since the last session, not both."


def first_day(access: policy.Access, *, since: str | None, first: date | None) -> date | None:
    """The report's first day: `first` as given, or the last session's day for `since`.

    None (the default range) when no session is on record yet.
    """
    if since is None:
        return first
    if first is not None:
        raise Invalid("since", BOTH_MESSAGE)
    latest = db.session.scalar(
        select(func.max(TherapistNote.created_at)).where(
            TherapistNote.space_id == access.space_id,
            TherapistNote.author_id == access.user.id,
        )
    )
    if latest is None:
        return None
    return latest.astimezone(zone(access.user.timezone)).date()
