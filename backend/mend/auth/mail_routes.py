"""HTTP endpoints reached from mailed links: verify, password reset, change of address."""

from __future__ import annotations

from flask import session
from flask.views import MethodView
from flask_login import current_user, logout_user
from flask_smorest import Blueprint

from mend.auth import address, recovery, registration
from mend.auth.mfa import factors, pending
from mend.auth.mfa.schemas import LoginOut
from mend.auth.schemas import (
    EmailChangeIn,
    PasswordResetConfirmIn,
    PasswordResetIn,
    StatusOut,
    TokenIn,
    UserOut,
)
from mend.auth.signals import announce_ended
from mend.auth.signin import start_session
from mend.auth.throttle import password_limits, register_limits
from mend.security import public

blp = Blueprint(
    "auth-mail",
    __name__,
    url_prefix="/api/v1/auth",
    description="Verification, password reset and change of address, by mailed links",
)


def _signed_in_user_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


@blp.route("/verify")
@public
class Verify(MethodView):
    @blp.arguments(TokenIn)
    @blp.response(200, LoginOut)
    def post(self, data):
        """Confirm the address with the token from the mail, and log in.

        Used or expired tokens answer 410; someone signed in to another account here
        gets 409 and stays signed in as they are. An account with a second factor is not
        logged in: the answer is `{mfa_required, methods}`, as from /auth/login.
        """
        user = registration.verify_email(
            token=data["token"], signed_in_user_id=_signed_in_user_id()
        )
        if _signed_in_user_id() == user.id:
            return user
        if methods := factors.methods(user.id):
            return pending.begin(user_id=user.id, remember=False, methods=methods)
        start_session(user, remember=False)
        return user


@blp.route("/password-reset")
@public
class PasswordReset(MethodView):
    decorators = register_limits()

    @blp.arguments(PasswordResetIn)
    @blp.response(202, StatusOut)
    def post(self, data):
        """Mail a link to choose a new password; the same answer for any address."""
        recovery.request_reset(email=data["email"])
        return {"status": "reset-link-sent"}


@blp.route("/password-reset/confirm")
@public
class PasswordResetConfirm(MethodView):
    @blp.arguments(PasswordResetConfirmIn)
    @blp.response(204)
    def post(self, data):
        """Choose a new password: every session and open connection of the account ends,
        and nobody is logged in; the account's address gets a notice."""
        user_id = recovery.confirm_reset(token=data["token"], new_password=data["new_password"])
        announce_ended(user_id)
        if _signed_in_user_id() == user_id:
            logout_user()
            session.clear()


@blp.route("/email")
class EmailChange(MethodView):
    decorators = password_limits()

    @blp.arguments(EmailChangeIn)
    @blp.response(202, StatusOut)
    def post(self, data):
        """Ask to move the account to a new address: it moves once the link mailed there is
        opened; the current address is told."""
        address.request_change(user=current_user._get_current_object(), **data)
        return {"status": "confirmation-sent"}


@blp.route("/email/confirm")
@public
class EmailConfirm(MethodView):
    @blp.arguments(TokenIn)
    @blp.response(200, UserOut)
    def post(self, data):
        """Confirm the new address with the token from the mail; the account moves to it."""
        return address.confirm_change(token=data["token"])
