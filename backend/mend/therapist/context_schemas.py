"""What the couple-context endpoint accepts and returns."""

from __future__ import annotations

from marshmallow import fields, validate

from mend.consent.models import CATEGORIES
from mend.schema import StrictSchema
from mend.therapist.report.schemas import DayRangeArgs


class ContextArgs(DayRangeArgs):
    """The chart's days (inclusive, in your timezone); the 182 days up to `to` unless told."""


class DisclosureDayOut(StrictSchema):
    """A day on which disclosures were logged (first written) or amended."""

    day = fields.Date(required=True)
    disclosed = fields.Integer(required=True)
    amended = fields.Integer(required=True)


class StoppedSharingOut(StrictSchema):
    """A partner who no longer shares a category with you, and since when."""

    user_id = fields.Integer(required=True)
    role = fields.String(required=True)
    display_name = fields.String(required=True)
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    on = fields.AwareDateTime(required=True)
    expired = fields.Boolean(
        required=True,
        metadata={"description": "True when a time-limited grant ran out, false when revoked."},
    )


class CoupleContextOut(StrictSchema):
    """Context around a couple's charts; a null field is one its owner has not shared."""

    first = fields.Date(required=True, data_key="from")
    last = fields.Date(required=True, data_key="to")
    disclosure_days = fields.List(
        fields.Nested(DisclosureDayOut),
        required=True,
        allow_none=True,
        metadata={"description": "Null unless the repairing partner shares disclosures."},
    )
    not_taken_in = fields.Integer(
        required=True,
        allow_none=True,
        metadata={
            "description": "Disclosures (as they read now) the hurt partner has not said they "
            "have taken in; null unless both partners share disclosures with you."
        },
    )
    stopped_sharing = fields.List(fields.Nested(StoppedSharingOut), required=True)
