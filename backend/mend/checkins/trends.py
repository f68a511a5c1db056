"""The felt-safety trend as pure arithmetic: local days, buckets, rolling means, attunement.

Nothing here touches the database or the request: the service hands in
readings (a moment and a score) and the caller's timezone, and gets back
plain values. Every function works on local calendar days, so a check-in at
23:30 belongs to the day its author lived it, across daylight-saving changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mend.clock import week_start, zone
from mend.errors import Invalid

BUCKETS = ("day", "week")
BUCKET_DAYS = {"day": 1, "week": 7}
ROLLING_DAYS = 7
DEFAULT_SPAN_DAYS = 90
MAX_SPAN_DAYS = 5 * 365 + 2  # five calendar years, leap days included
RANGE_ORDER_MESSAGE = "The start date needs to be on or before the end date."
RANGE_LENGTH_MESSAGE = "Please choose a range of five years or less."

Reading = tuple[datetime, int]
DayTally = dict[date, tuple[int, int]]  # local day -> (sum of scores, how many)


@dataclass(frozen=True)
class Point:
    """One bucket of the series: its first day, the scores in it, and the 7-day rolling mean."""

    start: date
    mean: float | None
    count: int
    rolling_mean_7d: float | None


@dataclass(frozen=True)
class Attunement:
    """One local day with both scores: how safe the repairing partner guessed vs. how it felt."""

    date: date
    predicted: float
    felt: float
    difference: float


@dataclass(frozen=True)
class SafetyTrend:
    """The whole answer of the trend endpoint."""

    bucket: str
    first: date
    last: date
    timezone: str
    points: list[Point]
    attunement: list[Attunement] | None


def resolve_range(
    *, first: date | None, last: date | None, today: date, bucket: str
) -> tuple[date, date]:
    """The days a trend covers: defaults filled in, checked, widened to whole ISO weeks."""
    last = last or today
    first = first or last - timedelta(days=DEFAULT_SPAN_DAYS - 1)
    if first > last:
        raise Invalid("from", f"{RANGE_ORDER_MESSAGE} (The end date is today if you leave it out.)")
    if (last - first).days + 1 > MAX_SPAN_DAYS:
        raise Invalid("from", RANGE_LENGTH_MESSAGE)
    if bucket == "week":
        first, last = week_start(first), week_start(last) + timedelta(days=6)
    return first, last


def lookback_start(first: date) -> date:
    """The earliest day whose scores the rolling mean of the first bucket needs."""
    return first - timedelta(days=ROLLING_DAYS - 1)


def tally_by_local_day(readings: Iterable[Reading], timezone: str) -> DayTally:
    """Sum and count of scores per calendar day in that timezone."""
    tz = zone(timezone)
    tally: DayTally = {}
    for moment, value in readings:
        day = moment.astimezone(tz).date()
        total, count = tally.get(day, (0, 0))
        tally[day] = (total + value, count + 1)
    return tally


def bucket_starts(first: date, last: date, bucket: str) -> list[date]:
    """The first day of every bucket from first to last (weeks start on Monday)."""
    step = BUCKET_DAYS[bucket]
    start = week_start(first) if bucket == "week" else first
    return [start + timedelta(days=offset) for offset in range(0, (last - start).days + 1, step)]


def series(tally: DayTally, *, first: date, last: date, bucket: str) -> list[Point]:
    """Every bucket from first to last, empty ones included, with its 7-day rolling mean."""
    origin = lookback_start(first)
    sums = _running_totals(tally, origin, last)
    span = BUCKET_DAYS[bucket]

    def window(start: date, days: int) -> tuple[int, int]:
        lo = max((start - origin).days, 0)
        hi = (start - origin).days + days
        return sums[hi][0] - sums[lo][0], sums[hi][1] - sums[lo][1]

    points = []
    for start in bucket_starts(first, last, bucket):
        end = start + timedelta(days=span - 1)
        total, count = window(start, span)
        rolling_total, rolling_count = window(end - timedelta(days=ROLLING_DAYS - 1), ROLLING_DAYS)
        points.append(Point(start, _mean(total, count), count, _mean(rolling_total, rolling_count)))
    return points


def attunement(*, felt: DayTally, predicted: DayTally, first: date, last: date) -> list[Attunement]:
    """Per local day with both scores, mean predicted minus mean felt, oldest first."""
    days = sorted(day for day in felt.keys() & predicted.keys() if first <= day <= last)
    result = []
    for day in days:
        felt_mean = felt[day][0] / felt[day][1]
        predicted_mean = predicted[day][0] / predicted[day][1]
        result.append(Attunement(day, predicted_mean, felt_mean, predicted_mean - felt_mean))
    return result


def _running_totals(tally: DayTally, origin: date, last: date) -> list[tuple[int, int]]:
    """Prefix sums: element i holds the totals of the days before origin + i."""
    totals = [(0, 0)]
    for offset in range((last - origin).days + 1):
        total, count = tally.get(origin + timedelta(days=offset), (0, 0))
        totals.append((totals[-1][0] + total, totals[-1][1] + count))
    return totals


def _mean(total: int, count: int) -> float | None:
    return total / count if count else None


def summarise(
    *,
    felt: Iterable[Reading],
    predicted: Iterable[Reading] | None,
    first: date,
    last: date,
    bucket: str,
    timezone: str,
) -> SafetyTrend:
    """The trend from felt (and, where both are visible, predicted) readings, in one pass each."""
    felt_by_day = tally_by_local_day(felt, timezone)
    attuned = None
    if predicted is not None:
        predicted_by_day = tally_by_local_day(predicted, timezone)
        attuned = attunement(felt=felt_by_day, predicted=predicted_by_day, first=first, last=last)
    return SafetyTrend(
        bucket=bucket,
        first=first,
        last=last,
        timezone=timezone,
        points=series(felt_by_day, first=first, last=last, bucket=bucket),
        attunement=attuned,
    )
