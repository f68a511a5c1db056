"""HTTP endpoints for checkins."""

from __future__ import annotations

from flask_smorest import Blueprint

blp = Blueprint("checkins", __name__, url_prefix="/api/v1", description="Checkins")
