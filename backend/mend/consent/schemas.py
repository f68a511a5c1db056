"""What the consent endpoints accept and return."""

from __future__ import annotations

from marshmallow import fields

from mend.schema import Moment, StrictBoolean, StrictSchema, page_schema


class ConsentIn(StrictSchema):
    """Share (or stop sharing) one category with one person, optionally until a time."""

    granted = StrictBoolean(required=True)
    expires_at = Moment(load_default=None, allow_none=True)


class GivenOut(StrictSchema):
    """How one category of the caller's data is shared with one other member."""

    viewer_id = fields.Integer(required=True)
    viewer_role = fields.String(required=True)
    category = fields.String(required=True)
    granted = fields.Boolean(required=True)
    expires_at = fields.AwareDateTime(required=True, allow_none=True)
    fixed = fields.Boolean(
        required=True, metadata={"description": "Always shared by the role; cannot be changed."}
    )
    is_default = fields.Boolean(
        required=True, metadata={"description": "Nobody has changed this yet."}
    )
    changed_at = fields.AwareDateTime(required=True, allow_none=True)


class ReceivedOut(StrictSchema):
    """A category another member currently shares with the caller."""

    owner_id = fields.Integer(required=True)
    owner_role = fields.String(required=True)
    category = fields.String(required=True)
    expires_at = fields.AwareDateTime(required=True, allow_none=True)


class ChangeOut(StrictSchema):
    """One recorded grant or revocation."""

    id = fields.Integer(required=True)
    owner_id = fields.Integer(required=True)
    viewer_id = fields.Integer(required=True)
    category = fields.String(required=True)
    granted = fields.Boolean(required=True)
    expires_at = fields.AwareDateTime(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)


class ConsentsOut(StrictSchema):
    """Everything about sharing in a space, as the caller sees it."""

    given = fields.List(fields.Nested(GivenOut), required=True)
    received = fields.List(fields.Nested(ReceivedOut), required=True)
    history = fields.List(fields.Nested(ChangeOut), required=True)


class AccessLogEntryOut(StrictSchema):
    """One read of the caller's data by someone else."""

    id = fields.Integer(required=True)
    viewer_id = fields.Integer(required=True, allow_none=True)
    category = fields.String(required=True)
    records = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)


AccessLogPageOut = page_schema(AccessLogEntryOut, "AccessLogPageOut")
