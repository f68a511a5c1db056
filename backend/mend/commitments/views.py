"""Read-side views of commitments: status, reliability and streak as one viewer may see them.

Everything for a page of commitments is loaded together, in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Result, Select, select

from mend import clock, policy
from mend.commitments import reliability
from mend.commitments.models import CheckReview, Commitment, CommitmentCheck, CommitmentStatusChange
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

    id: int
    commitment_id: int
    period_start: date
    outcome: str
    note: str | None
    created_at: datetime
    review: CheckReview | None


@dataclass(frozen=True)
class CommitmentView:
    """A commitment with what its history says now: status, reliability, streak."""

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

    The history of all of them is loaded together, in a fixed number of queries.
    """
    ids = [c.id for c in commitments]
    changes = _group(_rows(Change, ids, Change.effective_on, Change.status))
    checks: defaultdict[int, list[tuple[int, date, str]]] = defaultdict(list)
    check_rows = _rows(CommitmentCheck, ids, CommitmentCheck.period_start, CommitmentCheck.outcome)
    for check_id, commitment_id, period, outcome in check_rows:
        checks[commitment_id].append((check_id, period, outcome))
    verdicts = _reviews_of(
        CommitmentCheck.commitment_id.in_(ids),
        *(CheckReview.check_id, CheckReview.verdict, CheckReview.author_id),
    )
    reviews = _newest(db.session.execute(verdicts))
    views, current_ids = [], []
    for commitment in commitments:
        view, current_id = _summary(
            access, commitment, changes[commitment.id], checks[commitment.id], reviews
        )
        views.append(view)
        current_ids += [current_id] if current_id is not None else []
    current_checks = check_views(access, CommitmentCheck.id.in_(current_ids))
    by_commitment = {check.commitment_id: check for check in current_checks}
    return [replace(view, current_check=by_commitment.get(view.id)) for view in views]


def _summary(
    access: policy.Access,
    commitment: Commitment,
    changes: list[Any],
    checks: list[Any],
    reviews: dict[int, Any],
) -> tuple[CommitmentView, int | None]:
    """One commitment's view, and the id of its current period's check if it has one."""
    today = _author_today(access, commitment)
    disputed = {check_id for check_id, review in reviews.items() if _disputed(access, review)}
    result = reliability.compute(
        cadence=commitment.cadence,
        starts_on=commitment.starts_on,
        today=today,
        checks={period: (outcome, check_id in disputed) for check_id, period, outcome in checks},
        status_changes=[(c.effective_on, c.status) for c in changes],
    )
    current = reliability.period_of(today, commitment.cadence)
    current_id = next((check_id for check_id, period, _ in checks if period == current), None)
    return _view(commitment, changes, result), current_id


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


def _rows(model: Any, ids: list[int], *columns: Any) -> Result[Any]:
    """Only the columns reliability needs, for every row of the given commitments."""
    return db.session.execute(
        select(model.id, model.commitment_id, *columns)
        .where(model.commitment_id.in_(ids))
        .order_by(model.id)
    )


def _group(rows: Iterable[Any]) -> defaultdict[int, list[Any]]:
    grouped: defaultdict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.commitment_id].append(row)
    return grouped


def _reviews_of(condition: ColumnElement[bool], *entities: Any) -> Select[Any]:
    """Reviews of the checks matching condition, oldest first."""
    return (
        select(*entities)
        .join(CommitmentCheck, CommitmentCheck.id == CheckReview.check_id)
        .where(condition)
        .order_by(CheckReview.id)
    )


def _newest(reviews: Iterable[Any]) -> dict[int, Any]:
    """The newest review of each check: later rows overwrite earlier ones."""
    return {review.check_id: review for review in reviews}


def check_views(access: policy.Access, condition: ColumnElement[bool]) -> list[CheckView]:
    """Checks matching condition, newest period first, each with its visible review."""
    checks = db.session.scalars(
        select(CommitmentCheck).where(condition).order_by(CommitmentCheck.period_start.desc())
    ).all()
    reviews = _newest(db.session.scalars(_reviews_of(condition, CheckReview)))
    return [check_view(access, check, review=reviews.get(check.id)) for check in checks]


def check_view(access: policy.Access, check: CommitmentCheck, *, review: Any) -> CheckView:
    visible = review is not None and access.can_see(review.author_id, CATEGORY)
    copied = {name: getattr(check, name) for name in CHECK_FIELDS}
    return CheckView(**copied, review=review if visible else None)


def _disputed(access: policy.Access, review: Any) -> bool:
    """A dispute lowers the score only for those who may see it (consent rule 7)."""
    return (
        review is not None
        and review.verdict == "disputed"
        and access.can_see(review.author_id, CATEGORY)
    )


def _author_today(access: policy.Access, commitment: Commitment) -> date:
    """Today where the commitment's author lives: their days are the periods."""
    member = access.members.get(commitment.author_id) if commitment.author_id else None
    return clock.today_in(member.user.timezone if member else "UTC")


def _view(
    commitment: Commitment, changes: list[Any], result: reliability.Reliability
) -> CommitmentView:
    return CommitmentView(
        **{name: getattr(commitment, name) for name in COMMITMENT_FIELDS},
        status=changes[-1].status if changes else "active",
        reliability=result.score,
        streak=result.streak,
        current_check=None,
    )
