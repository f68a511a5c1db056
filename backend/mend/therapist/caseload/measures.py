"""The caseload's questionnaires: each sharing partner's series, and the alerts they raise.

Two queries for every couple at once (the newest answers, the schedules kept:
measure_rows), whatever the caseload's size or the length of the history; only
partners who share `measures` with the therapist are selected, and
`policy.Access` is asked again when the summaries are made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from mend.measures import series
from mend.measures.read import CATEGORY as MEASURES
from mend.measures.read import SeriesView, visible_keys
from mend.measures.setup import instruments
from mend.therapist.caseload import measure_rows
from mend.therapist.caseload.alerts import Alert
from mend.therapist.caseload.among import custom_plans
from mend.therapist.caseload.queries import Couple


@dataclass(frozen=True)
class MeasureSummary:
    """A partner's series as the caseload shows it: `SeriesView`'s figures, with only the two
    newest points (all that the latest score, the last change and the alerts need)."""

    respondent_id: int
    role: str
    display_name: str
    instrument: str
    cutoff: float
    points: list[series.Point]
    answered: int
    last_change: series.Change | None
    schedule: series.Adherence | None
    beyond_cutoff: bool


def load(couples: Iterable[Couple], *, now: datetime) -> dict[int, list[MeasureSummary]]:
    """Per space, the series of every partner who shares their questionnaires."""
    couples = list(couples)
    sharing = {
        (c.space_id, m.user_id) for c in couples for m in c.partners() if c.shares(m, MEASURES)
    }
    spaces = sorted({space_id for space_id, _user in sharing})
    people = sorted({user_id for _space, user_id in sharing})
    custom_plans()
    newest = measure_rows.newest(spaces, people)
    kept = measure_rows.kept(spaces, people, now=now)
    keys: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for space_id, respondent_id, instrument in measure_rows.keys_of(newest, kept):
        if (space_id, respondent_id) in sharing:
            keys[space_id].add((respondent_id, instrument))
    return {
        c.space_id: [
            _summary(c, key, newest.get((c.space_id, *key)), kept.get((c.space_id, *key)), now)
            for key in visible_keys(c.access, keys[c.space_id])
        ]
        for c in couples
        if c.space_id in spaces
    }


def _summary(
    couple: Couple,
    key: tuple[int, str],
    newest: measure_rows.Newest | None,
    kept: measure_rows.Kept | None,
    now: datetime,
) -> MeasureSummary:
    """One series' figures, as `measures.read` works them out for a whole series."""
    respondent, chosen = couple.access.members[key[0]], instruments()[key[1]]
    points = newest.points if newest is not None else []
    return MeasureSummary(
        respondent_id=key[0],
        role=respondent.role,
        display_name=respondent.display_name,
        instrument=chosen.id,
        cutoff=chosen.cutoff,
        points=points,
        answered=newest.answered if newest is not None else 0,
        last_change=series.last_change(chosen, points),
        schedule=None if kept is None else measure_rows.adherence(kept, now=now),
        beyond_cutoff=bool(points) and chosen.beyond_cutoff(points[-1].score),
    )


def judge(views: list[SeriesView] | list[MeasureSummary]) -> list[Alert]:
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
