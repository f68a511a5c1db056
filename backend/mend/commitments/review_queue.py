"""The hurt partner's list of commitment reports still waiting for their review, paged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from mend import policy
from mend.auth.models import User
from mend.commitments.models import CheckReview, Commitment, CommitmentCheck
from mend.pagination import Page, paginate


@dataclass(frozen=True)
class AwaitingReview:
    """A reported check nobody has confirmed or disputed, with its commitment's title."""

    id: int
    commitment_id: int
    commitment_title: str
    cadence: str
    period_start: date
    outcome: str
    note: str | None
    created_at: datetime
    review: None = None
    replies: tuple[()] = ()


def awaiting_review(
    *, actor: User, space_id: int, limit: int, before: int | None
) -> Page[AwaitingReview]:
    """Checks without any review, newest report first, of commitments the actor may see."""
    access = policy.access(actor, space_id)
    authors = policy.checks_to_review_from(access)
    reviewed = select(CheckReview.id).where(CheckReview.check_id == CommitmentCheck.id)
    query = (
        select(
            CommitmentCheck.id,
            CommitmentCheck.commitment_id,
            Commitment.title.label("commitment_title"),
            Commitment.cadence,
            CommitmentCheck.period_start,
            CommitmentCheck.outcome,
            CommitmentCheck.note,
            CommitmentCheck.created_at,
        )
        .join(Commitment, Commitment.id == CommitmentCheck.commitment_id)
        .where(
            Commitment.space_id == space_id,
            Commitment.author_id.in_(authors),
            ~reviewed.exists(),
        )
    )
    page = paginate(query, CommitmentCheck.id, limit=limit, before=before)
    items = [AwaitingReview(**row._asdict()) for row in page.items]
    return Page(items=items, next_before=page.next_before)
