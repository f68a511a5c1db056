"""HTTP endpoints for accounts: CSRF token, register, login, logout, me, sessions."""

from __future__ import annotations

from flask import session
from flask.views import MethodView
from flask_login import current_user, logout_user
from flask_smorest import Blueprint
from flask_wtf.csrf import generate_csrf

from mend.auth import registration, service, sessions
from mend.auth.mfa import factors, pending
from mend.auth.mfa.schemas import LoginOut
from mend.auth.schemas import (
    CsrfOut,
    LoginIn,
    PasswordChangeIn,
    RegisterIn,
    SessionListOut,
    StatusOut,
    UserOut,
)
from mend.auth.signals import announce_ended
from mend.auth.signin import start_session
from mend.auth.throttle import (
    is_known_device,
    login_account,
    login_limits,
    password_limits,
    register_limits,
)
from mend.extensions import csrf, login_manager
from mend.security import public, require_same_origin

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Accounts and login")


@login_manager.user_loader
def _load_user(token: str):  # type: ignore[no-untyped-def]
    return service.user_for_session(token)


def is_new_device_sign_in() -> bool:
    """Whether this login request comes from a device that never signed in to the account.

    Decided by the signed device cookie (see mend.auth.throttle): the cookie on the
    request, not the one the login sets. A new-device alert is mailed when this is true.
    """
    return not is_known_device(login_account())


@blp.route("/csrf")
@public
class Csrf(MethodView):
    @blp.response(200, CsrfOut)
    def get(self):
        """Get the token to send as X-CSRFToken with every unsafe request."""
        return {"csrf_token": generate_csrf()}


@blp.route("/register")
@public
class Register(MethodView):
    decorators = register_limits()

    @blp.arguments(RegisterIn)
    @blp.response(202, StatusOut)
    def post(self, data):
        """Create an account: the same answer whether or not the address has one.

        A new address gets a link to confirm it (which logs in); an address that has an
        account gets a notice instead. Nobody is logged in here, and a session already
        open in this browser stays as it is. Rate limited per client address.
        """
        registration.register(**data)
        return {"status": "verification-sent"}


@blp.route("/login")
@public
class Login(MethodView):
    decorators = login_limits()

    @blp.arguments(LoginIn)
    @blp.response(200, LoginOut)
    def post(self, data):
        """Log in. Rate limited per account and per address. With a second factor on, the
        answer is `{mfa_required, methods}` and nobody is logged in before /auth/mfa/verify."""
        user = service.authenticate(email=data["email"], password=data["password"])
        if methods := factors.methods(user.id):
            return pending.begin(user_id=user.id, remember=data["remember"], methods=methods)
        start_session(user, remember=data["remember"], new_device=is_new_device_sign_in())
        return user


@blp.route("/logout")
class Logout(MethodView):
    @blp.response(204)
    def post(self):
        """Log out; the session cookie stops working everywhere at once.

        No CSRF token is needed (quick exit must end the session even before the
        page has one); a cross-site request is refused instead.
        """
        require_same_origin()
        token = current_user.session_token
        service.close_session(token=token)
        announce_ended(current_user.id, session_token=token)
        logout_user()
        session.clear()


# Logging out only takes power away; the same-origin check above guards it instead.
csrf.exempt(Logout)


@blp.route("/password")
class Password(MethodView):
    decorators = password_limits()

    @blp.arguments(PasswordChangeIn)
    @blp.response(200, UserOut)
    def post(self, data):
        """Change your password: every other session and open connection ends at once."""
        user = current_user._get_current_object()
        service.change_password(user=user, **data)
        announce_ended(user.id)
        start_session(user, remember=False)
        return user


@blp.route("/sessions")
class Sessions(MethodView):
    @blp.response(200, SessionListOut)
    def get(self):
        """Where you're signed in: each session's device, start and last active day."""
        return {"items": sessions.list_sessions(actor=current_user)}


@blp.route("/sessions/<int:session_id>")
class SessionItem(MethodView):
    @blp.response(204)
    def delete(self, session_id):
        """Sign a session out: its cookie stops working and its live connections close."""
        if sessions.end_session(actor=current_user, session_id=session_id):
            logout_user()
            session.clear()


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, UserOut)
    def get(self):
        """The logged-in user."""
        return current_user
