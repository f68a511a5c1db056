"""The caseload's arithmetic: felt safety, reliability windows, and alerts on the couple's baseline.

Pure functions, no database: the caseload service hands in readings (a moment
and a score), dates and what each partner shares, and gets back plain values.
An alert compares a couple with itself (this week against their last four
weeks, their own recent check-ins), never with other couples or a norm, and
says in plain words why it fired.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from mend.checkins.trends import Reading, tally_by_local_day
from mend.clock import local_date

WEEK_DAYS = 7
BASELINE_DAYS = 28
TREND_BAND = 0.5
DROP_POINTS = 2.0
LOW_SCORE = 3
LOW_RUN = 3
SUDDEN_DROP_POINTS = 4
MIN_READINGS = 5  # fewer check-ins in four weeks than this: "not enough data yet", no trend
QUIET_DAYS = 7
TOLERANCE = 1e-9  # means are sums of whole scores divided: compare without float noise
SEVERITY = {
    "sudden_drop": 3,
    "felt_safety_drop": 3,
    "low_felt_safety": 3,
    "reliable_deterioration": 3,
    "disputed_check": 2,
    "measure_cutoff": 2,
    "no_checkin": 1,
    "measures_missed": 1,
}


@dataclass(frozen=True)
class Latest:
    """The newest felt-safety score and when it was given."""

    value: int
    at: datetime


@dataclass(frozen=True)
class FeltSafety:
    """The hurt partner's felt safety as the therapist may see it."""

    latest: Latest | None
    mean_7d: float | None
    mean_28d: float | None
    trend: str | None
    sparkline: list[float | None]
    recent: list[int]  # the newest scores, oldest first (for the run of low scores)
    enough_data: bool = True  # MIN_READINGS or more in the last four weeks
    baseline_before_latest: float | None = None  # the 28-day mean without the newest score


@dataclass(frozen=True)
class Quiet:
    """A partner who shares check-ins: how long since their last one, and since they joined."""

    display_name: str
    days_since: int | None
    days_in_space: int


@dataclass(frozen=True)
class Dispute:
    """A commitment check whose newest review disputes it."""

    title: str
    period_start: date


@dataclass(frozen=True)
class Alert:
    """Something worth the therapist's attention, and why, in plain words."""

    kind: str
    message: str

    @property
    def severity(self) -> int:
        """How much weight the alert carries when the caseload is sorted."""
        return SEVERITY[self.kind]


def felt_safety(
    readings: Iterable[Reading], *, latest: Latest | None, today: date, timezone: str
) -> FeltSafety:
    """Means, trend and a 28-day sparkline (local days of timezone, oldest first)."""
    readings = sorted(readings)
    tally = tally_by_local_day(readings, timezone)
    days = [today - timedelta(days=offset) for offset in range(BASELINE_DAYS - 1, -1, -1)]
    mean_7d, mean_28d = _mean(tally, days[-WEEK_DAYS:]), _mean(tally, days)
    counted = sum(tally.get(day, (0, 0))[1] for day in days)
    enough = counted >= MIN_READINGS
    before_newest = _without_newest(tally, readings, timezone)
    return FeltSafety(
        latest=latest,
        mean_7d=mean_7d,
        mean_28d=mean_28d,
        trend=trend(mean_7d, mean_28d) if enough else None,
        sparkline=[_mean(tally, [day]) for day in days],
        recent=[score for _moment, score in readings[-LOW_RUN:]],
        enough_data=enough,
        baseline_before_latest=_mean_before_newest(before_newest, days),
    )


def _without_newest(
    tally: dict[date, tuple[int, int]], readings: list[Reading], timezone: str
) -> dict[date, tuple[int, int]]:
    """The tally without the newest reading (sorted readings): its day's sum and count less it.

    (Tallying all but the newest again cost a second pass over every reading.)
    """
    if not readings:
        return tally
    moment, score = readings[-1]
    day = local_date(moment, timezone)
    total, count = tally[day]
    rest = dict(tally)
    if count == 1:
        del rest[day]
    else:
        rest[day] = (total - score, count - 1)
    return rest


def _mean_before_newest(tally: dict[date, tuple[int, int]], days: list[date]) -> float | None:
    """The four-week mean without the newest score, if enough scores remain to judge by."""
    counted = sum(tally.get(day, (0, 0))[1] for day in days)
    return _mean(tally, days) if counted >= MIN_READINGS else None


def _mean(tally: dict[date, tuple[int, int]], days: list[date]) -> float | None:
    """The mean of every score given on these days, to two decimals (alerts judge what is shown)."""
    total = count = 0
    for day in days:
        day_total, day_count = tally.get(day, (0, 0))
        total, count = total + day_total, count + day_count
    return round(total / count, 2) if count else None


def trend(mean_7d: float | None, mean_28d: float | None) -> str | None:
    """Rising or falling when this week is more than half a point off the last four weeks."""
    if mean_7d is None or mean_28d is None:
        return None
    difference = mean_7d - mean_28d
    if difference > TREND_BAND + TOLERANCE:
        return "rising"
    if difference < -TREND_BAND - TOLERANCE:
        return "falling"
    return "steady"


def judge(
    *, felt: FeltSafety | None, quiet: Iterable[Quiet], disputes: list[Dispute] | None
) -> list[Alert]:
    """Every alert the consented figures support, the weightiest first."""
    found = [
        *(_sudden_drop(felt), _felt_safety_drop(felt), _low_felt_safety(felt)),
        *(_no_checkin(partner) for partner in quiet),
        _disputed(disputes),
    ]
    alerts = [alert for alert in found if alert is not None]
    return sorted(alerts, key=lambda alert: -alert.severity)


def _sudden_drop(felt: FeltSafety | None) -> Alert | None:
    """One score far under the couple's own last four weeks: worth a look before the mean moves."""
    if felt is None or felt.latest is None or felt.baseline_before_latest is None:
        return None
    drop = felt.baseline_before_latest - felt.latest.value
    if drop < SUDDEN_DROP_POINTS - TOLERANCE:
        return None
    return Alert(
        "sudden_drop",
        f"The latest felt safety ({felt.latest.value}) is {drop:.1f} points under "
        f"the couple's last four weeks ({felt.baseline_before_latest:.1f}).",
    )


def _felt_safety_drop(felt: FeltSafety | None) -> Alert | None:
    if felt is None or felt.mean_7d is None or felt.mean_28d is None:
        return None
    drop = felt.mean_28d - felt.mean_7d
    if drop < DROP_POINTS - TOLERANCE:
        return None
    return Alert(
        "felt_safety_drop",
        f"Felt safety this week ({felt.mean_7d:.1f}) is {drop:.1f} points under "
        f"the last four weeks ({felt.mean_28d:.1f}).",
    )


def _low_felt_safety(felt: FeltSafety | None) -> Alert | None:
    if felt is None or len(felt.recent) < LOW_RUN or max(felt.recent) > LOW_SCORE:
        return None
    scores = ", ".join(str(score) for score in felt.recent)
    return Alert(
        "low_felt_safety",
        f"Felt safety has been {LOW_SCORE} or below in the last {LOW_RUN} check-ins ({scores}).",
    )


def _no_checkin(partner: Quiet) -> Alert | None:
    name = partner.display_name
    if partner.days_since is None:
        if partner.days_in_space < QUIET_DAYS:
            return None
        message = f"{name} hasn't checked in since joining, {partner.days_in_space} days ago."
    elif partner.days_since < QUIET_DAYS:
        return None
    else:
        message = f"{name} hasn't checked in for {partner.days_since} days."
    return Alert("no_checkin", message)


def _disputed(disputes: list[Dispute] | None) -> Alert | None:
    if not disputes:
        return None
    newest = max(disputes, key=lambda dispute: dispute.period_start)
    day = newest.period_start
    which = f"\u201c{newest.title}\u201d, {day.day} {day:%B %Y}"
    if len(disputes) == 1:
        return Alert("disputed_check", f"A commitment check is disputed and still open ({which}).")
    return Alert(
        "disputed_check",
        f"{len(disputes)} commitment checks are disputed and still open (the latest: {which}).",
    )
