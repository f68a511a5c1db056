"""HTTP endpoints for record."""

from __future__ import annotations

from flask_smorest import Blueprint

blp = Blueprint("record", __name__, url_prefix="/api/v1", description="Record")
