"""A check-in as one caller may see it (the read model the service and live events share)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from mend import policy
from mend.checkins.models import Checkin


@dataclass(frozen=True)
class CheckinView:
    """A check-in as one caller may see it: the note and its privacy only where allowed."""

    ledger_kind: ClassVar[str] = "checkin"  # names the saved row to idempotency
    id: int
    space_id: int
    author_id: int | None
    author_role: str | None
    felt_safety: int | None
    regulation: int | None
    predicted_safety: int | None
    note: str | None
    note_private: bool | None
    tags: list[str]
    created_at: datetime

    @classmethod
    def of(cls, row: Checkin | CheckinView, access: policy.Access) -> CheckinView:
        """Show row (or its author's view, which holds all of it) to the holder of access,
        hiding what they may not read."""
        is_author = row.author_id == access.user.id
        note_visible = access.can_see_note(row.author_id, private=row.note_private)
        return cls(
            id=row.id,
            space_id=row.space_id,
            author_id=row.author_id,
            author_role=access.role_of(row.author_id),
            felt_safety=row.felt_safety,
            regulation=row.regulation,
            predicted_safety=row.predicted_safety,
            note=row.note if note_visible else None,
            note_private=row.note_private if is_author else None,
            tags=list(row.tags),
            created_at=row.created_at,
        )
