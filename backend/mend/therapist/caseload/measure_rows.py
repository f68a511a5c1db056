"""The caseload's questionnaire reads, summed up in SQL: per series only what the caseload shows.

The caseload shows, per series, the latest score, the last change, how many
answers there are and how the schedule has been kept. Reading every answer of
every couple for that (two years of fortnightly answers: 12,480 rows at 100
couples) took 217 ms of a 690 ms request (bench/caseload.py on PostgreSQL,
load average 7-8), and the request's CPU time grew from 54 ms at 25 couples
to 298 ms at 100. So the database returns the two newest answers and the
count per series, and per schedule the periods kept: 600 + 300 rows, whatever
the history's length (CPU time then 34 ms and 109 ms, load average 13).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, and_, case, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from mend.database import UTCDateTime
from mend.extensions import db
from mend.measures import series
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.therapist.caseload.among import among

R, S = MeasureResponse, MeasureSchedule
WEEK_MICROSECONDS = 7 * 24 * 3600 * 1_000_000
SERIES = (R.space_id, R.respondent_id, R.instrument)


class MicrosecondsBetween(FunctionElement[int]):
    """Whole microseconds from one UTC timestamp to a later one, computed by the database."""

    type = BigInteger()
    inherit_cache = True
    name = "microseconds_between"


@compiles(MicrosecondsBetween, "postgresql")
def _postgresql(element: MicrosecondsBetween, compiler: Any, **kw: Any) -> str:
    # date_part is float8 (EXTRACT's numeric cost 3x as much here); for spans of years its
    # error is far below half a microsecond, so rounding gives the exact count.
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(round(date_part('epoch', {later} - {earlier}) * 1000000) AS BIGINT)"


@compiles(MicrosecondsBetween, "sqlite")
def _sqlite(element: MicrosecondsBetween, compiler: Any, **kw: Any) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"({_sqlite_microseconds(later)} - {_sqlite_microseconds(earlier)})"


def _sqlite_microseconds(column: str) -> str:
    # SQLAlchemy stores 'YYYY-MM-DD HH:MM:SS.ffffff'; a value without the fraction has 0 there.
    seconds = f"CAST(strftime('%s', {column}) AS INTEGER)"
    return f"({seconds} * 1000000 + CAST(substr({column}, 21, 6) AS INTEGER))"


@dataclass(frozen=True)
class Newest:
    """A series' two newest answers (oldest first) and how many answers it has in all."""

    points: list[series.Point]
    answered: int


@dataclass(frozen=True)
class Kept:
    """A schedule, and which of its periods up to now were answered."""

    every_weeks: int
    starts_at: datetime
    kept_before_current: int
    last_kept_before_current: int | None
    current_kept: bool


def newest(spaces: list[int], people: list[int]) -> dict[tuple[int, int, str], Newest]:
    """Per (space, respondent, instrument): the two newest answers and the count."""
    mine = and_(among(R.space_id, spaces), among(R.respondent_id, people))
    counts = select(*SERIES, func.count().label("answered"), func.max(R.id).label("newest"))
    counts = counts.where(mine).group_by(*SERIES).cte("counts")
    second = select(func.max(R.id)).where(mine, R.id.not_in(select(counts.c.newest)))
    rows = db.session.execute(
        select(*SERIES, R.id, R.score, R.band, R.created_at, counts.c.answered)
        .join(counts, _same_series(counts.c, R))
        .where(R.id.in_(select(counts.c.newest).union(second.group_by(*SERIES))))
        .order_by(R.id)
    )
    found: dict[tuple[int, int, str], Newest] = {}
    for row in rows:
        key = (row.space_id, row.respondent_id, row.instrument)
        entry = found.setdefault(key, Newest([], row.answered))
        entry.points.append(series.Point(row.id, row.score, row.band, row.created_at))
    return found


def kept(
    spaces: list[int], people: list[int], *, now: datetime
) -> dict[tuple[int, int, str], Kept]:
    """Per schedule: the periods before the current one that were answered, the last of them,
    and whether the current one is (the same periods as `series.adherence` counts)."""
    length = S.every_weeks * literal(WEEK_MICROSECONDS, BigInteger)
    since_start = MicrosecondsBetween(literal(now, UTCDateTime()), S.starts_at)
    # Both spans are >= 0 here, so integer division is the floor `series.adherence` takes.
    # The periods are grouped first, so that each answer's is worked out once.
    periods = (
        select(
            S.id.label("schedule_id"),
            (MicrosecondsBetween(R.created_at, S.starts_at) // length).label("period"),
            case((since_start >= 0, since_start // length), else_=0).label("current"),
        )
        .join(R, _answers_to(R, S))
        .where(among(S.space_id, spaces), among(S.respondent_id, people))
        .group_by(S.id, S.starts_at, S.every_weeks, "period")
        .subquery()
    )
    before = case((periods.c.period < periods.c.current, periods.c.period))
    rows = db.session.execute(
        select(
            S.space_id,
            S.respondent_id,
            S.instrument,
            S.every_weeks,
            S.starts_at,
            func.count(before).label("kept_before_current"),
            func.max(before).label("last_kept_before_current"),
            func.max(case((periods.c.period == periods.c.current, 1), else_=0)).label(
                "current_kept"
            ),
        )
        .outerjoin(periods, periods.c.schedule_id == S.id)
        .where(among(S.space_id, spaces), among(S.respondent_id, people))
        .group_by(S.id, S.space_id, S.respondent_id, S.instrument, S.every_weeks, S.starts_at)
    )
    return {
        (row.space_id, row.respondent_id, row.instrument): Kept(
            row.every_weeks,
            row.starts_at,
            row.kept_before_current,
            row.last_kept_before_current,
            bool(row.current_kept),
        )
        for row in rows
    }


def _same_series(one: Any, other: Any) -> Any:
    """Rows of the same (space, respondent, instrument)."""
    return and_(
        one.space_id == other.space_id,
        one.respondent_id == other.respondent_id,
        one.instrument == other.instrument,
    )


def _answers_to(responses: Any, schedules: Any) -> Any:
    """The answers given on a schedule, from its start."""
    return and_(_same_series(responses, schedules), responses.created_at >= schedules.starts_at)


def adherence(schedule: Kept, *, now: datetime) -> series.Adherence:
    """`series.adherence` of the schedule, from the periods the database found kept."""
    period = timedelta(weeks=schedule.every_weeks)
    current = max(int((now - schedule.starts_at) // period), 0)
    last = schedule.last_kept_before_current
    complete = schedule.kept_before_current
    return series.Adherence(
        every_weeks=schedule.every_weeks,
        starts_at=schedule.starts_at,
        due=not schedule.current_kept,
        next_due_at=schedule.starts_at + period * (current + (1 if schedule.current_kept else 0)),
        periods_elapsed=current,
        completion_rate=round(complete / current, 3) if current else None,
        missed_in_a_row=current if last is None else current - 1 - last,
    )


def keys_of(*found: Iterable[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Every series key in the given mappings."""
    return {key for keys in found for key in keys}
