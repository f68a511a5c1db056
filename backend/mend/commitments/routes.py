"""HTTP endpoints for commitments."""

from __future__ import annotations

from flask_smorest import Blueprint

blp = Blueprint("commitments", __name__, url_prefix="/api/v1", description="Commitments")
