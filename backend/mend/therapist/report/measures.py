"""The session-prep report's questionnaires: each partner's series up to the report's last day,
with the last change, adherence and the alerts the caseload would raise.

Consent is asked of `policy.Access` per partner (category `measures`); to a
therapist, a partner who does not share is shown as "Not shared", never as
"no answers"; a partner's report simply leaves the other's out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from mend import clock, policy
from mend.measures.read import CATEGORY, SeriesView, series_of
from mend.measures.setup import instruments
from mend.spaces.models import PARTNER_ROLES
from mend.therapist.caseload import measures as caseload_measures
from mend.therapist.caseload.alerts import Alert


@dataclass(frozen=True)
class PartnerMeasures:
    """One partner's questionnaires as the reader may see them (None: not shared)."""

    user_id: int
    name: str
    series: list[SeriesView] | None
    alerts: list[Alert]


def build(access: policy.Access, *, first: date, last: date) -> list[PartnerMeasures]:
    """Per partner (hurt first), their series as of the end of `last`, points from `first` on.

    A therapist awaiting approval gets no section at all: no data and no names (rule 9).
    """
    if access.pending:
        return []
    end = clock.start_of_day(last + timedelta(days=1), access.user.timezone)
    partners = sorted(
        (m for m in access.members.values() if m.role in PARTNER_ROLES and m.user_id),
        key=lambda m: PARTNER_ROLES.index(m.role),
    )
    owners = [m.user_id for m in partners if access.can_see(m.user_id, CATEGORY)]
    views = series_of(access, owners, before=end)
    # A partner's report leaves out what the other keeps private rather than point at it:
    # questionnaires are private by default, and "not shared" must not read as a reproach.
    shown = [m for m in partners if access.role == "therapist" or m.user_id in owners]
    return [_partner(m.user_id, m.display_name, owners, views) for m in shown]


def _partner(
    user_id: int, name: str, owners: list[int], views: list[SeriesView]
) -> PartnerMeasures:
    if user_id not in owners:
        return PartnerMeasures(user_id, name, None, [])
    mine = [v for v in views if v.respondent_id == user_id]
    return PartnerMeasures(user_id, name, mine, caseload_measures.judge(mine))


def in_range(view: SeriesView, first: date, timezone: str) -> list[Any]:
    """The points of a series on or after the report's first day."""
    start = clock.start_of_day(first, timezone)
    return [point for point in view.points if point.created_at >= start]


def csv_rows(sections: list[PartnerMeasures], first: date, timezone: str) -> Iterator[list[Any]]:
    """The questionnaire block of the report's CSV."""
    shared = [section for section in sections if section.series is not None]
    if not shared:
        return
    offered = instruments()
    yield []
    yield ["section", "person", "instrument", "answered_at", "score", "band"]
    for section in shared:
        for view in section.series or []:
            for point in in_range(view, first, timezone):
                moment = point.created_at.astimezone(clock.zone(timezone)).isoformat("T", "seconds")
                yield ["measure", section.name, offered[view.instrument].name, moment,
                       point.score, point.band]  # fmt: skip
    yield ["section", "person", "instrument", "latest", "cutoff", "change", "reliable",
           "completion_rate", "missed_in_a_row"]  # fmt: skip
    for section in shared:
        for view in section.series or []:
            change, plan = view.last_change, view.schedule
            yield ["measure_summary", section.name, offered[view.instrument].name,
                   view.points[-1].score if view.points else "", f"{view.cutoff:g}",
                   "" if change is None else change.difference,
                   "" if change is None or change.reliable is None else change.reliable,
                   "" if plan is None or plan.completion_rate is None else plan.completion_rate,
                   "" if plan is None else plan.missed_in_a_row]  # fmt: skip
    yield ["section", "person", "alert", "message"]
    for section in shared:
        for alert in section.alerts:
            yield ["measure_alert", section.name, alert.kind, alert.message]
