"""What the second-factor endpoints accept and return."""

from __future__ import annotations

from marshmallow import ValidationError, fields, post_load, validate, validates, validates_schema

from mend.auth.schemas import MAX_PASSWORD_LENGTH, UserOut
from mend.schema import StrictSchema

METHODS = ("totp", "passkey", "recovery_code")


def _password() -> fields.String:
    return fields.String(
        required=True, load_only=True, validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH)
    )


class PasswordIn(StrictSchema):
    """The account's password, asked again before a factor changes."""

    password = _password()


class TotpCodeIn(StrictSchema):
    """A six-digit code from the authenticator app."""

    code = fields.String(required=True, validate=validate.Length(min=1, max=16))


class VerifyIn(StrictSchema):
    """Exactly one of: a code from the app, a recovery code, or a passkey's answer."""

    code = fields.String(validate=validate.Length(min=1, max=16))
    recovery_code = fields.String(validate=validate.Length(min=1, max=32))
    passkey = fields.Dict(keys=fields.String())

    @validates_schema
    def _exactly_one(self, data: dict, **_kwargs: object) -> None:
        if len(data) != 1:
            raise ValidationError("Send one of code, recovery_code or passkey.", field_name="code")


class PasskeyLoginIn(StrictSchema):
    """A passkey's answer to the sign-in challenge (PublicKeyCredential as JSON)."""

    credential = fields.Dict(keys=fields.String(), required=True)


class PasskeyIn(StrictSchema):
    """A new passkey: the browser's PublicKeyCredential as JSON, and a name for it."""

    name = fields.String(required=True, validate=validate.Length(min=1, max=60))
    credential = fields.Dict(keys=fields.String(), required=True)

    @validates("name")
    def _not_blank(self, value: str, **_kwargs: object) -> None:
        if not value.strip():
            raise ValidationError("Please give this passkey a name, e.g. “My phone”.")

    @post_load
    def _strip(self, data: dict, **_kwargs: object) -> dict:
        data["name"] = data["name"].strip()
        return data


class TotpSetupOut(StrictSchema):
    """The secret for the authenticator app, as text and as an otpauth:// URI for a QR code."""

    secret = fields.String(required=True)
    otpauth_uri = fields.String(required=True)


class RecoveryCodesOut(StrictSchema):
    """Ten recovery codes, shown this once."""

    recovery_codes = fields.List(fields.String(), required=True)


class PasskeyOut(StrictSchema):
    """One registered passkey."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    last_used_at = fields.DateTime(allow_none=True)


class PasskeyCreatedOut(StrictSchema):
    """The new passkey; recovery codes too when it is the account's first factor."""

    passkey = fields.Nested(PasskeyOut, required=True)
    recovery_codes = fields.List(fields.String(), required=True)


class WebAuthnOptionsOut(StrictSchema):
    """Options for navigator.credentials.create()/get(), binary values in base64url."""

    public_key = fields.Dict(required=True, data_key="publicKey")


class MfaStatusOut(StrictSchema):
    """The caller's second factors, and whether their account must have one."""

    totp = fields.Boolean(required=True)
    passkeys = fields.List(fields.Nested(PasskeyOut), required=True)
    recovery_codes_left = fields.Integer(required=True)
    required = fields.Boolean(required=True)


class LoginOut(UserOut):
    """The user once logged in; or, while a second factor is awaited, only `mfa_required`
    and the `methods` the second step offers (nobody is logged in until it is passed)."""

    id = fields.Integer()
    email = fields.String()
    display_name = fields.String()
    account_type = fields.String()
    timezone = fields.String()
    mfa_required = fields.Boolean()
    methods = fields.List(fields.String(validate=validate.OneOf(METHODS)))
