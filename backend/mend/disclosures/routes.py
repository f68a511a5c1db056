"""HTTP endpoints for disclosures."""

from __future__ import annotations

from flask_smorest import Blueprint

blp = Blueprint("disclosures", __name__, url_prefix="/api/v1", description="Disclosures")
