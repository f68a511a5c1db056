"""What the push endpoints accept and return."""

from __future__ import annotations

from marshmallow import fields, validate

from mend.schema import StrictSchema


class PushKeyOut(StrictSchema):
    """The server's VAPID public key; `enabled` is false when push is off on this server."""

    enabled = fields.Boolean(required=True)
    public_key = fields.String(required=True, allow_none=True)


class SubscriptionKeys(StrictSchema):
    """The browser's encryption keys (base64url)."""

    p256dh = fields.String(required=True, validate=validate.Length(min=80, max=100))
    auth = fields.String(required=True, validate=validate.Length(min=16, max=32))


class SubscriptionIn(StrictSchema):
    """A browser's PushSubscription, as `subscription.toJSON()` gives it."""

    endpoint = fields.Url(
        required=True,
        schemes={"https", "http"},
        require_tld=False,
        validate=validate.Length(max=1000),
    )
    keys = fields.Nested(SubscriptionKeys, required=True)
    expirationTime = fields.Raw(load_default=None, allow_none=True, load_only=True)  # noqa: N815


class SubscriptionOut(StrictSchema):
    """A remembered subscription (the endpoint stays on the server)."""

    id = fields.Integer(required=True)
    created_at = fields.AwareDateTime(required=True)
