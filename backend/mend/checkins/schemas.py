"""What the check-in and trend endpoints accept and return."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from mend.checkins.trends import BUCKETS, RANGE_ORDER_MESSAGE
from mend.database import MAX_ID
from mend.schema import PageArgs, StrictBoolean, StrictSchema, page_schema
from mend.spaces.models import PARTNER_ROLES

MAX_NOTE_LENGTH = 5000
MAX_TAGS = 10
MAX_TAG_LENGTH = 32
EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2999, 12, 31)


def _score(description: str) -> fields.Integer:
    """A 0-10 score: a JSON integer, never "3", 3.5 or true."""
    return fields.Integer(
        strict=True,
        load_default=None,
        validate=validate.Range(min=0, max=10, error="Please choose a number from 0 to 10."),
        metadata={"description": description},
    )


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ValidationError("A tag needs at least one letter or number.")


def _supported_day(value: date) -> None:
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValidationError("Please choose a date between 1970 and 2999.")


def _day(name: str, description: str) -> fields.Date:
    """An ISO date in the query string, read in the caller's own timezone."""
    return fields.Date(
        data_key=name,
        load_default=None,
        validate=_supported_day,
        metadata={"description": description},
    )


class CheckinIn(StrictSchema):
    """A new check-in. The hurt partner rates felt safety; the repairing partner may
    guess how safe their partner feels (predicted safety) and say how regulated they are."""

    felt_safety = _score(
        "How safe you feel today, 0-10: the hurt partner's to give, or to skip (words alone are "
        "a check-in too). Refused from the repairing partner."
    )
    regulation = _score("How settled and regulated you feel, 0-10.")
    predicted_safety = _score(
        "How safe do you think your partner feels today, 0-10? From the repairing partner only."
    )
    note = fields.String(
        load_default=None,
        validate=validate.Length(max=MAX_NOTE_LENGTH),
        metadata={"description": "In your own words. Not shared with your partner by default."},
    )
    note_private = StrictBoolean(
        load_default=False,
        metadata={"description": "Keep the note to yourself, whatever you share with others."},
    )
    tags = fields.List(
        fields.String(validate=[validate.Length(min=1, max=MAX_TAG_LENGTH), _not_blank]),
        load_default=list,
        validate=validate.Length(max=MAX_TAGS, error=f"Please use at most {MAX_TAGS} tags."),
    )

    @post_load
    def _normalise(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        if data["note"] is not None and not data["note"].strip():
            data["note"] = None
        data["tags"] = list(dict.fromkeys(tag.strip() for tag in data["tags"]))
        return data


class CheckinOut(StrictSchema):
    """A check-in as the caller may see it. `note` is null unless the caller may read it
    (`checkin_notes`, and private notes only by their author); `note_private` is shown
    only to the author. Tags travel with the scores (`checkins`)."""

    id = fields.Integer(required=True)
    space_id = fields.Integer(required=True)
    author_id = fields.Integer(required=True, allow_none=True)
    author_role = fields.String(
        required=True, allow_none=True, validate=validate.OneOf(PARTNER_ROLES)
    )
    felt_safety = fields.Integer(required=True, allow_none=True)
    regulation = fields.Integer(required=True, allow_none=True)
    predicted_safety = fields.Integer(required=True, allow_none=True)
    note = fields.String(required=True, allow_none=True)
    note_private = fields.Boolean(required=True, allow_none=True)
    tags = fields.List(fields.String(), required=True)
    created_at = fields.AwareDateTime(required=True)


CheckinPage = page_schema(CheckinOut, "CheckinPage")


class _DayRangeArgs(StrictSchema):
    """`from` and `to`: inclusive local days in the caller's timezone."""

    first = _day("from", "First day, inclusive (YYYY-MM-DD, in your timezone).")
    last = _day("to", "Last day, inclusive (YYYY-MM-DD, in your timezone).")

    @validates_schema
    def _in_order(self, data: dict[str, Any], **_kwargs: object) -> None:
        if data.get("first") and data.get("last") and data["first"] > data["last"]:
            raise ValidationError(RANGE_ORDER_MESSAGE, "from")


class CheckinQueryArgs(PageArgs, _DayRangeArgs):
    """Which check-ins to list: a range of days, one author, and a page."""

    author_id = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, max=MAX_ID),
        metadata={"description": "Only this member's check-ins."},
    )


class TrendArgs(_DayRangeArgs):
    """The range and bucket of the felt-safety trend (defaults: the last 90 days, by day)."""

    bucket = fields.String(load_default="day", validate=validate.OneOf(BUCKETS))


class PointOut(StrictSchema):
    """One day or ISO week (starting Monday) of felt safety."""

    start = fields.Date(required=True)
    mean = fields.Float(required=True, allow_none=True)
    count = fields.Integer(required=True)
    rolling_mean_7d = fields.Float(required=True, allow_none=True)


class AttunementOut(StrictSchema):
    """One day with both scores: predicted minus felt (positive: guessed safer than it felt)."""

    date = fields.Date(required=True)
    predicted = fields.Float(required=True)
    felt = fields.Float(required=True)
    difference = fields.Float(required=True)


class TrendOut(StrictSchema):
    """Felt safety over time in the caller's timezone, oldest bucket first. `attunement` is
    null unless the caller may see both partners' check-ins."""

    bucket = fields.String(required=True, validate=validate.OneOf(BUCKETS))
    first = fields.Date(data_key="from", required=True)
    last = fields.Date(data_key="to", required=True)
    timezone = fields.String(required=True)
    points = fields.List(fields.Nested(PointOut), required=True)
    attunement = fields.List(fields.Nested(AttunementOut), required=True, allow_none=True)
