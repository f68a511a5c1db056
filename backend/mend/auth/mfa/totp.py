"""Time-based one-time codes (RFC 6238) from an authenticator app, with pyotp."""

from __future__ import annotations

import time

import pyotp
from sqlalchemy import or_, update

from mend.auth.mfa import factors, recovery
from mend.auth.mfa.models import TotpFactor
from mend.auth.models import User
from mend.database import utcnow
from mend.errors import Conflict, Invalid, NotFound
from mend.extensions import db

ISSUER = "Mend"
# Codes of the step before and after now are accepted too: phones' clocks drift.
DRIFT_STEPS = 1
WRONG_CODE = "That code didn't work. Codes change every 30 seconds: try the newest one."


def begin(*, user: User, password: str) -> dict[str, str]:
    """A new secret for the user's app; not active until confirmed with a code from it."""
    factors.require_password(user, password)
    factor = db.session.get(TotpFactor, user.id)
    if factor is not None and factor.confirmed_at is not None:
        raise Conflict("An authenticator app is already on. Turn it off first to use another.")
    secret = pyotp.random_base32()
    if factor is None:
        db.session.add(TotpFactor(user_id=user.id, secret=secret))
    else:
        factor.secret, factor.created_at, factor.last_step = secret, utcnow(), None
    db.session.commit()
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return {"secret": secret, "otpauth_uri": uri}


def confirm(*, user: User, code: str) -> list[str]:
    """Turn TOTP on with a first code from the app; returns ten new recovery codes."""
    factor = db.session.get(TotpFactor, user.id)
    if factor is None or factor.confirmed_at is not None:
        raise NotFound("There is no authenticator app waiting to be confirmed. Start again.")
    if not accept(factor=factor, code=code):
        raise Invalid("code", WRONG_CODE)
    factor.confirmed_at = utcnow()
    codes = recovery.replace_codes(user.id) if not factors.recovery_codes_left(user.id) else []
    factors.notify_change(user)
    db.session.commit()
    return codes


def disable(*, user: User, password: str) -> None:
    """Turn TOTP off (the password is asked again)."""
    factors.require_password(user, password)
    factor = db.session.get(TotpFactor, user.id)
    if factor is None:
        raise NotFound("No authenticator app is set up.")
    db.session.delete(factor)
    factors.forget_recovery_codes_if_no_factor(user.id)
    factors.notify_change(user)
    db.session.commit()


def verify(*, user_id: int, code: str) -> bool:
    """Whether the code is a fresh one from the user's confirmed app (and spend its step)."""
    factor = db.session.get(TotpFactor, user_id)
    if factor is None or factor.confirmed_at is None:
        return False
    accepted = accept(factor=factor, code=code)
    db.session.commit()
    return accepted


def accept(*, factor: TotpFactor, code: str, now: float | None = None) -> bool:
    """Match the code within the drift window, newer than the last accepted step, and
    record its step in one conditional UPDATE, so a code works once even when raced."""
    step = matching_step(factor.secret, code, now=time.time() if now is None else now)
    if step is None or (factor.last_step is not None and step <= factor.last_step):
        return False
    spent = db.session.execute(
        update(TotpFactor)
        .where(
            TotpFactor.user_id == factor.user_id,
            or_(TotpFactor.last_step.is_(None), TotpFactor.last_step < step),
        )
        .values(last_step=step)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        return False
    factor.last_step = step
    return True


def matching_step(secret: str, code: str, *, now: float) -> int | None:
    """The time step (now ± DRIFT_STEPS) whose code this is, newest first; None if none."""
    digits = "".join(code.split())
    if not digits.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(int(now))
    for step in range(current + DRIFT_STEPS, current - DRIFT_STEPS - 1, -1):
        if pyotp.utils.strings_equal(totp.generate_otp(step), digits):
            return step
    return None
