"""Per-browser state of the second factor, kept in the signed session cookie: the login
waiting for its second step, and the one-time WebAuthn challenge. HTTP glue only."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import request, session

from mend.auth.mfa.passkeys import RelyingParty
from mend.errors import Conflict, Unauthorized

PENDING_KEY = "mfa_pending"
CHALLENGE_KEY = "webauthn_challenge"
CSRF_KEY = "csrf_token"  # where Flask-WTF keeps the session's CSRF token
# The second step must follow the password within this many seconds.
PENDING_SECONDS = 300
CHALLENGE_SECONDS = 300
REGISTER, SIGN_IN = "register", "sign-in"
CHALLENGE_GONE = "That passkey request has expired. Please start again."
EXPIRED = "Your sign-in took a little too long. Please enter your email and password again."


@dataclass(frozen=True)
class PendingLogin:
    """A login whose password was right, waiting for the second factor."""

    user_id: int
    remember: bool


def begin(*, user_id: int, remember: bool, methods: list[str]) -> dict[str, object]:
    """Remember the half-done login in this browser; nobody is logged in yet."""
    # Whatever this browser held goes (a login in another account included), but the CSRF
    # token stays, so the second step can be posted without fetching a new one.
    csrf_token = session.get(CSRF_KEY)
    session.clear()
    if csrf_token is not None:
        session[CSRF_KEY] = csrf_token
    session[PENDING_KEY] = {
        "user_id": user_id,
        "remember": remember,
        "until": _later(PENDING_SECONDS),
    }
    return {"mfa_required": True, "methods": methods}


def current() -> PendingLogin | None:
    """The login waiting in this browser, if it has not expired."""
    state = session.get(PENDING_KEY)
    if not isinstance(state, dict) or state.get("until", 0) < time.time():
        return None
    return PendingLogin(user_id=int(state["user_id"]), remember=bool(state["remember"]))


def require() -> PendingLogin:
    """The waiting login, or 401: the password step must come first."""
    found = current()
    if found is None:
        raise Unauthorized(EXPIRED, slug="mfa-not-started")
    return found


def keep_challenge(purpose: str, challenge: bytes) -> None:
    """Keep a WebAuthn challenge for one answer of this purpose."""
    session[CHALLENGE_KEY] = {
        "purpose": purpose,
        "value": base64.b64encode(challenge).decode(),
        "until": _later(CHALLENGE_SECONDS),
    }


def take_challenge(purpose: str) -> bytes:
    """The kept challenge, used up by this call. Without one for this purpose: 401 when
    signing in (the sign-in failed), 409 when saving a passkey (start that again)."""
    state = session.pop(CHALLENGE_KEY, None)
    if (
        not isinstance(state, dict)
        or state.get("purpose") != purpose
        or state.get("until", 0) < time.time()
    ):
        if purpose == REGISTER:
            raise Conflict(CHALLENGE_GONE, slug="passkey-request-expired")
        raise Unauthorized(CHALLENGE_GONE, slug="mfa-failed")
    return base64.b64decode(state["value"])


def relying_party() -> RelyingParty:
    """This web app as a WebAuthn relying party: the host it is served on, and its origin."""
    origin = f"{request.scheme}://{request.host}"
    return RelyingParty(id=urlsplit(origin).hostname or "localhost", origin=origin)


def _later(seconds: int) -> float:
    return time.time() + seconds
