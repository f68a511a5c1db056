"""Commitment rules: promising, changing status, reporting checks and reviewing them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from mend import clock, policy
from mend.auth.models import User
from mend.commitments import events, read, reliability, snapshots
from mend.commitments.models import (
    CheckReply,
    CheckReview,
    Commitment,
    CommitmentCheck,
    CommitmentStatusChange,
)
from mend.commitments.read import CheckView, CommitmentView
from mend.consent.access_log import reads_by_owner, record_reads
from mend.database import utcnow
from mend.errors import Conflict, Invalid, NotFound
from mend.extensions import db
from mend.live.events import publish
from mend.pagination import Page, paginate
from mend.record import service as record_service
from mend.spaces.models import PARTNER_ROLES

CATEGORY = "commitments"
NOT_FOUND = "We couldn't find that commitment."
MAX_DAYS_AHEAD = 366
Change = CommitmentStatusChange


def create(
    *,
    actor: User,
    space_id: int,
    title: str,
    description: str | None,
    cadence: str,
    starts_on: date | None,
) -> CommitmentView:
    """Make a new commitment, starting today (the actor's) unless another day is given."""
    access = policy.access(actor, space_id)
    access.require_role("repairing")
    today = clock.today_in(actor.timezone)
    if starts_on is not None and starts_on > today + timedelta(days=MAX_DAYS_AHEAD):
        raise Invalid("starts_on", "Please choose a start within the coming year.")
    commitment = Commitment(
        space_id=space_id,
        author_id=actor.id,
        title=title,
        description=description,
        cadence=cadence,
        starts_on=starts_on or today,
        created_at=utcnow(),
    )
    _record(space_id, commitment, commitment=commitment)
    view = read.summaries(access, [commitment])[0]
    publish(lambda: events.created(space_id=space_id, commitment_id=view.id, author_id=actor.id))
    return view


def list_visible(
    *, actor: User, space_id: int, limit: int, before: int | None
) -> Page[CommitmentView]:
    """The commitments the actor may see, newest first, with reliability and streak."""
    access = policy.access(actor, space_id)
    authors = access.owners_visible(CATEGORY)
    query = select(Commitment).where(
        Commitment.space_id == space_id, Commitment.author_id.in_(authors)
    )
    page = paginate(query, Commitment.id, limit=limit, before=before)
    items = read.summaries(access, page.items)
    owners = (item.author_id for item in items)
    record_reads(access, reads_by_owner(owners, CATEGORY, lambda n: f"{n} commitments (list)"))
    return Page(items=items, next_before=page.next_before)


def get_visible(*, actor: User, space_id: int, commitment_id: int) -> CommitmentView:
    """One commitment with every check (newest first) and its status history (oldest first)."""
    access = policy.access(actor, space_id)
    view = read.detail(access, _visible(access, commitment_id))
    owners = [view.author_id] + [c.review.author_id for c in view.checks if c.review is not None]
    described = f"commitment {view.id} with its checks and history"
    record_reads(access, reads_by_owner(owners, CATEGORY, lambda _n: described))
    return view


def change_status(
    *, actor: User, space_id: int, commitment_id: int, status: str, reason: str
) -> CommitmentView:
    """Pause, resume, complete or withdraw a commitment; the change and its reason are kept."""
    access = policy.access(actor, space_id)
    access.require_role("repairing")
    commitment = _visible(access, commitment_id)
    policy.lock_space(space_id)  # two writes at once cannot both pass the checks
    current = _status_now(commitment)
    if current in reliability.FINAL_STATUSES:
        raise Conflict(f"This commitment is {current}; that is where its story rests.")
    if current == status:
        raise Conflict(f"This commitment is already {status}.")
    change = Change(
        commitment_id=commitment.id,
        author_id=actor.id,
        status=status,
        reason=reason,
        effective_on=clock.today_in(actor.timezone),
        created_at=utcnow(),
    )
    _record(space_id, change, commitment=commitment)
    view = read.detail(access, commitment)
    publish(
        lambda: events.updated(
            space_id=space_id,
            commitment_id=commitment.id,
            author_id=commitment.author_id,
            actor_id=actor.id,
        )
    )
    return view


def add_check(
    *,
    actor: User,
    space_id: int,
    commitment_id: int,
    period_start: date,
    outcome: str,
    note: str | None,
) -> CheckView:
    """Report how one day or week went; each period is reported once."""
    access = policy.access(actor, space_id)
    access.require_role("repairing")
    commitment = _visible(access, commitment_id)
    policy.lock_space(space_id)  # two writes at once cannot both pass the checks
    status = _status_now(commitment)
    if status in reliability.FINAL_STATUSES:
        raise Conflict(f"This commitment is {status}, so it doesn't take new check-ins.")
    period = _valid_period(commitment, period_start, clock.today_in(actor.timezone))
    check = CommitmentCheck(
        commitment_id=commitment.id,
        period_start=period,
        outcome=outcome,
        note=note,
        created_at=utcnow(),
    )
    _save_once(space_id, check, commitment)
    view = read.check_view(access, check, review=None)
    publish(
        lambda: events.checked(
            space_id=space_id,
            commitment_id=commitment.id,
            author_id=commitment.author_id,
            actor_id=actor.id,
            check_id=view.id,
        )
    )
    return view


def review(
    *,
    actor: User,
    space_id: int,
    commitment_id: int,
    check_id: int,
    verdict: str,
    note: str | None,
) -> CheckReview:
    """Confirm or dispute a check; the newest review is the one that stands."""
    access = policy.access(actor, space_id)
    access.require_role("hurt")
    commitment = _visible(access, commitment_id)
    check = _check_of(commitment, check_id)
    row = CheckReview(
        check_id=check.id, author_id=actor.id, verdict=verdict, note=note, created_at=utcnow()
    )
    _record(space_id, row, commitment=commitment)
    publish(
        lambda: events.reviewed(
            space_id=space_id,
            commitment_id=commitment.id,
            author_id=commitment.author_id,
            check_id=check.id,
            review_id=row.id,
            reviewer_id=actor.id,
        )
    )
    return row


def reply(
    *, actor: User, space_id: int, commitment_id: int, check_id: int, body: str
) -> CheckReply:
    """Reply under a reviewed check, e.g. the repairing partner answering a dispute."""
    access = policy.access(actor, space_id)
    access.require_role(*PARTNER_ROLES)
    commitment = _visible(access, commitment_id)
    check = _check_of(commitment, check_id)
    if db.session.scalar(select(CheckReview.id).where(CheckReview.check_id == check.id)) is None:
        raise Conflict("There is no review of this check to reply to yet.", slug="not-reviewed")
    row = CheckReply(check_id=check.id, author_id=actor.id, body=body, created_at=utcnow())
    db.session.add(row)
    record_service.append(space_id=space_id, row=row)
    announcement = events.updated(
        space_id=space_id,
        commitment_id=commitment.id,
        author_id=commitment.author_id,
        actor_id=actor.id,
    )
    db.session.commit()
    announcement.send()
    return row


def _check_of(commitment: Commitment, check_id: int) -> CommitmentCheck:
    """The commitment's check with this id; NotFound for any other."""
    check = db.session.scalar(
        select(CommitmentCheck).where(
            CommitmentCheck.id == check_id, CommitmentCheck.commitment_id == commitment.id
        )
    )
    if check is None:
        raise NotFound("We couldn't find that check-in.")
    return check


def _record(space_id: int, row: Any, *, commitment: Commitment) -> None:
    """Store a row of the trust record with its ledger entry and the commitment's
    refreshed reliability snapshot, in one commit."""
    db.session.add(row)
    record_service.append(space_id=space_id, row=row)
    snapshots.refresh(commitment)
    db.session.commit()


def _visible(access: policy.Access, commitment_id: int) -> Commitment:
    """The commitment, if it is in the space and the viewer may see it; otherwise NotFound."""
    commitment = db.session.scalar(
        select(Commitment).where(
            Commitment.id == commitment_id, Commitment.space_id == access.space_id
        )
    )
    if commitment is None or not access.can_see(commitment.author_id, CATEGORY):
        raise NotFound(NOT_FOUND)
    return commitment


def _status_now(commitment: Commitment) -> str:
    """The newest status change decides; before any, a commitment is active."""
    newest = db.session.scalar(
        select(Change.status)
        .where(Change.commitment_id == commitment.id)
        .order_by(Change.id.desc())
        .limit(1)
    )
    return newest or "active"


def _valid_period(commitment: Commitment, day: date, today: date) -> date:
    """The start of the period containing day, if that period has begun and is in range."""
    cadence = commitment.cadence
    period = reliability.period_of(day, cadence)
    if period > today:
        unit = "week" if cadence == "weekly" else "day"
        message = f"This {unit} hasn't begun yet; you can check in once it has."
        raise Invalid("period_start", message)
    if period < reliability.period_of(commitment.starts_on, cadence):
        raise Invalid(
            "period_start",
            f"This commitment starts on {commitment.starts_on.isoformat()}; "
            "there is nothing to check in before then.",
        )
    return period


def _save_once(space_id: int, check: CommitmentCheck, commitment: Commitment) -> None:
    """Store a check; a second one for the same period is a conflict, even in a race."""
    taken = "This period already has a check-in. Each period is reported once."
    exists = select(CommitmentCheck.id).where(
        CommitmentCheck.commitment_id == check.commitment_id,
        CommitmentCheck.period_start == check.period_start,
    )
    if db.session.scalar(exists) is not None:
        raise Conflict(taken)
    try:
        _record(space_id, check, commitment=commitment)
    except IntegrityError:
        db.session.rollback()
        raise Conflict(taken) from None
