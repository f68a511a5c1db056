"""What the space and invitation endpoints accept and return."""

from __future__ import annotations

from marshmallow import fields, post_load, validate

from mend.schema import StrictSchema
from mend.spaces.models import PARTNER_ROLES, ROLES

DEFAULT_SPACE_NAME = "Our space"


class SpaceIn(StrictSchema):
    """A new space and the role its creator takes in it."""

    name = fields.String(load_default=None, validate=validate.Length(max=100))
    my_role = fields.String(required=True, validate=validate.OneOf(PARTNER_ROLES))

    @post_load
    def _default_name(self, data: dict, **_kwargs: object) -> dict:
        data["name"] = (data["name"] or "").strip() or DEFAULT_SPACE_NAME
        return data


class MemberOut(StrictSchema):
    """Someone in a space, as the other members see them."""

    user_id = fields.Integer(required=True, allow_none=True)
    display_name = fields.String(required=True)
    role = fields.String(required=True)
    joined_at = fields.AwareDateTime(required=True)
    left_at = fields.AwareDateTime(allow_none=True, required=True)
    pending = fields.Boolean(
        required=True, metadata={"description": "A therapist awaiting a partner's approval."}
    )
    invited_by_user_id = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "A therapist's: the partner whose invite they redeemed."},
    )


class SpaceOut(StrictSchema):
    """A space with everyone who is or was in it."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)
    members = fields.List(fields.Nested(MemberOut), required=True)
    awaiting_approval = fields.Boolean(
        required=True,
        metadata={"description": "You are a therapist here, awaiting a partner's approval."},
    )


class SpaceListOut(StrictSchema):
    """The spaces the caller belongs to."""

    items = fields.List(fields.Nested(SpaceOut), required=True)


class InviteIn(StrictSchema):
    """Which role the invited person will take."""

    role = fields.String(required=True, validate=validate.OneOf(ROLES))


class PendingInviteOut(StrictSchema):
    """An invitation not yet used; its code is never shown again."""

    id = fields.Integer(required=True)
    role = fields.String(required=True)
    created_by = fields.Integer(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    expires_at = fields.AwareDateTime(required=True)


class InviteOut(PendingInviteOut):
    """A new invitation; the code is shown this once and never again."""

    code = fields.String(
        required=True, metadata={"description": "12 characters shown as XXXX-XXXX-XXXX."}
    )


class InviteListOut(StrictSchema):
    """The space's invitations still waiting to be used, newest first."""

    items = fields.List(fields.Nested(PendingInviteOut), required=True)


class AcceptIn(StrictSchema):
    """An invitation code to redeem."""

    code = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Any letter case, with or without the dashes."},
    )


class MembershipOut(MemberOut):
    """The caller's new membership."""

    space_id = fields.Integer(required=True)
