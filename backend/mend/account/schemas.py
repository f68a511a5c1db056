"""What the account endpoints accept and return: the export document and the deletion request.

The export reuses each domain's own output schemas, so a disclosure, commitment
or check-in reads in the export exactly as it reads in the API.
"""

from __future__ import annotations

from marshmallow import fields, validate

from mend.auth.schemas import MAX_PASSWORD_LENGTH
from mend.checkins.schemas import CheckinOut
from mend.commitments.schemas import CommitmentDetailOut
from mend.consent.schemas import AccessLogEntryOut, ConsentsOut
from mend.disclosures.schemas import DisclosureDetailOut
from mend.measures.schemas import MeasureSeriesOut
from mend.schema import StrictSchema
from mend.spaces.models import ROLES
from mend.spaces.schemas import SpaceOut
from mend.therapist.schemas import TherapistNoteOut

EXPORT_FORMAT = "mend-export"
EXPORT_VERSION = 1


class AccountDeleteIn(StrictSchema):
    """Your password, to be sure it is you who is deleting the account."""

    password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH),
    )


class ExportUserOut(StrictSchema):
    """The account the export belongs to."""

    id = fields.Integer(required=True)
    email = fields.String(required=True)
    display_name = fields.String(required=True)
    account_type = fields.String(required=True)
    timezone = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)


class ExportSpaceOut(StrictSchema):
    """One space you belong to, with what you wrote and may see there now (oldest first)."""

    space = fields.Nested(SpaceOut, required=True)
    my_role = fields.String(required=True, validate=validate.OneOf(ROLES))
    disclosures = fields.List(fields.Nested(DisclosureDetailOut), required=True)
    commitments = fields.List(fields.Nested(CommitmentDetailOut), required=True)
    checkins = fields.List(fields.Nested(CheckinOut), required=True)
    measures = fields.List(
        fields.Nested(MeasureSeriesOut),
        required=True,
        metadata={
            "description": "The questionnaire series you may see here (yours, and any "
            "shared with you)."
        },
    )
    consents = fields.Nested(ConsentsOut, required=True)
    access_log = fields.List(
        fields.Nested(AccessLogEntryOut),
        required=True,
        metadata={"description": "Who read which of your data here."},
    )
    therapist_notes = fields.List(
        fields.Nested(TherapistNoteOut),
        required=True,
        metadata={"description": "Your own notes, if you are a therapist here; else empty."},
    )


class AuthoredOut(StrictSchema):
    """One thing you wrote, in any space, including spaces you have left."""

    kind = fields.String(
        required=True,
        metadata={"description": "A ledger kind, e.g. `disclosure_revision`, or `therapist_note`."},
    )
    id = fields.Integer(required=True)
    space_id = fields.Integer(required=True)
    created_at = fields.AwareDateTime(required=True)
    content = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(allow_none=True),
        required=True,
        metadata={
            "description": "The fields as written (for ledgered rows, exactly what the "
            "ledger's content hash covers); dates and times in ISO 8601."
        },
    )


class ExportOut(StrictSchema):
    """Everything you wrote and everything you may see now, in a stable, versioned shape."""

    format = fields.String(required=True, validate=validate.OneOf([EXPORT_FORMAT]))
    version = fields.Integer(required=True, validate=validate.OneOf([EXPORT_VERSION]))
    exported_at = fields.AwareDateTime(required=True)
    user = fields.Nested(ExportUserOut, required=True)
    spaces = fields.List(fields.Nested(ExportSpaceOut), required=True)
    authored = fields.List(fields.Nested(AuthoredOut), required=True)
