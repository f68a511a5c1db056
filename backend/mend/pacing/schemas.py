"""What the pacing endpoints accept and return."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from mend.database import MAX_ID
from mend.schema import StrictBoolean, StrictSchema


class PacingIn(StrictSchema):
    """Whether new disclosures wait until you choose to read them."""

    hold_disclosures = StrictBoolean(required=True)


class PacingOut(StrictSchema):
    """Your pacing choice, and which disclosures are waiting for you (ids only)."""

    hold_disclosures = fields.Boolean(required=True)
    held = fields.List(fields.Integer(), required=True)


class ReleaseIn(StrictSchema):
    """Release one held disclosure by id, or all of them."""

    disclosure_id = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID))
    release_all = StrictBoolean(data_key="all")

    @validates_schema
    def _one_or_all(self, data: dict[str, Any], **_kwargs: object) -> None:
        one = "disclosure_id" in data
        every = data.get("release_all") is True
        if one == every:
            message = "Choose one disclosure to release, or all of them."
            raise ValidationError({"disclosure_id": [message], "all": [message]})
