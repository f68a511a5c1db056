"""Activity notices: "Something new in your space", batched, at most one an hour, content-free.

Marking: every live event's audience is decided by policy (who may see the record),
in the write's own transaction (mend.live.events). For the events that add or
change a record, each such member other than its actor (who made the change) who
turned activity notices on (and isn't muted) gets a pending marker, one row however
much arrives.
A disclosure someone holds back (pacing) marks nothing for them.

Sending: the periodic task turns a marker into one notice, claiming the hour by a
conditional update in the same transaction as the mail, so a retried or doubled
run never sends twice. In quiet hours or a snooze the marker waits, and the notice
comes once they end; while muted the marker is dropped (nothing is told afterwards).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from mend.database import utcnow
from mend.extensions import db
from mend.live import events as live
from mend.pacing.models import HeldDisclosure
from mend.reminders.models import PendingActivity, ReminderSettings

SPACING = timedelta(hours=1)
# Asked inside every write that adds a record: plain columns, built once.
WANTING_NOTICES = select(ReminderSettings.user_id, ReminderSettings.preferences).where(
    ReminderSettings.user_id.in_(bindparam("user_ids", expanding=True)),
    ReminderSettings.any_enabled.is_(True),
)
NEW_RECORD_EVENTS = frozenset(
    {
        "checkin.created",
        "measure.responded",
        "disclosure.created",
        "disclosure.revised",
        "disclosure.responded",
        "disclosure.acknowledged",
        "commitment.created",
        "commitment.updated",
        "commitment.checked",
        "commitment.reviewed",
    }
)


def muted(preferences: dict[str, Any], now: datetime) -> bool:
    """Whether activity notices are muted at now."""
    until = (preferences.get("activity") or {}).get("muted_until")
    return until is not None and datetime.fromisoformat(until) > now


def wants_notices(preferences: dict[str, Any], now: datetime) -> bool:
    """Whether activity notices are on and not muted."""
    return bool((preferences.get("activity") or {}).get("enabled")) and not muted(preferences, now)


def mark(event: live.Announcement, audience: tuple[int, ...]) -> bool:
    """The live-event listener: mark pending activity for whoever may see this new record,
    but the person who made it."""
    if event.event_type not in NEW_RECORD_EVENTS:
        return False
    shown = set(audience) - {event.actor_id}
    if shown and event.event_type.startswith("disclosure."):
        shown -= _holding(event.data.get("disclosure_id", event.data.get("id")), shown)
    wanting = _wanting_notices(shown)
    if not wanting:
        return False
    _insert_markers(wanting)
    return True


def _holding(disclosure_id: int | None, user_ids: set[int]) -> set[int]:
    """Who of these holds the disclosure back (pacing): it is not news to them yet."""
    if disclosure_id is None:
        return set()
    return set(
        db.session.scalars(
            select(HeldDisclosure.user_id).where(
                HeldDisclosure.disclosure_id == disclosure_id,
                HeldDisclosure.user_id.in_(sorted(user_ids)),
            )
        )
    )


def _wanting_notices(user_ids: Iterable[int]) -> list[int]:
    ids = sorted(user_ids)
    if not ids:
        return []
    rows = db.session.connection().execute(WANTING_NOTICES, {"user_ids": ids})
    now = utcnow()
    return [user_id for user_id, preferences in rows if wants_notices(preferences, now)]


def _insert_markers(user_ids: list[int]) -> None:
    """One marker per person, kept if already there (one statement, no race with a sender)."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(PendingActivity).values(
        [{"user_id": user_id, "created_at": utcnow()} for user_id in user_ids]
    )
    db.session.execute(statement.on_conflict_do_nothing(index_elements=["user_id"]))


def drop_pending(user_id: int) -> None:
    """Forget what was pending for the person (muted, or notices turned off); caller commits."""
    db.session.execute(delete(PendingActivity).where(PendingActivity.user_id == user_id))


def is_pending(user_id: int) -> bool:
    """Whether something new waits to be told."""
    return db.session.get(PendingActivity, user_id) is not None


def claim_hour(user_id: int, now: datetime) -> bool:
    """Take this hour's notice for the person, and clear the marker, in the caller's
    transaction; False if a notice went out less than an hour ago (or a twin run took it)."""
    claimed = db.session.execute(
        update(ReminderSettings)
        .where(
            ReminderSettings.user_id == user_id,
            or_(
                ReminderSettings.activity_sent_at.is_(None),
                ReminderSettings.activity_sent_at <= now - SPACING,
            ),
        )
        .values(activity_sent_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return False
    drop_pending(user_id)
    return True


live.listen(mark)
