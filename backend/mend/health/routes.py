"""GET /api/v1/health: is this process up and can it reach its database?"""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields
from sqlalchemy import text

from mend.extensions import db
from mend.schema import StrictSchema
from mend.security import public

blp = Blueprint("health", __name__, url_prefix="/api/v1", description="Health checks")


class HealthOut(StrictSchema):
    """The process is up and its database answered."""

    status = fields.String(required=True)


@blp.route("/health")
@public
class Health(MethodView):
    @blp.response(200, HealthOut)
    def get(self):
        """Ready when the database answers; 503 problem details otherwise."""
        db.session.execute(text("SELECT 1"))
        return {"status": "ok"}
