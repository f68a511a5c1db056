"""Changing a second factor sends a content-free notice; a password reset never skips one."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.auth.mfa.helpers import enrol_totp, password_step
from tests.builders import PASSWORD, ApiClient, make_user
from tests.mail.inbox import last_token, mails_to
from tests.mail.smtp import text_of

NOTICE = "The ways to sign in to your account were just changed"


def notices(app: Flask, email: str) -> list[str]:
    """The plain text of every sign-in-changed notice written for email."""
    return [text_of(m) for m in mails_to(app, email) if NOTICE in text_of(m)]


@pytest.fixture
def person(app: Flask) -> ApiClient:
    """A logged-in partner without a second factor, with a name a mail must never carry."""
    return make_user(app, display_name="Quillon Example")


def test_turning_totp_on_and_off_each_send_one_content_free_notice(
    app: Flask, person: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    email = person.user["email"]
    enrol_totp(person, monkeypatch)
    assert len(notices(app, email)) == 1
    assert person.delete("/auth/mfa/totp", json={"password": PASSWORD}).status_code == 204
    sent = notices(app, email)
    assert len(sent) == 2
    assert all("Quillon" not in text and "/forgot-password" in text for text in sent)


def test_new_recovery_codes_send_a_notice_and_a_wrong_password_sends_none(
    app: Flask, person: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    email = person.user["email"]
    enrol_totp(person, monkeypatch)
    refused = person.post("/auth/mfa/recovery-codes", json={"password": "not the password"})
    assert refused.status_code == 403
    assert len(notices(app, email)) == 1
    assert person.post("/auth/mfa/recovery-codes", json={"password": PASSWORD}).status_code == 200
    assert len(notices(app, email)) == 2


def test_a_password_reset_never_skips_the_second_factor(
    app: Flask, person: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    email = person.user["email"]
    enrol_totp(person, monkeypatch)
    stranger = ApiClient(app)
    assert stranger.post("/auth/password-reset", json={"email": email}).status_code == 202
    token = last_token(app, email, "/reset-password")
    new_password = "an entirely new passphrase"
    confirmed = stranger.post(
        "/auth/password-reset/confirm", json={"token": token, "new_password": new_password}
    )
    assert confirmed.status_code == 204
    answer = password_step(stranger, email, new_password)
    assert answer.status_code == 200
    assert answer.get_json()["mfa_required"] is True
    assert stranger.get("/auth/me").status_code == 401
