"""Login rate limits, per account and per client address (Flask-Limiter)."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from mend.auth.schemas import normalise_email
from mend.extensions import limiter


def _failed(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 401


def _account_key() -> str:
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    if isinstance(email, str) and email.strip():
        return "account:" + normalise_email(email)
    return "address:" + get_remote_address()


def login_limits() -> list[Callable]:
    """Decorators that answer 429 once too many logins failed for an account or address."""
    settings = lambda: current_app.config["MEND"]  # noqa: E731
    return [
        limiter.limit(
            lambda: settings().login_limit,
            key_func=_account_key,
            deduct_when=_failed,
            scope="login-account",
        ),
        limiter.limit(
            lambda: settings().login_address_limit,
            key_func=get_remote_address,
            deduct_when=_failed,
            scope="login-address",
        ),
    ]


def _failed_password(response) -> bool:  # type: ignore[no-untyped-def]
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
