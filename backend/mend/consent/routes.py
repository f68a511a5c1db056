"""HTTP endpoints for consent."""

from __future__ import annotations

from flask_smorest import Blueprint

blp = Blueprint("consent", __name__, url_prefix="/api/v1", description="Consent")
