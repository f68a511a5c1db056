"""A person's reminder choices as the API shows them: everything off until turned on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mend.reminders import schedule
from mend.reminders.models import ReminderSettings
from mend.reminders.schemas import DIGEST_OFF

SLOT_OFF = {"enabled": False, "time": "19:00", "days": list(schedule.DAYS)}
DEFAULTS: dict[str, Any] = {
    "checkin": SLOT_OFF,
    "commitments": SLOT_OFF,
    "measures": SLOT_OFF,
    "activity": {"enabled": False, "muted_until": None},
    "digest": DIGEST_OFF,
    "channels": ["email"],
    "quiet_hours": None,
}


@dataclass(frozen=True)
class RemindersView:
    """A person's reminder choices as the API shows them."""

    checkin: dict[str, Any]
    commitments: dict[str, Any]
    measures: dict[str, Any]
    activity: dict[str, Any]
    digest: dict[str, Any]
    channels: list[str]
    quiet_hours: dict[str, str] | None
    snoozed_until: datetime | None


def view_of(row: ReminderSettings | None) -> RemindersView:
    """A person's reminder choices (their saved row, or none yet) as the API shows them."""
    preferences = {**DEFAULTS, **(row.preferences if row else {})}
    until = preferences["activity"].get("muted_until")
    shown = {**preferences["activity"], "muted_until": until and datetime.fromisoformat(until)}
    return RemindersView(
        **{**preferences, "activity": shown}, snoozed_until=row.snoozed_until if row else None
    )
