"""HTTP endpoints for consent: the overview, one grant, and stop-all."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.consent import access_log, read, service
from mend.consent.schemas import AccessLogPageOut, ConsentIn, ConsentsOut, GivenOut
from mend.schema import PageArgs

blp = Blueprint("consent", __name__, url_prefix="/api/v1", description="Consent and sharing")


@blp.route("/spaces/<int:space_id>/consents")
class Consents(MethodView):
    @blp.response(200, ConsentsOut)
    def get(self, space_id):
        """What you share with whom, what others share with you, and every change."""
        return read.overview(actor=current_user, space_id=space_id)


@blp.route("/spaces/<int:space_id>/consents/<int:viewer_id>/<string:category>")
class Consent(MethodView):
    @blp.arguments(ConsentIn)
    @blp.response(200, GivenOut)
    def put(self, data, space_id, viewer_id, category):
        """Share or stop sharing one category of your data with one person. Works at once."""
        return service.grant(
            actor=current_user, space_id=space_id, viewer_id=viewer_id, category=category, **data
        )


@blp.route("/spaces/<int:space_id>/consents/stop-all")
class StopAll(MethodView):
    @blp.response(200, ConsentsOut)
    def post(self, space_id):
        """Stop sharing everything you can stop sharing in this space, in one step."""
        return service.stop_all(actor=current_user, space_id=space_id)


@blp.route("/spaces/<int:space_id>/access-log")
class AccessLog(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, AccessLogPageOut)
    def get(self, args, space_id):
        """Who has read which of your data, and when (therapist reads are always logged)."""
        return access_log.list_mine(actor=current_user, space_id=space_id, **args)
