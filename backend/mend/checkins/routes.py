"""HTTP endpoints for check-ins and the felt-safety trend."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.checkins import service
from mend.checkins.schemas import (
    CheckinIn,
    CheckinOut,
    CheckinPage,
    CheckinQueryArgs,
    TrendArgs,
    TrendOut,
)
from mend.idempotency import idempotent, saved

blp = Blueprint("checkins", __name__, url_prefix="/api/v1", description="Check-ins and trends")


@blp.route("/spaces/<int:space_id>/checkins")
class Checkins(MethodView):
    @blp.arguments(CheckinQueryArgs, location="query")
    @blp.response(200, CheckinPage)
    def get(self, args, space_id):
        """The check-ins you may see, newest first.

        `from` and `to` are days in your own timezone, both included. Scores are
        shared between partners unless one of you stops it; notes are not,
        unless their author chooses to share them.
        """
        return service.list_visible(actor=current_user, space_id=space_id, **args)

    @idempotent
    @blp.arguments(CheckinIn)
    @blp.response(201, CheckinOut)
    def post(self, data, space_id):
        """Check in: how you are today.

        The hurt partner may say how safe they feel (`felt_safety`), or check in in
        words alone (a note or tags) without a number. The
        repairing partner may say how regulated they feel and how safe they think
        their partner feels today (`predicted_safety`). Check in as often as you like.
        """
        return saved(service.create(actor=current_user, space_id=space_id, **data))


@blp.route("/spaces/<int:space_id>/checkins/<int:checkin_id>")
class CheckinDetail(MethodView):
    @blp.response(200, CheckinOut)
    def get(self, space_id, checkin_id):
        """One check-in, if you may see it. Check-ins are never edited or deleted."""
        return service.get_visible(actor=current_user, space_id=space_id, checkin_id=checkin_id)


@blp.route("/spaces/<int:space_id>/trends/safety")
class SafetyTrend(MethodView):
    @blp.arguments(TrendArgs, location="query")
    @blp.response(200, TrendOut)
    def get(self, args, space_id):
        """Felt safety over time, by day or by ISO week, in your timezone.

        Defaults to the last 90 days. Each point has the mean of that bucket and
        the mean of the seven days ending on its last day. `attunement` compares
        the repairing partner's guess with how safe the hurt partner felt, day by
        day, when you may see both partners' check-ins.
        """
        return service.safety_trend(actor=current_user, space_id=space_id, **args)
