"""What the record endpoints return."""

from __future__ import annotations

from marshmallow import fields

from mend.schema import StrictSchema


class VerificationOut(StrictSchema):
    """Whether the space's history is exactly as it was written."""

    valid = fields.Boolean(required=True)
    entries = fields.Integer(required=True)
    head_hash = fields.String(required=True)
