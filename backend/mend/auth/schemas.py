"""What the auth endpoints accept and return."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from marshmallow import ValidationError, fields, post_load, pre_load, validate, validates

from mend.auth.models import ACCOUNT_TYPES
from mend.schema import StrictBoolean, StrictSchema

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024


def normalise_email(email: str) -> str:
    """Emails are compared case-insensitively and without surrounding spaces."""
    return email.strip().lower()


def is_valid_timezone(name: str) -> bool:
    """Whether name is an IANA timezone this machine knows."""
    if not name or name != name.strip() or name.startswith("/"):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


class _EmailSchema(StrictSchema):
    """Strips spaces around the email before it is validated."""

    @pre_load
    def _strip_email(self, data: object, **_kwargs: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("email"), str):
            data = {**data, "email": data["email"].strip()}
        return data


class RegisterIn(_EmailSchema):
    """A new account."""

    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH),
    )
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=80))
    account_type = fields.String(required=True, validate=validate.OneOf(ACCOUNT_TYPES))
    timezone = fields.String(load_default="UTC", validate=validate.Length(max=64))

    @validates("timezone")
    def _known_timezone(self, value: str, **_kwargs: object) -> None:
        if not is_valid_timezone(value):
            raise ValidationError("Not a known IANA timezone, e.g. Europe/Berlin.")

    @validates("display_name")
    def _not_blank(self, value: str, **_kwargs: object) -> None:
        if not value.strip():
            raise ValidationError("Please enter a name.")

    @post_load
    def _normalise(self, data: dict, **_kwargs: object) -> dict:
        data["email"] = normalise_email(data["email"])
        data["display_name"] = data["display_name"].strip()
        return data


class LoginIn(_EmailSchema):
    """Credentials; `remember` keeps the session for 14 days instead of the browser session."""

    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH)
    )
    remember = StrictBoolean(load_default=False)

    @post_load
    def _normalise(self, data: dict, **_kwargs: object) -> dict:
        data["email"] = normalise_email(data["email"])
        return data


class PasswordChangeIn(StrictSchema):
    """The current password, and the new one."""

    current_password = fields.String(
        required=True, load_only=True, validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH)
    )
    new_password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH),
    )


class UserOut(StrictSchema):
    """The logged-in user as they see themselves."""

    id = fields.Integer(required=True)
    email = fields.String(required=True)
    email_verified = fields.Boolean(required=True)
    display_name = fields.String(required=True)
    account_type = fields.String(required=True)
    timezone = fields.String(required=True)


class CsrfOut(StrictSchema):
    """The token to send back in the X-CSRFToken header."""

    csrf_token = fields.String(required=True)


TOKEN_FIELD = {"required": True, "load_only": True, "validate": validate.Length(min=1, max=200)}


class StatusOut(StrictSchema):
    """A request taken in (202), with the same answer whatever the address: look in your inbox."""

    status = fields.String(required=True, metadata={"example": "verification-sent"})


class TokenIn(StrictSchema):
    """The token from a mailed link (the part after #token=)."""

    token = fields.String(**TOKEN_FIELD)


class PasswordResetIn(_EmailSchema):
    """The address to send a reset link to (if it has an account)."""

    email = fields.Email(required=True, validate=validate.Length(max=254))

    @post_load
    def _normalise(self, data: dict, **_kwargs: object) -> dict:
        data["email"] = normalise_email(data["email"])
        return data


class PasswordResetConfirmIn(StrictSchema):
    """The token from the reset link, and the new password."""

    token = fields.String(**TOKEN_FIELD)
    new_password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH),
    )


class EmailChangeIn(StrictSchema):
    """The current password, and the address to move the account to."""

    password = fields.String(
        required=True, load_only=True, validate=validate.Length(min=1, max=MAX_PASSWORD_LENGTH)
    )
    new_email = fields.Email(required=True, validate=validate.Length(max=254))

    @pre_load
    def _strip(self, data: object, **_kwargs: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("new_email"), str):
            data = {**data, "new_email": data["new_email"].strip()}
        return data

    @post_load
    def _normalise(self, data: dict, **_kwargs: object) -> dict:
        data["new_email"] = normalise_email(data["new_email"])
        return data
