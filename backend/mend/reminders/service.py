"""Reminder choices, and sending the reminders that are due (called by the periodic task)."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mend import clock
from mend.auth.models import User
from mend.database import utcnow
from mend.errors import Invalid
from mend.extensions import db
from mend.mail import outbox
from mend.push import service as push
from mend.reminders import activity, digest, needs, schedule
from mend.reminders.models import ReminderSent, ReminderSettings
from mend.reminders.read import DEFAULTS, RemindersView, view_of

log = logging.getLogger(__name__)

TEMPLATES = {
    "checkin": "reminder-checkin",
    "commitments": "reminder-commitments",
    "measures": "reminder-measures",
    "activity": "reminder-activity",
    "digest": "reminder-digest",
}
# What a push notification says: fixed lines, never a record's words, a name or a count.
PUSH_BODIES = {
    "activity": "Something new is in your space.",
    "digest": "Your weekly look at your caseload is ready.",
    "measures": "A short questionnaire is ready in Mend.",
}
DIGEST_FOR_THERAPISTS = "The weekly digest is for therapist accounts."


def get(*, actor: User) -> RemindersView:
    """The actor's reminder choices; everything is off until they turn it on."""
    return view_of(db.session.get(ReminderSettings, actor.id))


def update(*, actor: User, snoozed_until: datetime | None = None, **choices: Any) -> RemindersView:
    """Replace the actor's reminder choices (and snooze, if given)."""
    if (choices.get("digest") or {}).get("enabled") and actor.account_type != "therapist":
        raise Invalid("digest.enabled", DIGEST_FOR_THERAPISTS)
    row = _row_of(actor)
    given = dict(choices.get("activity") or DEFAULTS["activity"])
    given["muted_until"] = _stored(given.get("muted_until"))
    _save(row, {**DEFAULTS, **choices, "activity": given})
    row.snoozed_until = snoozed_until
    db.session.commit()
    return view_of(row)


def mute(*, actor: User, days: int, now: datetime | None = None) -> RemindersView:
    """Mute activity notices for `days` days from now; what arrives meanwhile is not told."""
    row = _row_of(actor)
    preferences = {**DEFAULTS, **(row.preferences or {})}
    until = (now or utcnow()) + timedelta(days=days)
    _save(
        row, {**preferences, "activity": {**preferences["activity"], "muted_until": _stored(until)}}
    )
    db.session.commit()
    return view_of(row)


def _row_of(actor: User) -> ReminderSettings:
    row = db.session.get(ReminderSettings, actor.id)
    if row is None:
        row = ReminderSettings(user_id=actor.id, preferences=dict(DEFAULTS))
        db.session.add(row)
    return row


def _save(row: ReminderSettings, preferences: dict[str, Any]) -> None:
    """Store the choices; pending activity is dropped unless notices are on and not muted."""
    row.preferences = preferences
    row.any_enabled = any(
        (preferences.get(kind) or {}).get("enabled")
        for kind in (*schedule.TIMED_KINDS, "activity", "digest")
    )
    if not activity.wants_notices(preferences, utcnow()):
        activity.drop_pending(row.user_id)


def _stored(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


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
        if _still_needed(kind, user, moment, now) and _send_once(user, kind, moment.day, row):
            sent += 1
    resting = snoozed or schedule.in_quiet_hours(row.preferences, moment.time)
    sent += _notice_activity(user, row, now, resting=resting)
    if not resting and schedule.weekly_slot_passed(row.preferences.get("digest") or {}, moment):
        sent += _send_digest(user, row, moment)
    return sent


def _still_needed(kind: str, user: User, moment: schedule.Moment, now: datetime) -> bool:
    if kind == "checkin":
        return not needs.checked_in_on(user, moment.day)
    if kind == "measures":
        return needs.measure_due(user, now)
    return needs.report_due(user, moment.day)


def _notice_activity(user: User, row: ReminderSettings, now: datetime, *, resting: bool) -> int:
    """One activity notice if something is pending and the hour allows; quiet hours and a
    snooze defer it, a mute (or notices turned off) drops what was pending."""
    if not activity.is_pending(user.id):
        return 0
    if not activity.wants_notices(row.preferences, now):
        activity.drop_pending(user.id)
        db.session.commit()
        return 0
    if resting or not activity.claim_hour(user.id, now):
        db.session.rollback()
        return 0
    _deliver(user, "activity", row)
    return 1


def _send_digest(user: User, row: ReminderSettings, moment: schedule.Moment) -> int:
    """The therapist's digest, once per local ISO week (the dedup row is on its Monday)."""
    week = clock.week_start(moment.day)
    if user.account_type != "therapist" or _already_sent(user, "digest", week):
        return 0
    found = digest.counts(user)
    if found is None:
        return 0
    detail = digest.sentence(found)
    return 1 if _send_once(user, "digest", week, row, detail=detail) else 0


def _already_sent(user: User, kind: str, day: date) -> bool:
    sent = select(ReminderSent.id).where(
        ReminderSent.user_id == user.id, ReminderSent.kind == kind, ReminderSent.local_day == day
    )
    return db.session.scalar(sent) is not None


def _send_once(
    user: User, kind: str, day: date, row: ReminderSettings, *, detail: str | None = None
) -> bool:
    """Claim the dedup row and queue the mail in one transaction; False if already sent."""
    db.session.add(ReminderSent(user_id=user.id, kind=kind, local_day=day))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    _deliver(user, kind, row, detail=detail)
    return True


def _deliver(user: User, kind: str, row: ReminderSettings, *, detail: str | None = None) -> None:
    """Queue the mail in the claim's transaction, commit, then push (content-free both)."""
    if "email" in row.preferences.get("channels", ()):
        link = outbox.public_link("/")
        outbox.queue(to=user.email, template=TEMPLATES[kind], link=link, detail=detail)
    db.session.commit()
    if "push" in row.preferences.get("channels", ()):
        push.notify(user.id, **({"body": PUSH_BODIES[kind]} if kind in PUSH_BODIES else {}))
    log.info("reminder sent: kind=%s user=%s", kind, user.id)
