"""When a reminder is due: a pure decision on a person's choices and the moment, no I/O.

Everything is decided in the person's own timezone, on wall-clock times, so a
daylight-saving change moves nothing: on a spring-forward day a 02:30 reminder
comes at 03:00 (the first moment past it), and on a fall-back day the repeated
hour cannot send twice because the dedup row is per local day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from mend import clock

# A reminder still goes out this long after its time (a worker restarting, a slow queue),
# but not later: turning reminders on at 20:00 must not fire the 08:00 one at once.
CATCH_UP = timedelta(hours=2)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIMED_KINDS = ("checkin", "commitments", "measures")


@dataclass(frozen=True)
class Moment:
    """A moment as one person lives it."""

    day: date
    weekday: str
    time: time


def local(now: datetime, timezone: str) -> Moment:
    """The person's local day, weekday and wall-clock time at now."""
    moment = now.astimezone(clock.zone(timezone))
    return Moment(moment.date(), DAYS[moment.weekday()], moment.time().replace(tzinfo=None))


def parse_time(text: str) -> time:
    """An "HH:MM" wall-clock time."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def in_quiet_hours(preferences: dict[str, Any], at: time) -> bool:
    """Whether a wall-clock time falls in the quiet hours (which may wrap past midnight)."""
    quiet = preferences.get("quiet_hours")
    if not quiet:
        return False
    start, end = parse_time(quiet["from"]), parse_time(quiet["to"])
    if start <= end:
        return start <= at < end
    return at >= start or at < end


def slot_passed(slot: dict[str, Any], moment: Moment) -> bool:
    """Whether a timed reminder is on for today and its wall-clock time came in the last
    CATCH_UP (so a time skipped by a spring-forward change is met just after)."""
    if not slot.get("enabled") or moment.weekday not in slot.get("days", ()):
        return False
    due = datetime.combine(moment.day, parse_time(slot["time"]))
    now = datetime.combine(moment.day, moment.time)
    return due <= now < due + CATCH_UP


def weekly_slot_passed(slot: dict[str, Any], moment: Moment) -> bool:
    """Whether a once-a-week slot (`day`, `time`) is on and its moment came in the last CATCH_UP."""
    if not slot.get("enabled"):
        return False
    return slot_passed({"enabled": True, "time": slot["time"], "days": [slot["day"]]}, moment)


def timed_kinds_due(preferences: dict[str, Any], moment: Moment, *, snoozed: bool) -> list[str]:
    """The timed reminder kinds whose moment has come (before asking whether they're needed)."""
    if snoozed or in_quiet_hours(preferences, moment.time):
        return []
    return [kind for kind in TIMED_KINDS if slot_passed(preferences.get(kind) or {}, moment)]
