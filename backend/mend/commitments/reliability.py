"""Reliability and streak of one commitment: a pure computation, no database.

The score is the Loop Habit Tracker's exponential smoothing, walked period by
period from the commitment's first period: `score = prev * m + v * (1 - m)`
with `m = 0.5 ** (sqrt(f) / 13)`, `f` the checks expected per day. `v` is 1 for
kept, 0.5 for partial and 0 for missed, a disputed check counts as partial at
most, and a period that is over without a report counts as missed.

Statuses: a period's status is the one in force on its last day. Paused periods
leave the score and the streak as they were. A period that ends `completed` or
`withdrawn` is the last one walked, and, like the current unfinished period, it
counts only if it was reported.

`ongoing` commitments expect nothing: each report counts, in date order, as a
daily one would.

Runs of periods with nothing to report and no change of status are applied in
one step (`m ** n`), so the cost grows with the number of checks and status
changes, not with how long ago the commitment started. A walk can also resume
from a `Folded` state (see `fold`), so a caller that keeps one walks only the
periods after it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from math import sqrt

from mend.clock import week_start

Check = tuple[str, bool]  # (outcome, disputed)
StatusChange = tuple[date, str]  # (effective_on, status), in the order they were made

VALUES = {"kept": 1.0, "partial": 0.5, "missed": 0.0}
DISPUTED_AT_MOST = VALUES["partial"]
FINAL_STATUSES = frozenset({"completed", "withdrawn"})
CHECKS_PER_DAY = {"daily": 1.0, "weekly": 1 / 7, "ongoing": 1.0}
DAYS_PER_PERIOD = {"daily": 1, "weekly": 7}
ENDED = date.max  # where a walk resumes once a completion or withdrawal has ended it


@dataclass(frozen=True)
class Reliability:
    """A commitment's smoothed score (0..1) and its run of kept periods."""

    score: float
    streak: int


@dataclass(frozen=True)
class Folded:
    """The score and streak with every period before `through` walked."""

    through: date
    score: float
    streak: int


def multiplier(cadence: str) -> float:
    """How much of the previous score each period keeps: 0.5 ** (sqrt(f) / 13)."""
    return 0.5 ** (sqrt(CHECKS_PER_DAY[cadence]) / 13)


def period_of(day: date, cadence: str) -> date:
    """The first day of the period containing day: the day itself, or its ISO week's Monday."""
    return week_start(day) if cadence == "weekly" else day


def compute(
    *,
    cadence: str,
    starts_on: date,
    today: date,
    checks: Mapping[date, Check],
    status_changes: Iterable[StatusChange] = (),
    resume: Folded | None = None,
) -> Reliability:
    """The reliability and streak of a commitment as of today (in its author's timezone).

    With `resume`, the periods before `resume.through` are taken as walked: only
    the checks from then on are needed (earlier ones are ignored).
    """
    start = Folded(starts_on, 0.0, 0)
    if resume is not None and resume.through > starts_on:
        start = resume
    walked = _walk(cadence, start, today, checks, _Timeline(status_changes))
    return Reliability(score=walked.score, streak=walked.streak)


def fold(
    *,
    cadence: str,
    starts_on: date,
    checks: Mapping[date, Check],
    status_changes: Iterable[StatusChange] = (),
) -> Folded | None:
    """The walk up to and including the newest reported period (None before any report).

    Every period up to that one is over or reported, so only a new check or a
    new change of status can move this state; resuming from it gives what a
    whole walk gives. A walk that a completion or withdrawal ended is `ENDED`.
    """
    if not checks:
        return None
    start = Folded(starts_on, 0.0, 0)
    return _walk(cadence, start, max(checks), checks, _Timeline(status_changes))


def _walk(
    cadence: str, start: Folded, today: date, checks: Mapping[date, Check], timeline: _Timeline
) -> Folded:
    if cadence == "ongoing":
        return _ongoing(start, today, checks, timeline)
    by_period = {period_of(day, cadence): check for day, check in checks.items()}
    return _periodic(cadence, start, today, by_period, timeline)


class _Timeline:
    """The status in force on any day; without any change a commitment is active."""

    def __init__(self, changes: Iterable[StatusChange]) -> None:
        ordered = sorted(changes, key=lambda change: change[0])  # stable: same day keeps order
        self.days = [day for day, _status in ordered]
        self.statuses = [status for _day, status in ordered]

    def status_on(self, day: date) -> str:
        index = bisect_right(self.days, day)
        return self.statuses[index - 1] if index else "active"


def _periodic(
    cadence: str, start: Folded, today: date, checks: Mapping[date, Check], timeline: _Timeline
) -> Folded:
    step = timedelta(days=DAYS_PER_PERIOD[cadence])
    m = multiplier(cadence)
    period, current = period_of(start.through, cadence), period_of(today, cadence)
    landmarks = _landmarks(cadence, period, current, checks, timeline)
    score, streak = start.score, start.streak
    while period <= current:
        status = timeline.status_on(period + step - timedelta(days=1))
        check = checks.get(period)
        final = status in FINAL_STATUSES
        if check is not None and status != "paused":
            score, streak = _count(score, streak, check, m)
            if final:
                return Folded(ENDED, score, streak)
            period += step
        elif final:
            return Folded(ENDED, score, streak)
        elif period == current:
            break  # an unreported last period is not over yet, so it does not count
        else:
            # Nothing happens before the next landmark: a pause holds the score,
            # and periods that are over without a report count as missed.
            following = _next_landmark(landmarks, period)
            if status != "paused":
                score *= m ** ((following - period) // step)
                streak = 0
            period = following
    return Folded(period, score, streak)


def _landmarks(
    cadence: str, first: date, current: date, checks: Mapping[date, Check], timeline: _Timeline
) -> list[date]:
    """The periods where something happens: a report, a change of status, or now."""
    changed = {period_of(day, cadence) for day in timeline.days}
    return sorted(p for p in set(checks) | changed | {current} if first <= p <= current)


def _next_landmark(landmarks: list[date], period: date) -> date:
    """The first landmark after period (there is one: the current period is a landmark)."""
    return landmarks[bisect_right(landmarks, period)]


def _ongoing(
    start: Folded, today: date, checks: Mapping[date, Check], timeline: _Timeline
) -> Folded:
    m = multiplier("ongoing")
    score, streak = start.score, start.streak
    for day in sorted(d for d in checks if start.through <= d <= today):
        status = timeline.status_on(day)
        if status == "paused":
            continue
        score, streak = _count(score, streak, checks[day], m)
        if status in FINAL_STATUSES:
            return Folded(ENDED, score, streak)
    return Folded(max(start.through, today + timedelta(days=1)), score, streak)


def _count(score: float, streak: int, check: Check, m: float) -> tuple[float, int]:
    """Fold one reported period into the score and the streak."""
    outcome, disputed = check
    value = VALUES[outcome]
    if disputed:
        value = min(value, DISPUTED_AT_MOST)
    kept = outcome == "kept" and not disputed
    return score * m + value * (1 - m), (streak + 1 if kept else 0)
