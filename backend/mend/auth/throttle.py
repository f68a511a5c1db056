"""Login rate limits that protect the owner (OWASP "device cookies"), with Flask-Limiter.

A failed login counts against one of two budgets of the account it names:

- from a device that signed in to that account before (it carries a signed device
  cookie), against that device's own budget, and nothing else;
- from any other device, against the budget all unknown devices share for the
  account, and against the client address's budget.

So strangers guessing a password can exhaust only the unknown devices' budget:
the owner's known devices keep signing in. Accounts are named in limiter keys
(and so in its log lines) by a keyed digest of the address, never the address.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, current_app, g, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from mend.auth import devices
from mend.extensions import limiter


def _secret() -> str:
    return current_app.config["SECRET_KEY"]


def login_account() -> str | None:
    """The keyed digest of the account this login request names, if it names one."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    if isinstance(email, str) and email.strip():
        return devices.account_key(_secret(), email)
    return None


def request_device() -> devices.DeviceCookie | None:
    """The device cookie this request carries, if it is genuine."""
    if "mend_device" not in g:
        g.mend_device = devices.decode(
            request.cookies.get(devices.DEVICE_COOKIE), secret_key=_secret()
        )
    return g.mend_device


def is_known_device(account: str | None) -> bool:
    """Whether this request comes from a device that signed in to the account before."""
    device = request_device()
    return account is not None and device is not None and device.knows(account)


def is_known_device_for(email: str) -> bool:
    """Whether this request comes from a device that signed in to this account before (for
    sign-ins whose request names no address: the second step, a passkey)."""
    return is_known_device(devices.account_key(_secret(), email))


def _from_known_device() -> bool:
    return is_known_device(login_account())


def _from_unknown_device() -> bool:
    return not _from_known_device()


def _unknown_devices_key() -> str:
    account = login_account()
    return f"account:{account}" if account else f"address:{get_remote_address()}"


def _known_device_key() -> str:
    device = request_device()
    return f"account:{login_account()}:device:{device.device_id if device else ''}"


TOO_MANY_LOGINS = (
    "Too many sign-in attempts for now. Please wait a few minutes and try again, "
    "or choose a new password with “Forgot your password?”."
)


def _failed(response: Response) -> bool:
    return response.status_code == 401


def login_limits() -> list[Callable]:
    """Decorators that answer 429 once too many logins failed, by the budgets above."""
    settings = lambda: current_app.config["MEND"]  # noqa: E731
    return [
        limiter.limit(
            lambda: settings().login_limit,
            key_func=_unknown_devices_key,
            deduct_when=_failed,
            exempt_when=_from_known_device,
            scope="login-account",
            error_message=TOO_MANY_LOGINS,
        ),
        limiter.limit(
            lambda: settings().login_address_limit,
            key_func=get_remote_address,
            deduct_when=_failed,
            exempt_when=_from_known_device,
            scope="login-address",
            error_message=TOO_MANY_LOGINS,
        ),
        limiter.limit(
            lambda: settings().login_device_limit,
            key_func=_known_device_key,
            deduct_when=_failed,
            exempt_when=_from_unknown_device,
            scope="login-device",
            error_message=TOO_MANY_LOGINS,
        ),
    ]


def remember_device(response: Response, *, email: str) -> Response:
    """Mark this browser as one that signed in to the account (the device cookie)."""
    account = devices.account_key(_secret(), email)
    device = (request_device() or devices.new_device()).with_account(account)
    settings = current_app.config["MEND"]
    response.set_cookie(
        devices.DEVICE_COOKIE,
        devices.encode(device, secret_key=_secret()),
        max_age=devices.DEVICE_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        secure=settings.production,
        samesite="Lax",
        path="/api/v1/auth",
    )
    return response


def _failed_password(response: Response) -> bool:
    return response.status_code == 403


def _user_key() -> str:
    # Limits are checked before the login wall, so the caller may still be anonymous here.
    return f"user:{getattr(current_user, 'id', 'anonymous')}"


def password_limits() -> list[Callable]:
    """Wrong current passwords are limited like failed logins, per account."""
    return [
        limiter.limit(
            lambda: current_app.config["MEND"].login_limit,
            key_func=_user_key,
            deduct_when=_failed_password,
            scope="password-change",
        )
    ]


def register_limits() -> list[Callable]:
    """Registrations (and reset requests) per client address, counted whatever the answer."""
    return [
        limiter.limit(
            lambda: current_app.config["MEND"].register_limit,
            key_func=get_remote_address,
            scope="register-address",
        )
    ]
