"""HTTP endpoints for pacing (hurt partner only)."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.pacing import service
from mend.pacing.schemas import PacingIn, PacingOut, ReleaseIn

blp = Blueprint("pacing", __name__, url_prefix="/api/v1", description="Pacing")


@blp.route("/spaces/<int:space_id>/pacing")
class PacingChoice(MethodView):
    @blp.response(200, PacingOut)
    def get(self, space_id):
        """Whether new disclosures wait for you, and which are waiting (hurt partner)."""
        return service.get(actor=current_user, space_id=space_id)

    @blp.arguments(PacingIn)
    @blp.response(200, PacingOut)
    def put(self, data, space_id):
        """Hold new disclosures until you choose to read them, or stop holding them."""
        return service.update(actor=current_user, space_id=space_id, **data)


@blp.route("/spaces/<int:space_id>/pacing/release")
class Release(MethodView):
    @blp.arguments(ReleaseIn)
    @blp.response(200, PacingOut)
    def post(self, data, space_id):
        """Show one held disclosure, or all of them; nobody is told when."""
        return service.release(actor=current_user, space_id=space_id, **data)
