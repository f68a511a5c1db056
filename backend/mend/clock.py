"""Days as people live them: dates in a user's own IANA timezone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from mend.database import utcnow


def zone(name: str) -> ZoneInfo:
    """The timezone called name (validated when the account was made)."""
    return ZoneInfo(name)


def today_in(timezone: str, *, now: datetime | None = None) -> date:
    """Today's date in that timezone."""
    return (now or utcnow()).astimezone(zone(timezone)).date()


def local_date(moment: datetime, timezone: str) -> date:
    """The calendar date of a moment in that timezone."""
    return moment.astimezone(zone(timezone)).date()


def start_of_day(day: date, timezone: str) -> datetime:
    """The first instant of a local day (right across daylight-saving changes)."""
    return datetime.combine(day, time.min, tzinfo=zone(timezone))


def day_range_utc(first: date, last: date, timezone: str) -> tuple[datetime, datetime]:
    """[start, end) instants covering local days first..last inclusive."""
    return start_of_day(first, timezone), start_of_day(last + timedelta(days=1), timezone)


def week_start(day: date) -> date:
    """The Monday of the ISO week containing day."""
    return day - timedelta(days=day.weekday())
