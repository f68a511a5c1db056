"""TOTP from the outside: enrolment, the second login step, replay and clock drift."""

from __future__ import annotations

import pyotp
import pytest
from flask import Flask

from tests.auth.mfa.helpers import STEP, T0, code_at, enrol_totp, freeze, password_step
from tests.builders import PASSWORD, ApiClient, make_user


@pytest.fixture
def person(app: Flask) -> ApiClient:
    """A logged-in partner without a second factor."""
    return make_user(app, display_name="Robin")


def fresh_login(app: Flask, person: ApiClient) -> ApiClient:
    """A new browser that passed the password step of person's account."""
    browser = ApiClient(app)
    answer = password_step(browser, person.user["email"])
    assert answer.status_code == 200
    assert answer.get_json() == {"mfa_required": True, "methods": ["totp", "recovery_code"]}
    return browser


def test_setup_answers_secret_and_uri_and_is_not_active_yet(app, person) -> None:
    started = person.post("/auth/mfa/totp", json={"password": PASSWORD}).get_json()
    assert pyotp.parse_uri(started["otpauth_uri"]).secret == started["secret"]
    assert started["otpauth_uri"].startswith("otpauth://totp/Mend:")
    assert person.get("/auth/mfa").get_json()["totp"] is False
    browser = ApiClient(app)
    assert "id" in password_step(browser, person.user["email"]).get_json()


def test_setup_needs_the_password(person) -> None:
    answer = person.post("/auth/mfa/totp", json={"password": "not my password"})
    assert answer.status_code == 403
    assert answer.get_json()["type"] == "urn:mend:problem:wrong-password"


def test_confirm_refuses_a_wrong_code(person, monkeypatch) -> None:
    person.post("/auth/mfa/totp", json={"password": PASSWORD})
    freeze(monkeypatch, T0)
    answer = person.post("/auth/mfa/totp/confirm", json={"code": "000000"})
    assert answer.status_code == 422
    assert "code" in answer.get_json()["errors"]
    assert person.get("/auth/mfa").get_json()["totp"] is False


def test_confirm_turns_totp_on_with_ten_recovery_codes(person, monkeypatch) -> None:
    _secret, codes = enrol_totp(person, monkeypatch)
    assert len(codes) == 10 and len(set(codes)) == 10
    status = person.get("/auth/mfa").get_json()
    assert status == {"totp": True, "passkeys": [], "recovery_codes_left": 10, "required": False}


def test_login_does_not_log_in_before_the_second_step(app, person, monkeypatch) -> None:
    secret, _codes = enrol_totp(person, monkeypatch)
    browser = fresh_login(app, person)
    assert browser.get("/auth/me").status_code == 401
    assert browser.get("/spaces").status_code == 401
    freeze(monkeypatch, T0 + STEP)
    answer = browser.post("/auth/mfa/verify", json={"code": code_at(secret, T0 + STEP)})
    assert answer.status_code == 200
    assert answer.get_json()["id"] == person.id
    assert browser.get("/auth/me").get_json()["id"] == person.id


def test_verify_without_the_password_step_is_401(app, person, monkeypatch) -> None:
    secret, _codes = enrol_totp(person, monkeypatch)
    stranger = ApiClient(app)
    freeze(monkeypatch, T0 + STEP)
    answer = stranger.post("/auth/mfa/verify", json={"code": code_at(secret, T0 + STEP)})
    assert answer.status_code == 401
    assert answer.get_json()["type"] == "urn:mend:problem:mfa-not-started"


def test_a_code_is_accepted_once(app, person, monkeypatch) -> None:
    secret, _codes = enrol_totp(person, monkeypatch)
    now = T0 + 4 * STEP
    freeze(monkeypatch, now)
    first = fresh_login(app, person)
    assert first.post("/auth/mfa/verify", json={"code": code_at(secret, now)}).status_code == 200
    replay = fresh_login(app, person)
    answer = replay.post("/auth/mfa/verify", json={"code": code_at(secret, now)})
    assert answer.status_code == 401
    assert answer.get_json()["type"] == "urn:mend:problem:mfa-failed"
    assert replay.get("/auth/me").status_code == 401


def test_the_enrolment_code_cannot_be_replayed_at_login(app, person, monkeypatch) -> None:
    secret, _codes = enrol_totp(person, monkeypatch)  # frozen at T0 still
    browser = fresh_login(app, person)
    assert browser.post("/auth/mfa/verify", json={"code": code_at(secret, T0)}).status_code == 401


def test_an_older_step_is_refused_after_a_newer_one(app, person, monkeypatch) -> None:
    secret, _codes = enrol_totp(person, monkeypatch)
    now = T0 + 10 * STEP
    freeze(monkeypatch, now)
    ahead = fresh_login(app, person)
    assert (
        ahead.post("/auth/mfa/verify", json={"code": code_at(secret, now + STEP)}).status_code
        == 200
    )
    behind = fresh_login(app, person)
    assert behind.post("/auth/mfa/verify", json={"code": code_at(secret, now)}).status_code == 401


@pytest.mark.parametrize(
    ("offset", "accepted"), [(-STEP, True), (STEP, True), (-2 * STEP, False), (2 * STEP, False)]
)
def test_drift_window_is_one_step_either_side(app, person, monkeypatch, offset, accepted) -> None:
    secret, _codes = enrol_totp(person, monkeypatch)
    now = T0 + 100 * STEP
    freeze(monkeypatch, now)
    browser = fresh_login(app, person)
    answer = browser.post("/auth/mfa/verify", json={"code": code_at(secret, now + offset)})
    assert (answer.status_code == 200) is accepted


def test_turning_totp_off_needs_the_password(app, person, monkeypatch) -> None:
    enrol_totp(person, monkeypatch)
    refused = person.delete("/auth/mfa/totp", json={"password": "wrong password!"})
    assert refused.status_code == 403
    assert person.get("/auth/mfa").get_json()["totp"] is True
    assert person.delete("/auth/mfa/totp", json={"password": PASSWORD}).status_code == 204
    assert person.get("/auth/mfa").get_json() == {
        "totp": False,
        "passkeys": [],
        "recovery_codes_left": 0,
        "required": False,
    }
    assert "id" in password_step(ApiClient(app), person.user["email"]).get_json()


def test_a_second_setup_while_on_is_409(person, monkeypatch) -> None:
    enrol_totp(person, monkeypatch)
    assert person.post("/auth/mfa/totp", json={"password": PASSWORD}).status_code == 409


def test_wrong_second_steps_are_rate_limited_like_the_password(app, person, monkeypatch) -> None:
    enrol_totp(person, monkeypatch)
    browser = fresh_login(app, person)
    statuses = [
        browser.post("/auth/mfa/verify", json={"code": "123456"}).status_code for _ in range(6)
    ]
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429


@pytest.mark.parametrize(
    "body",
    [{}, {"code": "123456", "recovery_code": "ABCDE-FGHIJ"}, {"code": 123456}, {"extra": 1}],
)
def test_malformed_second_steps_are_422(app, person, monkeypatch, body) -> None:
    enrol_totp(person, monkeypatch)
    browser = fresh_login(app, person)
    answer = browser.post("/auth/mfa/verify", json=body)
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
