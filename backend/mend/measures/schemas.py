"""Validation in and serialisation out for instruments, responses, series and schedules."""

from __future__ import annotations

from marshmallow import fields, validate

from mend.measures.models import MAX_WEEKS, MIN_WEEKS
from mend.schema import StrictSchema
from mend.spaces.models import PARTNER_ROLES


class MeasureOptionOut(StrictSchema):
    label = fields.String(required=True)
    value = fields.Integer(required=True)


class MeasureItemOut(StrictSchema):
    text = fields.String(required=True)
    options = fields.List(fields.Nested(MeasureOptionOut), required=True)


class MeasureScoringOut(StrictSchema):
    method = fields.String(required=True)
    min = fields.Integer(required=True)
    max = fields.Integer(required=True)
    higher_is = fields.String(required=True, validate=validate.OneOf(("worse", "better")))


class MeasureCutoffOut(StrictSchema):
    value = fields.Float(required=True)
    flags = fields.String(
        required=True,
        validate=validate.OneOf(("at_or_above", "below")),
        metadata={"description": "Which side of the value is past the cut-off."},
    )
    meaning = fields.String(required=True)


class MeasureBandOut(StrictSchema):
    min = fields.Integer(required=True)
    max = fields.Integer(required=True)
    label = fields.String(required=True)


class MeasureReliabilityOut(StrictSchema):
    coefficient = fields.Float(required=True)
    reference_sd = fields.Float(required=True)
    reliable_difference = fields.Float(required=True)
    source = fields.String(required=True)


class InstrumentOut(StrictSchema):
    """A validated questionnaire, as its data file defines it."""

    id = fields.String(required=True)
    name = fields.String(required=True)
    title = fields.String(required=True)
    stem = fields.String(required=True, allow_none=True)
    items = fields.List(fields.Nested(MeasureItemOut), required=True)
    options = fields.List(
        fields.Nested(MeasureOptionOut),
        required=True,
        allow_none=True,
        metadata={"description": "The answers every item shares; null when items differ."},
    )
    scoring = fields.Nested(MeasureScoringOut, required=True)
    cutoff = fields.Nested(MeasureCutoffOut, required=True)
    bands = fields.List(fields.Nested(MeasureBandOut), required=True)
    citation = fields.String(required=True)
    source = fields.String(required=True)
    licence = fields.String(required=True)
    reliability = fields.Nested(MeasureReliabilityOut, required=True, allow_none=True)
    reliability_note = fields.String(required=True, allow_none=True)


class MeasureResponseIn(StrictSchema):
    answers = fields.List(
        fields.Integer(strict=True),
        required=True,
        metadata={"description": "One whole number per item, in order: the option's value."},
    )


class MeasureResourceOut(StrictSchema):
    name = fields.String(required=True)
    url = fields.String(required=True, allow_none=True)


class MeasureSupportOut(StrictSchema):
    """Shown to the person who answered, and to no one else."""

    heading = fields.String(required=True)
    message = fields.String(required=True)
    resources = fields.List(fields.Nested(MeasureResourceOut), required=True)


class MeasureResponseOut(StrictSchema):
    id = fields.Integer(required=True)
    instrument = fields.String(required=True)
    score = fields.Integer(required=True)
    band = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)
    support = fields.Nested(
        MeasureSupportOut,
        allow_none=True,
        metadata={"description": "Words and resources for you, when your answers call for them."},
    )


class MeasurePointOut(StrictSchema):
    id = fields.Integer(required=True)
    score = fields.Integer(required=True)
    band = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)


class MeasureChangeOut(StrictSchema):
    previous = fields.Integer(required=True)
    latest = fields.Integer(required=True)
    difference = fields.Integer(required=True)
    direction = fields.String(required=True, validate=validate.OneOf(("better", "worse", "same")))
    rci = fields.Float(required=True, allow_none=True)
    reliable = fields.Boolean(
        required=True,
        allow_none=True,
        metadata={"description": "null where the instrument's reliability is not on file."},
    )
    explanation = fields.String(required=True)


class MeasureAdherenceOut(StrictSchema):
    every_weeks = fields.Integer(required=True)
    starts_at = fields.AwareDateTime(required=True)
    due = fields.Boolean(required=True)
    next_due_at = fields.AwareDateTime(required=True)
    periods_elapsed = fields.Integer(required=True)
    completion_rate = fields.Float(required=True, allow_none=True)
    missed_in_a_row = fields.Integer(required=True)


class MeasureSeriesOut(StrictSchema):
    """One person's scores on one instrument, oldest first."""

    respondent_id = fields.Integer(required=True)
    role = fields.String(required=True, validate=validate.OneOf(PARTNER_ROLES))
    display_name = fields.String(required=True)
    instrument = fields.String(required=True)
    cutoff = fields.Float(required=True)
    points = fields.List(fields.Nested(MeasurePointOut), required=True)
    last_change = fields.Nested(MeasureChangeOut, required=True, allow_none=True)
    schedule = fields.Nested(MeasureAdherenceOut, required=True, allow_none=True)
    beyond_cutoff = fields.Boolean(required=True)


class MeasuresOut(StrictSchema):
    series = fields.List(fields.Nested(MeasureSeriesOut), required=True)
    due = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Instruments offered to you now, by your schedules."},
    )


class MeasureScheduleIn(StrictSchema):
    every_weeks = fields.Integer(
        strict=True,
        required=True,
        validate=validate.Range(MIN_WEEKS, MAX_WEEKS, error="Please choose every 1 to 8 weeks."),
    )
    respondent_id = fields.Integer(
        strict=True,
        load_default=None,
        metadata={"description": "Whose schedule (therapists name a partner); default: yours."},
    )


class MeasureScheduleArgs(StrictSchema):
    respondent_id = fields.Integer(load_default=None)


class MeasureScheduleOut(StrictSchema):
    respondent_id = fields.Integer(required=True)
    instrument = fields.String(required=True)
    every_weeks = fields.Integer(required=True)
    starts_at = fields.AwareDateTime(required=True)
