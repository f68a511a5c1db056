"""The second login step is limited like the password: per account and per address."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from flask_limiter.util import get_remote_address
from flask_login import current_user

from mend.auth.mfa import pending
from mend.extensions import limiter


def _failed(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code in (401, 422)


def _account_key() -> str:
    waiting = pending.current()
    if waiting is not None:
        return f"user:{waiting.user_id}"
    return "address:" + get_remote_address()


def verify_limits() -> list[Callable]:
    """Decorators that answer 429 once too many second steps failed for an account or address."""
    settings = lambda: current_app.config["MEND"]  # noqa: E731
    return [
        limiter.limit(
            lambda: settings().login_limit,
            key_func=_account_key,
            deduct_when=_failed,
            scope="mfa-account",
        ),
        limiter.limit(
            lambda: settings().login_address_limit,
            key_func=get_remote_address,
            deduct_when=_failed,
            scope="mfa-address",
        ),
    ]


def _failed_code(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 422


def confirm_limits() -> list[Callable]:
    """Wrong confirming codes are limited per account like wrong passwords."""
    return [
        limiter.limit(
            lambda: current_app.config["MEND"].login_limit,
            key_func=_user_key,
            deduct_when=_failed_code,
            scope="totp-confirm",
        )
    ]


def _user_key() -> str:
    return f"user:{getattr(current_user, 'id', 'anonymous')}"
