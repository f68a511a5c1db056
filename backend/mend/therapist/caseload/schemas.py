"""What the caseload endpoint returns: per couple, only the figures its partners share."""

from __future__ import annotations

from marshmallow import fields, validate

from mend.consent.models import CATEGORIES
from mend.measures.schemas import MeasureAdherenceOut, MeasureChangeOut
from mend.measures.setup import instruments
from mend.schema import StrictSchema
from mend.spaces.models import PARTNER_ROLES, ROLES
from mend.therapist.caseload.alerts import SEVERITY

TRENDS = ("rising", "falling", "steady")


class CaseloadSpaceOut(StrictSchema):
    """Which couple."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)


class CaseloadMemberOut(StrictSchema):
    """Someone in the couple's space now."""

    user_id = fields.Integer(required=True)
    display_name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))


class SharedOut(StrictSchema):
    """What one partner shares with you right now (empty: nothing yet)."""

    user_id = fields.Integer(required=True)
    role = fields.String(required=True, validate=validate.OneOf(PARTNER_ROLES))
    categories = fields.List(fields.String(validate=validate.OneOf(CATEGORIES)), required=True)


class LatestFeltSafetyOut(StrictSchema):
    """The newest felt-safety score and when it was given."""

    value = fields.Integer(required=True)
    at = fields.AwareDateTime(required=True)


class FeltSafetyOut(StrictSchema):
    """The hurt partner's felt safety (0-10), present only if they share their check-ins."""

    latest = fields.Nested(LatestFeltSafetyOut, required=True, allow_none=True)
    mean_7d = fields.Float(required=True, allow_none=True)
    mean_28d = fields.Float(required=True, allow_none=True)
    trend = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(TRENDS),
        metadata={"description": "The 7-day mean against the 28-day mean, with a ±0.5 band."},
    )
    sparkline = fields.List(
        fields.Float(allow_none=True),
        required=True,
        metadata={"description": "The mean of each of the last 28 days, oldest first."},
    )
    enough_data = fields.Boolean(
        required=True,
        metadata={"description": "Five or more scores in 28 days; below that, no trend is given."},
    )


class LowestCommitmentOut(StrictSchema):
    """The active commitment with the lowest reliability."""

    commitment_id = fields.Integer(required=True)
    title = fields.String(required=True)
    reliability = fields.Float(required=True)


class CommitmentFiguresOut(StrictSchema):
    """Present only if the repairing partner shares their commitments."""

    active_count = fields.Integer(required=True)
    reliability_overall = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "The mean reliability (0-1) of the active commitments."},
    )
    reliability_lowest = fields.Nested(LowestCommitmentOut, required=True, allow_none=True)
    open_disputes = fields.Integer(
        required=True,
        allow_none=True,
        metadata={
            "description": "Checks whose newest review disputes them; null unless the "
            "hurt partner shares their commitments (the reviews are theirs)."
        },
    )


class DaysSinceCheckinOut(StrictSchema):
    """Days since a partner's latest check-in, for each partner who shares check-ins."""

    user_id = fields.Integer(required=True)
    role = fields.String(required=True, validate=validate.OneOf(PARTNER_ROLES))
    days = fields.Integer(required=True, allow_none=True)


class AlertOut(StrictSchema):
    """Something worth your attention, judged against the couple's own baseline."""

    kind = fields.String(required=True, validate=validate.OneOf(tuple(SEVERITY)))
    message = fields.String(required=True)


class CaseloadMeasureOut(StrictSchema):
    """A partner's questionnaire, present only if they share `measures` with you."""

    respondent_id = fields.Integer(required=True)
    role = fields.String(required=True, validate=validate.OneOf(PARTNER_ROLES))
    instrument = fields.String(required=True)
    name = fields.Method("_name", metadata={"type": "string", "description": "e.g. CSI-4"})
    cutoff = fields.Float(required=True)
    latest = fields.Method("_latest", allow_none=True, metadata={"type": "integer"})
    answered = fields.Method("_answered", metadata={"type": "integer"})
    beyond_cutoff = fields.Boolean(required=True)
    last_change = fields.Nested(MeasureChangeOut, required=True, allow_none=True)
    schedule = fields.Nested(MeasureAdherenceOut, required=True, allow_none=True)

    def _name(self, series) -> str:  # type: ignore[no-untyped-def]
        return instruments()[series.instrument].name

    def _latest(self, series) -> int | None:  # type: ignore[no-untyped-def]
        return series.points[-1].score if series.points else None

    def _answered(self, series) -> int:  # type: ignore[no-untyped-def]
        return series.answered


class CaseloadItemOut(StrictSchema):
    """One couple, with only the figures its partners share with you."""

    space = fields.Nested(CaseloadSpaceOut, required=True)
    members = fields.List(fields.Nested(CaseloadMemberOut), required=True)
    shared = fields.List(fields.Nested(SharedOut), required=True)
    nothing_shared = fields.Boolean(required=True)
    felt_safety = fields.Nested(FeltSafetyOut, required=True, allow_none=True)
    commitments = fields.Nested(CommitmentFiguresOut, required=True, allow_none=True)
    days_since_checkin = fields.List(fields.Nested(DaysSinceCheckinOut), required=True)
    measures = fields.List(fields.Nested(CaseloadMeasureOut), required=True)
    alerts = fields.List(fields.Nested(AlertOut), required=True)
    awaiting_approval = fields.Boolean(
        required=True,
        metadata={"description": "Both partners have not approved you yet: no names, no figures."},
    )


class CaseloadOut(StrictSchema):
    """Your couples, most in need of attention first."""

    items = fields.List(fields.Nested(CaseloadItemOut), required=True)
