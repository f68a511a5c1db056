"""Reminder choices, and sending the reminders that are due (called by the periodic task)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mend.auth.models import User
from mend.database import utcnow
from mend.extensions import db
from mend.mail import outbox
from mend.push import service as push
from mend.reminders import needs, schedule
from mend.reminders.models import ReminderSent, ReminderSettings
from mend.reminders.read import DEFAULTS, RemindersView, view_of

log = logging.getLogger(__name__)

TEMPLATES = {"checkin": "reminder-checkin", "commitments": "reminder-commitments"}


def get(*, actor: User) -> RemindersView:
    """The actor's reminder choices; everything is off until they turn it on."""
    return view_of(db.session.get(ReminderSettings, actor.id))


def update(*, actor: User, snoozed_until: datetime | None = None, **choices: Any) -> RemindersView:
    """Replace the actor's reminder choices (and snooze, if given)."""
    row = db.session.get(ReminderSettings, actor.id)
    if row is None:
        row = ReminderSettings(user_id=actor.id)
        db.session.add(row)
    preferences = {**DEFAULTS, **choices}
    row.preferences = preferences
    row.snoozed_until = snoozed_until
    row.any_enabled = any(
        (preferences.get(kind) or {}).get("enabled") for kind in (*schedule.TIMED_KINDS, "activity")
    )
    db.session.commit()
    return view_of(row)


def send_due(*, now: datetime | None = None) -> int:
    """Send every reminder due at now (default: the present); returns how many were sent."""
    now = now or utcnow()
    sent = 0
    rows = db.session.scalars(
        select(ReminderSettings).where(ReminderSettings.any_enabled.is_(True))
    ).all()
    for row in rows:
        user = db.session.get(User, row.user_id)
        if user is not None:
            sent += _remind(user, row, now)
    return sent


def _remind(user: User, row: ReminderSettings, now: datetime) -> int:
    """Send this person's due reminders, each once per local day; commits per reminder."""
    moment = schedule.local(now, user.timezone)
    snoozed = row.snoozed_until is not None and row.snoozed_until > now
    sent = 0
    for kind in schedule.timed_kinds_due(row.preferences, moment, snoozed=snoozed):
        if _still_needed(kind, user, moment) and _send_once(user, kind, moment, row):
            sent += 1
    return sent


def _still_needed(kind: str, user: User, moment: schedule.Moment) -> bool:
    if kind == "checkin":
        return not needs.checked_in_on(user, moment.day)
    return needs.report_due(user, moment.day)


def _send_once(user: User, kind: str, moment: schedule.Moment, row: ReminderSettings) -> bool:
    """Claim the day's dedup row and queue the mail in one transaction; False if already sent."""
    db.session.add(ReminderSent(user_id=user.id, kind=kind, local_day=moment.day))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    if "email" in row.preferences.get("channels", ()):
        outbox.queue(to=user.email, template=TEMPLATES[kind], link=outbox.public_link("/"))
    db.session.commit()
    if "push" in row.preferences.get("channels", ()):
        push.notify(user.id)
    log.info("reminder sent: kind=%s user=%s", kind, user.id)
    return True
