"""Live events for commitments, each rendered for its recipient as the REST API would show it."""

from __future__ import annotations

from mend import policy
from mend.commitments.models import CheckReview, Commitment, CommitmentCheck
from mend.commitments.schemas import CheckOut, CommitmentDetailOut, CommitmentOut, ReviewOut
from mend.commitments.views import check_view, detail, summaries
from mend.extensions import db
from mend.live.publish import publish

# One instance each: building a schema costs more than dumping one record.
CHECK_OUT = CheckOut()
COMMITMENT_DETAIL_OUT = CommitmentDetailOut()
COMMITMENT_OUT = CommitmentOut()
REVIEW_OUT = ReviewOut()

CATEGORY = "commitments"


def _commitment_for(access: policy.Access, commitment_id: int) -> Commitment | None:
    commitment = db.session.get(Commitment, commitment_id)
    if commitment is None or not access.can_see(commitment.author_id, CATEGORY):
        return None
    return commitment


def created(*, space_id: int, commitment_id: int) -> None:
    """commitment.created: the commitment as its list shows it."""

    def render(access: policy.Access) -> dict | None:
        commitment = _commitment_for(access, commitment_id)
        return (
            None if commitment is None else COMMITMENT_OUT.dump(summaries(access, [commitment])[0])
        )

    publish("commitment.created", space_id=space_id, render=render)


def updated(*, space_id: int, commitment_id: int) -> None:
    """commitment.updated: the detail after a status change."""

    def render(access: policy.Access) -> dict | None:
        commitment = _commitment_for(access, commitment_id)
        return (
            None if commitment is None else COMMITMENT_DETAIL_OUT.dump(detail(access, commitment))
        )

    publish("commitment.updated", space_id=space_id, render=render)


def checked(*, space_id: int, commitment_id: int, check_id: int) -> None:
    """commitment.checked: the new check."""

    def render(access: policy.Access) -> dict | None:
        check = db.session.get(CommitmentCheck, check_id)
        if _commitment_for(access, commitment_id) is None or check is None:
            return None
        return CHECK_OUT.dump(check_view(access, check, review=None))

    publish("commitment.checked", space_id=space_id, render=render)


def reviewed(*, space_id: int, commitment_id: int, review_id: int) -> None:
    """commitment.reviewed: the review, to those who may see the reviewer's `commitments`."""

    def render(access: policy.Access) -> dict | None:
        review = db.session.get(CheckReview, review_id)
        if _commitment_for(access, commitment_id) is None or review is None:
            return None
        if not access.sees_writing_of(review.author_id, CATEGORY):
            return None
        return REVIEW_OUT.dump(review)

    publish("commitment.reviewed", space_id=space_id, render=render)
