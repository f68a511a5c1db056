"""What the session-prep report endpoint accepts: the days to cover and the format."""

from __future__ import annotations

from datetime import date

from marshmallow import ValidationError, fields, validate

from mend.schema import StrictSchema

FORMATS = ("html", "csv")
EARLIEST_DAY, LATEST_DAY = date(1970, 1, 1), date(2999, 12, 31)


def _supported_day(value: date) -> None:
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValidationError("Please choose a date between 1970 and 2999.")


class DayRangeArgs(StrictSchema):
    """A range of days, `from` and `to` inclusive, in your timezone."""

    first = fields.Date(
        data_key="from",
        load_default=None,
        validate=_supported_day,
        metadata={"description": "First day, inclusive (YYYY-MM-DD). Default: see the endpoint."},
    )
    last = fields.Date(
        data_key="to",
        load_default=None,
        validate=_supported_day,
        metadata={"description": "Last day, inclusive (YYYY-MM-DD). Default: today."},
    )


class ReportArgs(DayRangeArgs):
    """The days to cover (inclusive, in your timezone; the 28 days up to `to` unless told)
    and the format to write them in."""

    since = fields.String(
        load_default=None,
        validate=validate.OneOf(
            ["last-session"], error="The only choice here is last-session (since the last session)."
        ),
        metadata={
            "description": "`last-session`: start on the day of your latest note for this "
            "couple (instead of `from`); the default range if you have written none yet."
        },
    )
    output = fields.String(
        data_key="format",
        load_default="html",
        validate=validate.OneOf(FORMATS),
        metadata={"description": "`html` (a printable page, the default) or `csv`."},
    )
