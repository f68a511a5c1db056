"""The caseload's questionnaires: each sharing partner's series, and the alerts they raise.

Two queries for every couple at once (responses, schedules), whatever the
caseload's size; only partners who share `measures` with the therapist are
selected, and `policy.Access` is asked again when the series are built.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from mend.measures import series
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.measures.read import CATEGORY as MEASURES
from mend.measures.read import SeriesView, build_series
from mend.measures.setup import instruments
from mend.pagination import read_columns
from mend.therapist.caseload.alerts import Alert
from mend.therapist.caseload.queries import Couple

R, S = MeasureResponse, MeasureSchedule
RESPONSE_COLUMNS = (R.id, R.space_id, R.respondent_id, R.instrument, R.score, R.band, R.created_at)
SCHEDULE_COLUMNS = (S.space_id, S.respondent_id, S.instrument, S.every_weeks, S.starts_at)


def load(couples: Iterable[Couple], *, now: datetime) -> dict[int, list[SeriesView]]:
    """Per space, the series of every partner who shares their questionnaires."""
    couples = list(couples)
    sharing = {
        (c.space_id, m.user_id) for c in couples for m in c.partners() if c.shares(m, MEASURES)
    }
    spaces = sorted({space_id for space_id, _user in sharing})
    people = sorted({user_id for _space, user_id in sharing})
    responses = _grouped(RESPONSE_COLUMNS, MeasureResponse, spaces, people, sharing)
    schedules = _grouped(SCHEDULE_COLUMNS, MeasureSchedule, spaces, people, sharing)
    return {
        c.space_id: build_series(c.access, responses[c.space_id], schedules[c.space_id], now=now)
        for c in couples
        if c.space_id in spaces
    }


def _grouped(
    columns: tuple[Any, ...],
    model: Any,
    spaces: list[int],
    people: list[int],
    sharing: set[tuple[int, int]],
) -> dict[int, list[Any]]:
    """Plain rows (the columns only: no ORM objects for thousands of answers), per space."""
    statement = (
        select(*columns)
        .where(model.space_id.in_(spaces), model.respondent_id.in_(people))
        .order_by(model.id)
    )
    rows = read_columns(statement, {})
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        if (row.space_id, row.respondent_id) in sharing:
            grouped[row.space_id].append(row)
    return grouped


def judge(views: list[SeriesView]) -> list[Alert]:
    """Cut-off crossed, reliable deterioration and three missed in a row, per series."""
    offered = instruments()
    found: list[Alert] = []
    for view in views:
        chosen, who = offered[view.instrument], view.display_name
        if series.reliable_deterioration(view.last_change):
            change = view.last_change
            found.append(
                Alert(
                    "reliable_deterioration",
                    f"{who}'s {chosen.name} went from {change.previous} to {change.latest}: "
                    "a reliable change for the worse.",
                )
            )
        if series.crossed_cutoff(chosen, view.points):
            found.append(
                Alert(
                    "measure_cutoff",
                    f"{who}'s latest {chosen.name} ({view.points[-1].score}) is past the "
                    f"cut-off of {chosen.cutoff:g}.",
                )
            )
        missed = view.schedule.missed_in_a_row if view.schedule else 0
        if missed >= series.MISSED_ALERT_RUN:
            found.append(
                Alert(
                    "measures_missed",
                    f"{who} hasn't answered the last {missed} scheduled "
                    f"{chosen.name} questionnaires.",
                )
            )
    return found
