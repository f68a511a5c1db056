"""The second login step: a TOTP code, a recovery code or a passkey after the password."""

from __future__ import annotations

from mend.auth.mfa import recovery, totp
from mend.auth.models import User
from mend.errors import Invalid, Unauthorized
from mend.extensions import db

NOT_ACCEPTED = "That code didn't work. Please check it and try again."


def verify(*, user_id: int, code: str | None = None, recovery_code: str | None = None) -> User:
    """The user, once one fresh TOTP code or one unused recovery code of theirs is given."""
    if (code is None) == (recovery_code is None):
        raise Invalid("code", "Please enter either a code from your app or a recovery code.")
    if code is not None:
        accepted = totp.verify(user_id=user_id, code=code)
    else:
        accepted = recovery.use(user_id=user_id, code=recovery_code or "")
    user = db.session.get(User, user_id)
    if not accepted or user is None:
        raise Unauthorized(NOT_ACCEPTED, slug="mfa-failed")
    return user
