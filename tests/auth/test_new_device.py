"""A sign-in from a device new to the account mails its owner a content-free alert."""

from __future__ import annotations

import pytest
from flask import Flask

from mend.tasks import init_tasks
from tests.auth.mfa.helpers import STEP, T0, code_at, enrol_totp, freeze
from tests.builders import PASSWORD, ApiClient, unique_email
from tests.mail.inbox import mails_to
from tests.mail.smtp import text_of

FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
NAME = "Canary Robin"


@pytest.fixture(autouse=True)
def _queue_on_suite_app(app: Flask) -> None:
    """Mail runs at once in the suite's app (another test may have bound the queue elsewhere)."""
    init_tasks(app)


def login(api: ApiClient, email: str, password: str = PASSWORD, *, user_agent: str = FIREFOX_LINUX):
    """POST /auth/login from a browser with this User-Agent."""
    return api.post(
        "/auth/login",
        json={"email": email, "password": password},
        headers={"X-CSRFToken": api.csrf_token(refresh=True), "User-Agent": user_agent},
    )


def verified_account(app: Flask) -> tuple[ApiClient, str]:
    """Register and open the verification link in the same browser (which logs in there)."""
    browser, email = ApiClient(app), unique_email()
    body = {"email": email, "password": PASSWORD, "display_name": NAME, "account_type": "partner"}
    assert browser.post("/auth/register", json=body).status_code == 202
    link = text_of(mails_to(app, email)[-1]).split("#token=", 1)[1].split()[0]
    assert browser.post("/auth/verify", json={"token": link}).status_code == 200
    browser.csrf_token(refresh=True)
    return browser, email


def alerts(app: Flask, email: str) -> list[str]:
    """The texts of the new-device alerts mailed to email."""
    texts = [text_of(message) for message in mails_to(app, email)]
    return [text for text in texts if "new sign-in" in text]


def test_a_new_device_signing_in_alerts_the_owner_once(app: Flask) -> None:
    _registering_browser, email = verified_account(app)
    assert alerts(app, email) == []

    new_laptop = ApiClient(app)
    assert login(new_laptop, email).status_code == 200

    [alert] = alerts(app, email)
    assert "a new sign-in to your account on Firefox on Linux." in alert
    assert "/forgot-password" in alert
    assert NAME not in alert and email not in alert
    assert login(new_laptop, email).status_code == 200
    assert len(alerts(app, email)) == 1


def test_the_verifying_browser_is_known(app: Flask) -> None:
    browser, email = verified_account(app)
    assert browser.post("/auth/logout").status_code == 204
    assert login(browser, email).status_code == 200
    assert alerts(app, email) == []


def test_a_failed_sign_in_sends_nothing(app: Flask) -> None:
    _browser, email = verified_account(app)
    assert login(ApiClient(app), email, "a wrong guess").status_code == 401
    assert alerts(app, email) == []


def test_an_unverified_address_gets_no_alert(app: Flask) -> None:
    email = unique_email()
    body = {"email": email, "password": PASSWORD, "display_name": NAME, "account_type": "partner"}
    assert ApiClient(app).post("/auth/register", json=body).status_code == 202
    assert login(ApiClient(app), email).status_code == 200
    assert alerts(app, email) == []


def test_a_new_device_passing_the_second_step_alerts_the_owner(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser, email = verified_account(app)
    secret, _codes = enrol_totp(browser, monkeypatch)
    assert alerts(app, email) == []

    new_laptop = ApiClient(app)
    assert login(new_laptop, email).get_json()["mfa_required"] is True
    assert alerts(app, email) == []  # nobody is signed in yet
    freeze(monkeypatch, T0 + STEP)
    second = new_laptop.post(
        "/auth/mfa/verify",
        json={"code": code_at(secret, T0 + STEP)},
        headers={"X-CSRFToken": new_laptop.csrf_token(refresh=True), "User-Agent": FIREFOX_LINUX},
    )
    assert second.status_code == 200
    [alert] = alerts(app, email)
    assert "a new sign-in to your account on Firefox on Linux." in alert
