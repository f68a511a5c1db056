"""Recovery codes: single use, any letter case, regenerated only with the password."""

from __future__ import annotations

from flask import Flask

from tests.auth.mfa.helpers import enrol_totp, password_step
from tests.builders import PASSWORD, ApiClient, make_user


def second_step(app: Flask, email: str, recovery_code: str):
    """A fresh browser's password step, then the recovery code."""
    browser = ApiClient(app)
    assert password_step(browser, email).get_json()["mfa_required"] is True
    return browser, browser.post("/auth/mfa/verify", json={"recovery_code": recovery_code})


def test_a_recovery_code_works_once(app, monkeypatch) -> None:
    person = make_user(app)
    _secret, codes = enrol_totp(person, monkeypatch)
    browser, first = second_step(app, person.user["email"], codes[0])
    assert first.status_code == 200
    assert browser.get("/auth/me").status_code == 200
    _other, again = second_step(app, person.user["email"], codes[0])
    assert again.status_code == 401
    assert person.get("/auth/mfa").get_json()["recovery_codes_left"] == 9


def test_recovery_codes_accept_any_case_and_no_dash(app, monkeypatch) -> None:
    person = make_user(app)
    _secret, codes = enrol_totp(person, monkeypatch)
    typed = codes[3].replace("-", " ").lower()
    assert second_step(app, person.user["email"], typed)[1].status_code == 200


def test_another_accounts_code_does_not_work(app, monkeypatch) -> None:
    person, other = make_user(app), make_user(app)
    enrol_totp(person, monkeypatch)
    _secret, other_codes = enrol_totp(other, monkeypatch)
    assert second_step(app, person.user["email"], other_codes[0])[1].status_code == 401


def test_regenerating_needs_the_password_and_retires_old_codes(app, monkeypatch) -> None:
    person = make_user(app)
    _secret, old = enrol_totp(person, monkeypatch)
    refused = person.post("/auth/mfa/recovery-codes", json={"password": "not the password"})
    assert refused.status_code == 403
    fresh = person.post("/auth/mfa/recovery-codes", json={"password": PASSWORD})
    assert fresh.status_code == 200
    new = fresh.get_json()["recovery_codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert second_step(app, person.user["email"], old[1])[1].status_code == 401
    assert second_step(app, person.user["email"], new[1])[1].status_code == 200


def test_no_recovery_codes_without_a_factor(partner) -> None:
    answer = partner.post("/auth/mfa/recovery-codes", json={"password": PASSWORD})
    assert answer.status_code == 409
