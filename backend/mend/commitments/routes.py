"""HTTP endpoints for commitments, their checks and the reviews of those checks.

Nothing here is ever deleted or edited in place: commitments change by status
changes and checks by reviews, so DELETE answers 405.
"""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.commitments import review_queue, service
from mend.commitments.schemas import (
    AwaitingReviewPageOut,
    CheckIn,
    CheckOut,
    CommitmentDetailOut,
    CommitmentIn,
    CommitmentOut,
    CommitmentPageOut,
    CommitmentStatusIn,
    ReplyIn,
    ReplyOut,
    ReviewIn,
    ReviewOut,
)
from mend.idempotency import idempotent, saved
from mend.schema import PageArgs

blp = Blueprint("commitments", __name__, url_prefix="/api/v1", description="Commitments")


@blp.route("/spaces/<int:space_id>/commitments")
class Commitments(MethodView):
    @idempotent
    @blp.arguments(CommitmentIn)
    @blp.response(201, CommitmentOut)
    def post(self, data, space_id):
        """Make a commitment: something you will do, daily, weekly or ongoing."""
        return saved(service.create(actor=current_user, space_id=space_id, **data))

    @blp.arguments(PageArgs, location="query")
    @blp.response(200, CommitmentPageOut)
    def get(self, args, space_id):
        """Commitments you may see, newest first, each with its reliability and streak.

        Reliability is a smoothed score from 0 to 1: each day (or week) moves it
        a little towards 1 when kept, halfway when partly kept, and towards 0
        when missed or not reported once it is over. Paused time leaves it as
        it was; a disputed check counts as partly kept at most.
        """
        return service.list_visible(actor=current_user, space_id=space_id, **args)


@blp.route("/spaces/<int:space_id>/commitments/<int:commitment_id>")
class CommitmentDetail(MethodView):
    @blp.response(200, CommitmentDetailOut)
    def get(self, space_id, commitment_id):
        """A commitment with all its checks (newest first) and its status history."""
        return service.get_visible(
            actor=current_user, space_id=space_id, commitment_id=commitment_id
        )

    @idempotent
    @blp.arguments(CommitmentStatusIn)
    @blp.response(200, CommitmentDetailOut)
    def patch(self, data, space_id, commitment_id):
        """Pause, resume, complete or withdraw a commitment, saying why. History is kept."""
        return saved(
            service.change_status(
                actor=current_user, space_id=space_id, commitment_id=commitment_id, **data
            )
        )


@blp.route("/spaces/<int:space_id>/commitments/<int:commitment_id>/checks")
class Checks(MethodView):
    @idempotent
    @blp.arguments(CheckIn)
    @blp.response(201, CheckOut)
    def post(self, data, space_id, commitment_id):
        """Report how a day (or a week) went: kept, partly kept, or missed. Once per period."""
        return saved(
            service.add_check(
                actor=current_user, space_id=space_id, commitment_id=commitment_id, **data
            )
        )


@blp.route("/spaces/<int:space_id>/commitments/<int:commitment_id>/checks/<int:check_id>/review")
class Review(MethodView):
    @idempotent
    @blp.arguments(ReviewIn)
    @blp.response(201, ReviewOut)
    def post(self, data, space_id, commitment_id, check_id):
        """Confirm or dispute a check. Your partner sees a dispute too."""
        return saved(
            service.review(
                actor=current_user,
                space_id=space_id,
                commitment_id=commitment_id,
                check_id=check_id,
                **data,
            )
        )


@blp.route("/spaces/<int:space_id>/commitments/<int:commitment_id>/checks/<int:check_id>/replies")
class Replies(MethodView):
    @idempotent
    @blp.arguments(ReplyIn)
    @blp.response(201, ReplyOut)
    def post(self, data, space_id, commitment_id, check_id):
        """Reply under a reviewed check (partners), e.g. answer a dispute; nothing else changes."""
        return saved(
            service.reply(
                actor=current_user,
                space_id=space_id,
                commitment_id=commitment_id,
                check_id=check_id,
                **data,
            )
        )


@blp.route("/spaces/<int:space_id>/checks/awaiting-review")
class AwaitingReview(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, AwaitingReviewPageOut)
    def get(self, args, space_id):
        """For the hurt partner: reports on commitments nobody has reviewed yet, newest first.

        Reviewing is optional; a confirmed or disputed report leaves this list.
        """
        return review_queue.awaiting_review(actor=current_user, space_id=space_id, **args)
