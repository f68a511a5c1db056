"""Read-side views of commitments: status, reliability and streak as one viewer may see them.

Everything for a page of commitments is loaded together, in a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, and_, or_, select

from mend import clock, policy
from mend.commitments import reliability, snapshots
from mend.commitments.history import (
    by_commitment,
    history_rows,
    newest_reviews,
    replies_of,
    reviews_of,
)
from mend.commitments.models import (
    CheckReply,
    CheckReview,
    Commitment,
    CommitmentCheck,
    CommitmentStatusChange,
)
from mend.extensions import db

CATEGORY = "commitments"
Change = CommitmentStatusChange
CHECK_FIELDS = ("id", "commitment_id", "period_start", "outcome", "note", "created_at")
COMMITMENT_FIELDS = (
    "id", "space_id", "author_id", "title", "description", "cadence", "starts_on", "created_at"
)  # fmt: skip


@dataclass(frozen=True)
class CheckView:
    """A check as the viewer sees it: `review` is the newest one, if they may see it."""

    ledger_kind: ClassVar[str] = "commitment_check"  # names the saved row to idempotency
    id: int
    commitment_id: int
    period_start: date
    outcome: str
    note: str | None
    created_at: datetime
    review: CheckReview | None
    replies: tuple[CheckReply, ...] = ()


@dataclass(frozen=True)
class CommitmentView:
    """A commitment with what its history says now: status, reliability, streak."""

    ledger_kind: ClassVar[str] = "commitment"  # names the saved row to idempotency
    id: int
    space_id: int
    author_id: int | None
    title: str
    description: str | None
    cadence: str
    starts_on: date
    created_at: datetime
    status: str
    reliability: float
    streak: int
    current_check: CheckView | None
    checks: list[CheckView] = field(default_factory=list)
    status_history: list[CommitmentStatusChange] = field(default_factory=list)


def summaries(access: policy.Access, commitments: list[Commitment]) -> list[CommitmentView]:
    """Each commitment with its status, reliability, streak and current check.

    Reliability resumes from each commitment's snapshot (see `snapshots`), so
    a fixed number of queries serves any number of commitments and checks.
    """
    if not commitments:
        return []
    ids = [c.id for c in commitments]
    changes = by_commitment(history_rows(Change, ids, Change.effective_on, Change.status))
    folded, _built = snapshots.load_or_build(commitments)
    days = {c.id: _author_today(access, c) for c in commitments}
    current_checks = check_views(access, _in_current_period(commitments, days))
    current = {check.commitment_id: check for check in current_checks}
    return [
        _view(
            commitment,
            changes[commitment.id],
            _reliability(access, commitment, days[commitment.id], changes[commitment.id], folded),
            current.get(commitment.id),
        )
        for commitment in commitments
    ]


def _reliability(
    access: policy.Access,
    commitment: Commitment,
    today: date,
    changes: list[Any],
    folded: dict[int, snapshots.Snapshot],
) -> reliability.Reliability:
    """Resumed from the snapshot; disputes count only for a viewer who may see them (consent
    rule 7). Only the hurt partner reviews, so a viewer sees all of them or none."""
    snapshot = folded[commitment.id]
    reviewers = {reviewer for _day, reviewer in snapshots.standing_disputes(snapshot)}
    counting = all(access.sees_writing_of(reviewer, CATEGORY) for reviewer in reviewers)
    return snapshots.reliability_on(
        commitment,
        snapshot,
        today=today,
        status_changes=[(c.effective_on, c.status) for c in changes],
        counting_disputes=counting,
    )


def _in_current_period(commitments: list[Commitment], days: dict[int, date]) -> ColumnElement[bool]:
    """Checks for each commitment's current period (a day or a week, its author's)."""
    return or_(
        *(
            and_(
                CommitmentCheck.commitment_id == c.id,
                CommitmentCheck.period_start == reliability.period_of(days[c.id], c.cadence),
            )
            for c in commitments
        )
    )


def detail(access: policy.Access, commitment: Commitment) -> CommitmentView:
    """The summary plus every check and the whole status history."""
    summary = summaries(access, [commitment])[0]
    history = db.session.scalars(
        select(Change).where(Change.commitment_id == commitment.id).order_by(Change.id)
    )
    return replace(
        summary,
        checks=check_views(access, CommitmentCheck.commitment_id == commitment.id),
        status_history=list(history),
    )


def check_views(access: policy.Access, condition: ColumnElement[bool]) -> list[CheckView]:
    """Checks matching condition, newest period first, each with its visible review and the
    replies the viewer may read (each follows its author's grant, rule 7)."""
    checks = db.session.scalars(
        select(CommitmentCheck).where(condition).order_by(CommitmentCheck.period_start.desc())
    ).all()
    reviews = newest_reviews(db.session.scalars(reviews_of(condition, CheckReview)))
    replies: dict[int, list[CheckReply]] = {}
    for reply in db.session.scalars(replies_of(condition)):
        if access.sees_writing_of(reply.author_id, CATEGORY):
            replies.setdefault(reply.check_id, []).append(reply)
    return [
        check_view(access, check, review=reviews.get(check.id), replies=replies.get(check.id, []))
        for check in checks
    ]


def check_view(
    access: policy.Access, check: CommitmentCheck, *, review: Any, replies: Any = ()
) -> CheckView:
    """One check as the viewer may see it."""
    visible = review is not None and access.sees_writing_of(review.author_id, CATEGORY)
    copied = {name: getattr(check, name) for name in CHECK_FIELDS}
    return CheckView(**copied, review=review if visible else None, replies=tuple(replies))


def _disputed(access: policy.Access, review: Any) -> bool:
    """A dispute lowers the score only for those who may see it (consent rule 7)."""
    return (
        review is not None
        and review.verdict == "disputed"
        and access.sees_writing_of(review.author_id, CATEGORY)
    )


def _author_today(access: policy.Access, commitment: Commitment) -> date:
    """Today where the commitment's author lives: their days are the periods."""
    member = access.members.get(commitment.author_id) if commitment.author_id else None
    return clock.today_in(member.user.timezone if member else "UTC")


def _view(
    commitment: Commitment,
    changes: list[Any],
    result: reliability.Reliability,
    current_check: CheckView | None = None,
) -> CommitmentView:
    return CommitmentView(
        **{name: getattr(commitment, name) for name in COMMITMENT_FIELDS},
        status=changes[-1].status if changes else "active",
        reliability=result.score,
        streak=result.streak,
        current_check=current_check,
    )
