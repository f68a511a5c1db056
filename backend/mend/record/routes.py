"""HTTP endpoints for the record as a whole."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.record import service
from mend.record.schemas import VerificationOut

blp = Blueprint("record", __name__, url_prefix="/api/v1", description="The tamper-evident record")


@blp.route("/spaces/<int:space_id>/record/verify")
class Verify(MethodView):
    @blp.response(200, VerificationOut)
    def get(self, space_id):
        """Recompute the hash chain: has any of this space's history been rewritten?"""
        return service.verify(actor=current_user, space_id=space_id)
