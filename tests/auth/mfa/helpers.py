"""Helpers for second-factor tests: enrol TOTP through the API, make codes, freeze time."""

from __future__ import annotations

import types

import pyotp
import pytest

from mend.auth.mfa import totp as totp_module
from tests.builders import PASSWORD, ApiClient

STEP = 30
# A moment in the middle of a time step, so step arithmetic in tests never straddles one.
T0 = 1_800_000_015.0


def freeze(monkeypatch: pytest.MonkeyPatch, now: float) -> None:
    """Make the TOTP check see `now` as the current time (only in mend's totp module)."""
    monkeypatch.setattr(totp_module, "time", types.SimpleNamespace(time=lambda: now))


def code_at(secret: str, moment: float) -> str:
    """The code an authenticator app shows at that moment."""
    return pyotp.TOTP(secret).at(moment)


def enrol_totp(api: ApiClient, monkeypatch: pytest.MonkeyPatch, *, now: float = T0):
    """Set up and confirm TOTP at `now`; returns (secret, recovery codes)."""
    started = api.post("/auth/mfa/totp", json={"password": PASSWORD})
    assert started.status_code == 200, started.get_json()
    secret = started.get_json()["secret"]
    freeze(monkeypatch, now)
    confirmed = api.post("/auth/mfa/totp/confirm", json={"code": code_at(secret, now)})
    assert confirmed.status_code == 200, confirmed.get_json()
    return secret, confirmed.get_json()["recovery_codes"]


def password_step(api: ApiClient, email: str, password: str = PASSWORD):
    """POST /auth/login with the right password."""
    return api.post("/auth/login", json={"email": email, "password": password})
