"""A respondent's series on one instrument: the last change, whether it is reliable, adherence.

Pure functions, no database: callers hand in scores with their moments and
the schedule, and get plain values back (used by the partners' and the
therapist's views, the caseload and the session-prep report alike).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from mend.measures.catalogue import RCI_THRESHOLD, Instrument

MISSED_ALERT_RUN = 3


@dataclass(frozen=True)
class Point:
    """One scored response."""

    id: int
    score: int
    band: str
    created_at: datetime


@dataclass(frozen=True)
class Change:
    """From the previous score to the latest, and whether that change is reliable."""

    previous: int
    latest: int
    difference: int
    direction: str  # "better", "worse" or "same"
    rci: float | None
    reliable: bool | None  # None where the instrument's reliability is not on file
    explanation: str


@dataclass(frozen=True)
class Adherence:
    """How a schedule has been kept: whether one is due now, completion, missed in a row."""

    every_weeks: int
    starts_at: datetime
    due: bool
    next_due_at: datetime
    periods_elapsed: int
    completion_rate: float | None
    missed_in_a_row: int


def last_change(instrument: Instrument, points: Sequence[Point]) -> Change | None:
    """The change between the two newest scores (points oldest first), or None before two."""
    if len(points) < 2:
        return None
    previous, latest = points[-2].score, points[-1].score
    direction = _direction(instrument, previous, latest)
    rci = instrument.rci(previous, latest)
    if rci is None:
        reliable = None
        explanation = instrument.reliability_note or "Reliable change can't be judged here."
    else:
        reliable = abs(rci) >= RCI_THRESHOLD
        needed = instrument.reliability.reliable_difference  # type: ignore[union-attr]
        explanation = (
            f"A change of {needed:.1f} points or more is reliable (RCI {rci:+.2f}; "
            f"reliable beyond ±{RCI_THRESHOLD})."
        )
    return Change(previous, latest, latest - previous, direction, rci, reliable, explanation)


def _direction(instrument: Instrument, previous: int, latest: int) -> str:
    if previous == latest:
        return "same"
    return "worse" if instrument.worsened(previous, latest) else "better"


def reliable_deterioration(change: Change | None) -> bool:
    """Whether the last change is a reliable change for the worse."""
    return change is not None and change.reliable is True and change.direction == "worse"


def crossed_cutoff(instrument: Instrument, points: Sequence[Point]) -> bool:
    """Whether the newest score is past the cut-off when the one before it was not (or none)."""
    if not points or not instrument.beyond_cutoff(points[-1].score):
        return False
    return len(points) == 1 or not instrument.beyond_cutoff(points[-2].score)


def adherence(
    *, every_weeks: int, starts_at: datetime, answered: Sequence[datetime], now: datetime
) -> Adherence:
    """Periods of `every_weeks` from `starts_at`: which were answered, and whether one is due.

    A period counts as kept when at least one response falls in it; the
    current period is due until answered, and is not counted as missed yet.
    """
    period = timedelta(weeks=every_weeks)
    current = max(int((now - starts_at) // period), 0)
    kept = [False] * (current + 1)
    for moment in answered:
        index = int((moment - starts_at) // period)
        if 0 <= index <= current:
            kept[index] = True
    complete = kept[:current]
    missed = 0
    for was_kept in reversed(complete):
        if was_kept:
            break
        missed += 1
    return Adherence(
        every_weeks=every_weeks,
        starts_at=starts_at,
        due=not kept[current],
        next_due_at=starts_at + period * (current + (1 if kept[current] else 0)),
        periods_elapsed=len(complete),
        completion_rate=round(sum(complete) / len(complete), 3) if complete else None,
        missed_in_a_row=missed,
    )
