"""Which second factors a user has on: read by login, settings and policy."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import delete, exists, func, or_, select

from mend.auth.mfa.models import Passkey, RecoveryCode, TotpFactor
from mend.auth.models import User
from mend.auth.passwords import verify_password
from mend.errors import Forbidden
from mend.extensions import db
from mend.mail.outbox import public_link, queue

WRONG_PASSWORD = "That isn't your password."
# One query: does the user have a confirmed TOTP secret or at least one passkey?
_HAS_FACTOR = select(
    or_(
        exists().where(TotpFactor.user_id == User.id, TotpFactor.confirmed_at.is_not(None)),
        exists().where(Passkey.user_id == User.id),
    )
)


def second_factor_required(user: User) -> bool:
    """Whether this account must have a second factor: therapists, where
    MEND_REQUIRE_THERAPIST_MFA is on (policy refuses them partner data without one)."""
    return user.account_type == "therapist" and current_app.config["MEND"].require_therapist_mfa


def has_second_factor(user_id: int) -> bool:
    """Whether the user has TOTP confirmed or a passkey registered."""
    return bool(db.session.scalar(_HAS_FACTOR.where(User.id == user_id)))


def totp_on(user_id: int) -> bool:
    """Whether the user's TOTP secret is confirmed."""
    factor = db.session.get(TotpFactor, user_id)
    return factor is not None and factor.confirmed_at is not None


def passkey_count(user_id: int) -> int:
    """How many passkeys the user registered."""
    return db.session.scalar(select(func.count()).where(Passkey.user_id == user_id)) or 0


def recovery_codes_left(user_id: int) -> int:
    """How many of the user's recovery codes are still unused."""
    query = select(func.count()).where(
        RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None)
    )
    return db.session.scalar(query) or 0


def methods(user_id: int) -> list[str]:
    """The ways this user can pass the second login step, in the order they are offered."""
    offered = []
    if totp_on(user_id):
        offered.append("totp")
    if passkey_count(user_id):
        offered.append("passkey")
    if offered and recovery_codes_left(user_id):
        offered.append("recovery_code")
    return offered


def require_password(user: User, password: str) -> None:
    """Forbidden unless the password is the user's: factor changes need it again."""
    if not verify_password(user.password_hash, password):
        raise Forbidden(
            WRONG_PASSWORD, errors={"password": [WRONG_PASSWORD]}, slug="wrong-password"
        )


def forget_recovery_codes_if_no_factor(user_id: int) -> None:
    """Recovery codes stand in for a factor; with none left on, they go too (no commit)."""
    db.session.flush()
    if not has_second_factor(user_id):
        db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))


def notify_change(user: User) -> None:
    """Queue the content-free notice that the account's sign-in factors changed (no commit)."""
    queue(to=user.email, template="sign-in-changed", link=public_link("/forgot-password"))
