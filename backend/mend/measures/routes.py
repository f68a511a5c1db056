"""HTTP endpoints for questionnaires (measurement-based care)."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.idempotency import idempotent, saved
from mend.measures import service
from mend.measures.schemas import (
    InstrumentOut,
    MeasureResponseIn,
    MeasureResponseOut,
    MeasureScheduleArgs,
    MeasureScheduleIn,
    MeasureScheduleOut,
    MeasuresOut,
)

blp = Blueprint("measures", __name__, url_prefix="/api/v1", description="Questionnaires")


@blp.route("/measures")
class Instruments(MethodView):
    @blp.response(200, InstrumentOut(many=True))
    def get(self):
        """The questionnaires Mend offers, with their items, scoring, cut-off and sources."""
        return service.list_instruments()


@blp.route("/spaces/<int:space_id>/measures/<string:instrument_id>/responses")
class Responses(MethodView):
    @idempotent
    @blp.arguments(MeasureResponseIn)
    @blp.response(201, MeasureResponseOut)
    def post(self, data, space_id, instrument_id):
        """Answer a questionnaire (partners). Scored on the server; shared with no one
        unless you choose to share `measures`."""
        return saved(
            service.respond(
                actor=current_user, space_id=space_id, instrument_id=instrument_id, **data
            )
        )


@blp.route("/spaces/<int:space_id>/measures")
class Series(MethodView):
    @blp.response(200, MeasuresOut)
    def get(self, space_id):
        """The questionnaire series you may see, and which questionnaires are due for you."""
        return service.list_visible(actor=current_user, space_id=space_id)


@blp.route("/spaces/<int:space_id>/measures/<string:instrument_id>/schedule")
class Schedule(MethodView):
    @blp.arguments(MeasureScheduleIn)
    @blp.response(200, MeasureScheduleOut)
    def put(self, data, space_id, instrument_id):
        """How often a questionnaire is offered (every 1-8 weeks): partners for themselves,
        therapists for a partner who shares their questionnaires with them."""
        return service.set_schedule(
            actor=current_user, space_id=space_id, instrument_id=instrument_id, **data
        )

    @blp.arguments(MeasureScheduleArgs, location="query")
    @blp.response(204)
    def delete(self, args, space_id, instrument_id):
        """Stop offering a questionnaire on a schedule."""
        service.stop_schedule(
            actor=current_user, space_id=space_id, instrument_id=instrument_id, **args
        )
