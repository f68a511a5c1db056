"""The session-prep report: what one member may see of a couple's record over a range of days.

Every section is gathered through the domain that owns it (check-in trend,
commitments, disclosure views), so consent is applied exactly as it is
everywhere else. A section whose owner has not shared it is None ("Not
shared"), never an empty list that could be mistaken for "nothing happened".

The report uses the domains' view builders rather than their public read
services because those services log a therapist's read themselves ("safety
trend ...", "3 disclosures (list)"); the report logs each read once, as
"report <from> to <to>", after everything is built.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, select

from mend import clock, policy
from mend.auth.models import User
from mend.checkins import service as checkins
from mend.checkins import trends
from mend.checkins.trends import Point
from mend.commitments import read as commitments
from mend.commitments.models import Commitment, CommitmentCheck
from mend.commitments.service import CheckView, CommitmentView
from mend.consent.access_log import Read, record_reads
from mend.database import utcnow
from mend.disclosures.models import Disclosure, DisclosureRevision
from mend.disclosures.read import listing as disclosure_listing
from mend.disclosures.read import views as disclosure_views
from mend.disclosures.read.views import DisclosureView, RevisionView
from mend.errors import Invalid
from mend.extensions import db
from mend.spaces.read import AWAITING_APPROVAL, UNNAMED
from mend.therapist import last_session
from mend.therapist.report import measures as report_measures
from mend.therapist.report.measures import PartnerMeasures

DEFAULT_DAYS = 28
MAX_DAYS = 366
COMMITMENTS = commitments.CATEGORY
DISCLOSURES = disclosure_views.CATEGORY
RANGE_ORDER_MESSAGE = "The start date needs to be on or before the end date."
RANGE_LENGTH_MESSAGE = "Please choose a range of one year or less."


@dataclass(frozen=True)
class Safety:
    """Felt safety per local day, with the mean and number of every score in the range."""

    points: list[Point]
    mean: float | None
    count: int


@dataclass(frozen=True)
class CheckLine:
    """One check in the range, with the review verdict where the reviewer shares it."""

    period_start: date
    outcome: str
    note: str | None
    verdict: str | None
    review_note: str | None


@dataclass(frozen=True)
class CommitmentLines:
    """A commitment as it stands today, and its checks in the range (oldest first)."""

    commitment: CommitmentView
    checks: list[CheckLine]


@dataclass(frozen=True)
class DisclosureLines:
    """A disclosure as it reads now, and its versions written in the range."""

    disclosure: DisclosureView
    revisions: list[RevisionView]


@dataclass(frozen=True)
class Report:
    """Everything one report shows; a None section is one its owner has not shared."""

    space_id: int
    space_name: str
    hurt_name: str
    repairing_name: str
    first: date
    last: date
    timezone: str
    generated_at: datetime
    safety: Safety | None
    commitments: list[CommitmentLines] | None
    reviews_shared: bool
    disclosures: list[DisclosureLines] | None
    measures: list[PartnerMeasures]


def filename(data: Report, extension: str) -> str:
    """mend-report-<space>-<from>-<to>.<extension>."""
    return f"mend-report-{data.space_id}-{data.first}-{data.last}.{extension}"


def resolve_range(*, first: date | None, last: date | None, today: date) -> tuple[date, date]:
    """The report's days: the last 28 up to today unless told, in order, at most a year."""
    last = last or today
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise Invalid("from", f"{RANGE_ORDER_MESSAGE} (The end date is today if you leave it out.)")
    if (last - first).days + 1 > MAX_DAYS:
        raise Invalid("from", RANGE_LENGTH_MESSAGE)
    return first, last


def build(
    *, actor: User, space_id: int, first: date | None, last: date | None, since: str | None = None
) -> Report:
    """The report of what the actor may see over local days first..last; therapist reads logged.

    `since="last-session"` starts it on the day of the actor's latest note for the couple.
    """
    access = policy.access(actor, space_id)
    first = last_session.first_day(access, since=since, first=first)
    first, last = resolve_range(first=first, last=last, today=clock.today_in(actor.timezone))
    # A therapist awaiting approval learns no names (rule 9), the space's included.
    named = not access.pending
    partners = {
        m.role: (user_id, m.display_name if named else UNNAMED[m.role])
        for user_id, m in access.members.items()
    }
    hurt_id, hurt_name = partners.get("hurt", (None, "The hurt partner"))
    repairing_id, repairing_name = partners.get("repairing", (None, "The repairing partner"))

    report = Report(
        space_id=space_id,
        space_name=access.membership.space.name if named else AWAITING_APPROVAL,
        hurt_name=hurt_name,
        repairing_name=repairing_name,
        first=first,
        last=last,
        timezone=actor.timezone,
        generated_at=utcnow(),
        safety=_safety(access, hurt_id, first, last),
        commitments=_commitments(access, repairing_id, first, last),
        reviews_shared=_shared(access, hurt_id, COMMITMENTS),
        disclosures=_disclosures(access, repairing_id, first, last),
        measures=report_measures.build(access, first=first, last=last),
    )
    record_reads(access, _reads(report, hurt_id=hurt_id, repairing_id=repairing_id))
    return report


def _shared(access: policy.Access, owner_id: int | None, category: str) -> bool:
    """Whether the owner's category is open to the viewer (a vacant role has nothing to hide)."""
    return owner_id is None or access.can_see(owner_id, category)


def _safety(access: policy.Access, hurt_id: int | None, first: date, last: date) -> Safety | None:
    """The felt-safety trend by day, exactly as the trend endpoint computes it for the viewer."""
    if not _shared(access, hurt_id, "checkins"):
        return None
    timezone = access.user.timezone
    felt, _predicted = checkins.visible_readings(access, first=first, last=last, timezone=timezone)
    trend = trends.summarise(
        felt=felt, predicted=None, first=first, last=last, bucket="day", timezone=timezone
    )
    count = sum(point.count for point in trend.points)
    total = sum(point.mean * point.count for point in trend.points if point.mean is not None)
    return Safety(points=trend.points, mean=total / count if count else None, count=count)


def _commitments(
    access: policy.Access, repairing_id: int | None, first: date, last: date
) -> list[CommitmentLines] | None:
    """Commitments made or begun by the end of the range, each with its checks for periods in it."""
    if not _shared(access, repairing_id, COMMITMENTS):
        return None
    end = clock.start_of_day(last + timedelta(days=1), access.user.timezone)
    views = [
        view for view in _all_commitments(access) if view.starts_on <= last or view.created_at < end
    ]
    checks = _checks_in_range(access, views, first, last)
    return [CommitmentLines(view, checks[view.id]) for view in views]


def _all_commitments(access: policy.Access) -> list[CommitmentView]:
    """Every commitment the viewer may see, oldest first, summarised in a fixed few queries."""
    rows = db.session.scalars(
        select(Commitment)
        .where(
            Commitment.space_id == access.space_id,
            Commitment.author_id.in_(access.owners_visible(COMMITMENTS)),
        )
        .order_by(Commitment.id)
    ).all()
    return commitments.summaries(access, list(rows))


def _checks_in_range(
    access: policy.Access, views: list[CommitmentView], first: date, last: date
) -> defaultdict[int, list[CheckLine]]:
    """Checks of periods overlapping the range (a week may start before it), per commitment."""
    cadence = {view.id: view.cadence for view in views}
    condition = and_(
        CommitmentCheck.commitment_id.in_(cadence),
        CommitmentCheck.period_start >= clock.week_start(first),
        CommitmentCheck.period_start <= last,
    )
    lines: defaultdict[int, list[CheckLine]] = defaultdict(list)
    for check in reversed(commitments.check_views(access, condition)):
        if cadence[check.commitment_id] == "weekly" or check.period_start >= first:
            lines[check.commitment_id].append(_check_line(check))
    return lines


def _check_line(check: CheckView) -> CheckLine:
    """Plain values only: the review row must not be read again after the access log commits."""
    review = check.review
    return CheckLine(
        period_start=check.period_start,
        outcome=check.outcome,
        note=check.note,
        verdict=review.verdict if review is not None else None,
        review_note=review.note if review is not None else None,
    )


def _disclosures(
    access: policy.Access, repairing_id: int | None, first: date, last: date
) -> list[DisclosureLines] | None:
    """Visible disclosures with a version written in the range, and those versions, oldest first."""
    if not _shared(access, repairing_id, DISCLOSURES):
        return None
    by_disclosure: defaultdict[int, list[RevisionView]] = defaultdict(list)
    for revision in _revisions_in_range(access, first, last):
        by_disclosure[revision.disclosure_id].append(
            # The report lists what was written in the range; "taken in" is on the summary.
            disclosure_views.fill_view(RevisionView, revision, acknowledged_at=None)
        )
    rows = db.session.scalars(
        select(Disclosure).where(Disclosure.id.in_(by_disclosure)).order_by(Disclosure.id)
    ).all()
    summaries = disclosure_listing.summaries(access, list(rows))
    return [DisclosureLines(view, by_disclosure[view.id]) for view in summaries]


def _revisions_in_range(
    access: policy.Access, first: date, last: date
) -> Sequence[DisclosureRevision]:
    """Versions written on local days first..last of disclosures the viewer may see."""
    start, end = clock.day_range_utc(first, last, access.user.timezone)
    return db.session.scalars(
        select(DisclosureRevision)
        .join(Disclosure, Disclosure.id == DisclosureRevision.disclosure_id)
        .where(
            Disclosure.space_id == access.space_id,
            Disclosure.author_id.in_(access.owners_visible(DISCLOSURES)),
            DisclosureRevision.created_at >= start,
            DisclosureRevision.created_at < end,
        )
        .order_by(DisclosureRevision.disclosure_id, DisclosureRevision.number)
    ).all()


def _reads(report: Report, *, hurt_id: int | None, repairing_id: int | None) -> Iterator[Read]:
    """One access-log line per partner and category whose data the report drew on."""
    records = f"report {report.first.isoformat()} to {report.last.isoformat()}"
    drawn_on = [
        (hurt_id, "checkins", report.safety is not None),
        (repairing_id, COMMITMENTS, report.commitments is not None),
        (hurt_id, COMMITMENTS, report.commitments is not None and report.reviews_shared),
        (repairing_id, DISCLOSURES, report.disclosures is not None),
    ]
    drawn_on += [(m.user_id, "measures", m.series is not None) for m in report.measures]
    for owner_id, category, shown in drawn_on:
        if owner_id is not None and shown:
            yield Read(owner_id, category, records)
