"""The therapist's caseload: every couple they work with, most in need of attention first.

Only consented figures: each partner's grants to this therapist decide, through
`policy.Access`, what goes into a couple's summary. Everything is loaded in a
fixed number of queries however many couples there are (queries), and
worked out in Python (alerts); the reads are then logged for the partners in
one more statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import fmean
from typing import Any

from werkzeug.local import LocalProxy

from mend import clock, policy
from mend.auth.models import User
from mend.commitments import snapshots
from mend.commitments.models import ReliabilitySnapshot
from mend.consent.access_log import Read
from mend.consent.models import CATEGORIES
from mend.database import utcnow
from mend.spaces.models import Membership
from mend.spaces.read import AWAITING_APPROVAL, UNNAMED
from mend.therapist.caseload import alerts, queries
from mend.therapist.caseload import measures as caseload_measures
from mend.therapist.caseload.alerts import FeltSafety, Latest, Quiet
from mend.therapist.caseload.items import (
    CaseloadItem,
    CommitmentFigures,
    DaysSince,
    Lowest,
    Member,
    Shared,
    SpaceRef,
)
from mend.therapist.caseload.measures import MeasureSummary
from mend.therapist.caseload.queries import CHECKINS, COMMITMENTS, CommitmentRows, Couple
from mend.therapist.caseload.write_back import write_back

WINDOW_DAYS = alerts.BASELINE_DAYS + alerts.WEEK_DAYS  # the baseline, and a little before it
NO_SCORE = 11  # sorts couples without a felt-safety score after every score (0-10)
DECIMALS = 3
FELT_SAFETY_READ = f"felt safety of the last {WINDOW_DAYS} days and latest check-in"
RELIABILITY_READ = "reliability of active commitments and open disputes"


@dataclass(frozen=True)
class Loaded:
    """Everything the summaries are made from, for all of the therapist's couples."""

    today: date
    timezone: str
    readings: dict[int, list[Any]]
    latest: dict[tuple[int, int], Any]
    commitments: dict[int, CommitmentRows]
    built_snapshots: list[ReliabilitySnapshot]
    measures: dict[int, list[MeasureSummary]]


def list_visible(*, actor: User) -> list[CaseloadItem]:
    """Each couple the therapist works with, only consented figures, most in need first."""
    policy.require_therapist_account(actor)
    now = utcnow()
    couples = queries.couples(_unproxied(actor), now=now)
    loaded = _load(couples, actor.timezone, now)
    items = [_summarise(couple, loaded) for couple in couples]
    write_back(
        [(c.access, r) for c, item in zip(couples, items, strict=True) for r in _reads(c, item)],
        loaded.built_snapshots,
    )
    return sorted(items, key=_need)


def _unproxied(user: User) -> User:
    """The user behind Flask-Login's `current_user`.

    Every attribute read through the proxy asks Flask for the request, and the
    summaries read the user (through `policy.Access`) thousands of times.
    """
    return user._get_current_object() if isinstance(user, LocalProxy) else user  # type: ignore[attr-defined]


def _load(couples: list[Couple], timezone: str, now: datetime) -> Loaded:
    """Check-ins and commitments of every couple, in a fixed number of queries."""
    today = clock.today_in(timezone, now=now)
    since = clock.start_of_day(today - timedelta(days=WINDOW_DAYS - 1), timezone)
    commitments, built_snapshots = queries.commitment_rows(couples, now=now)
    return Loaded(
        today=today,
        timezone=timezone,
        readings=queries.felt_readings(couples, since=since),
        latest=queries.latest_checkins(couples),
        commitments=commitments,
        built_snapshots=built_snapshots,
        measures=caseload_measures.load(couples, now=now),
    )


def _summarise(couple: Couple, loaded: Loaded) -> CaseloadItem:
    """A couple's summary, from what they share with the therapist."""
    shared = [
        Shared(m.user_id, m.role, [c for c in CATEGORIES if couple.shares(m, c)])
        for m in couple.partners()
    ]
    sharing = [m for m in couple.partners() if couple.shares(m, CHECKINS)]
    quiet = [_quiet(couple, m, loaded) for m in sharing]
    felt = _felt(couple, loaded)
    rows = loaded.commitments.get(couple.space_id)
    figures = _commitment_figures(couple, rows) if rows is not None else None
    disputes = rows.disputes if figures is not None and figures.open_disputes is not None else None
    pending = couple.access.pending
    measures = loaded.measures.get(couple.space_id, [])
    found = alerts.judge(felt=felt, quiet=quiet, disputes=disputes)
    found += caseload_measures.judge(measures)
    return CaseloadItem(
        space=SpaceRef(couple.space_id, AWAITING_APPROVAL if pending else couple.name),
        members=[
            Member(m.user_id, _name(m, couple.access), m.role)
            for m in couple.access.members.values()
            if m.active
        ],
        shared=shared,
        nothing_shared=not any(s.categories for s in shared),
        felt_safety=felt,
        commitments=figures,
        days_since_checkin=[
            DaysSince(m.user_id, m.role, q.days_since) for m, q in zip(sharing, quiet, strict=True)
        ],
        measures=measures,
        alerts=sorted(found, key=lambda alert: -alert.severity),
        awaiting_approval=pending,
    )


def _name(member: Membership, access: policy.Access) -> str:
    """A member's name, or their role's while the therapist awaits approval (rule 9)."""
    if access.pending and member.user_id != access.user.id:
        return UNNAMED[member.role]
    return member.display_name


def _felt(couple: Couple, loaded: Loaded) -> FeltSafety | None:
    """The hurt partner's felt-safety figures, if they share their check-ins."""
    hurt = couple.partner("hurt")
    if hurt is None or not couple.shares(hurt, CHECKINS):
        return None
    newest = loaded.latest.get((couple.space_id, hurt.user_id))
    latest = None
    readings = loaded.readings.get(couple.space_id, [])
    if newest is not None and newest.felt_safety is not None:
        latest = Latest(newest.felt_safety, newest.created_at)
    elif readings:
        # The newest check-in was in words only: the latest number is the one before it.
        moment, score = max(readings)
        latest = Latest(score, moment)
    return alerts.felt_safety(readings, latest=latest, today=loaded.today, timezone=loaded.timezone)


def _quiet(couple: Couple, member: Membership, loaded: Loaded) -> Quiet:
    """How long a partner has gone without a check-in, in the therapist's days."""
    today, timezone = loaded.today, loaded.timezone
    newest = loaded.latest.get((couple.space_id, member.user_id))
    joined = (today - clock.local_date(member.joined_at, timezone)).days
    since = (today - clock.local_date(newest.created_at, timezone)).days if newest else None
    return Quiet(member.display_name, None if since is None else max(since, 0), max(joined, 0))


def _commitment_figures(couple: Couple, rows: CommitmentRows) -> CommitmentFigures:
    """Mean and lowest reliability of the active commitments, and the open disputes."""
    scores = {
        commitment_id: snapshots.reliability_on(
            walk.commitment,
            walk.snapshot,
            today=walk.today,
            status_changes=rows.changes[commitment_id],
            counting_disputes=walk.counting_disputes,
        ).score
        for commitment_id, walk in rows.walks.items()
    }
    lowest = min(scores, key=lambda key: (scores[key], key), default=None)
    hurt_shares = couple.shares(couple.partner("hurt"), COMMITMENTS)
    return CommitmentFigures(
        active_count=len(scores),
        reliability_overall=round(fmean(scores.values()), DECIMALS) if scores else None,
        reliability_lowest=None if lowest is None else _lowest(rows, lowest, scores[lowest]),
        open_disputes=len(rows.disputes) if hurt_shares else None,
    )


def _lowest(rows: CommitmentRows, commitment_id: int, score: float) -> Lowest:
    return Lowest(commitment_id, rows.walks[commitment_id].commitment.title, round(score, DECIMALS))


def _need(item: CaseloadItem) -> tuple[Any, ...]:
    """Most in need of attention first: weightiest alerts, then lowest felt safety, then name."""
    felt = item.felt_safety
    latest = felt.latest.value if felt is not None and felt.latest is not None else NO_SCORE
    weight = sum(alert.severity for alert in item.alerts)
    return (-weight, -len(item.alerts), latest, item.space.name.casefold(), item.space.id)


def _reads(couple: Couple, item: CaseloadItem) -> list[Read]:
    """One read per partner and category the summary was made from, with what it showed."""
    hurt, repairing = couple.partner("hurt"), couple.partner("repairing")
    figures = item.commitments
    reads = []
    if hurt is not None and item.felt_safety is not None:
        reads.append(Read(hurt.user_id, CHECKINS, f"caseload summary: {FELT_SAFETY_READ}"))
    if repairing is not None and couple.shares(repairing, CHECKINS):
        reads.append(Read(repairing.user_id, CHECKINS, "caseload summary: latest check-in date"))
    if repairing is not None and figures is not None:
        reads.append(Read(repairing.user_id, COMMITMENTS, f"caseload summary: {RELIABILITY_READ}"))
    if hurt is not None and figures is not None and figures.open_disputes is not None:
        reads.append(Read(hurt.user_id, COMMITMENTS, "caseload summary: open disputed reviews"))
    for owner in sorted({view.respondent_id for view in item.measures}):
        reads.append(Read(owner, "measures", "caseload summary: questionnaire scores"))
    return reads
