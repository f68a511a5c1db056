"""What the therapist endpoints accept and return."""

from __future__ import annotations

from marshmallow import fields, validate

from mend.schema import StrictSchema, page_schema


class TherapistNoteIn(StrictSchema):
    """A private note about a couple's work."""

    body = fields.String(required=True, validate=validate.Length(min=1, max=20_000))


class TherapistNoteOut(StrictSchema):
    """A note, as its author sees it."""

    id = fields.Integer(required=True)
    body = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)


TherapistNotePageOut = page_schema(TherapistNoteOut, "TherapistNotePageOut")
