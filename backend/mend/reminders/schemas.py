"""What the reminder endpoints accept and return."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import fields, validate

from mend.reminders.schedule import DAYS
from mend.schema import StrictBoolean, StrictSchema

HH_MM = validate.Regexp(
    re.compile(r"^([01]\d|2[0-3]):[0-5]\d$"), error="Please give a time as HH:MM, like 19:30."
)
CHANNELS = ("email", "push")
MUTE_DAYS = (1, 30)
DIGEST_OFF = {"enabled": False, "day": "mon", "time": "08:00"}


def _time(**kwargs: Any) -> fields.String:
    return fields.String(validate=HH_MM, **kwargs)


class SlotSchema(StrictSchema):
    """A timed reminder: on or off, at what local time, on which days."""

    enabled = StrictBoolean(required=True)
    time = _time(required=True)
    days = fields.List(
        fields.String(validate=validate.OneOf(DAYS, error="Choose days among: {choices}.")),
        required=True,
    )


class ActivitySchema(StrictSchema):
    """Notices that something new is in your space: on or off, and muted until a moment."""

    enabled = StrictBoolean(required=True)
    muted_until = fields.AwareDateTime(load_default=None, allow_none=True)


class DigestSchema(StrictSchema):
    """A therapist's weekly digest: on or off, on which day, at what local time."""

    enabled = StrictBoolean(required=True)
    day = fields.String(
        required=True, validate=validate.OneOf(DAYS, error="Choose a day among: {choices}.")
    )
    time = _time(required=True)


class MuteIn(StrictSchema):
    """Mute activity notices for a number of days, from now."""

    days = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(
            min=MUTE_DAYS[0], max=MUTE_DAYS[1], error="Please choose from 1 to 30 days."
        ),
    )


class QuietHoursSchema(StrictSchema):
    """No reminder between these local times (they may wrap past midnight)."""

    from_ = _time(required=True, data_key="from", attribute="from")
    to = _time(required=True)


class RemindersIn(StrictSchema):
    """Every reminder choice at once; times are in your own timezone."""

    checkin = fields.Nested(SlotSchema, required=True)
    commitments = fields.Nested(SlotSchema, required=True)
    measures = fields.Nested(SlotSchema, required=True)
    activity = fields.Nested(ActivitySchema, required=True)
    digest = fields.Nested(DigestSchema, load_default=lambda: dict(DIGEST_OFF))
    channels = fields.List(
        fields.String(validate=validate.OneOf(CHANNELS, error="Choose from: {choices}.")),
        required=True,
    )
    quiet_hours = fields.Nested(QuietHoursSchema, required=True, allow_none=True)
    snoozed_until = fields.AwareDateTime(load_default=None, allow_none=True)


class RemindersOut(RemindersIn):
    """Your reminder choices; all are off until you turn them on."""

    snoozed_until = fields.AwareDateTime(required=True, allow_none=True)
    digest = fields.Nested(DigestSchema, required=True)
