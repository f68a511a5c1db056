"""Passkeys through the API: what needs the password, and what is refused without a
browser's signature (the browser test signs with Chromium's virtual authenticator)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask import Flask
from sqlalchemy import select

from mend.auth.mfa import passkeys
from mend.auth.mfa.models import Passkey
from mend.extensions import db
from tests.auth.mfa.helpers import enrol_totp, password_step
from tests.builders import PASSWORD, ApiClient, make_user

FAKE_CREDENTIAL = {
    "id": "AQID",
    "rawId": "AQID",
    "type": "public-key",
    "response": {"clientDataJSON": "e30", "attestationObject": "oA"},
}


def stored_passkey(app: Flask, user_id: int, *, name: str = "Phone") -> int:
    """A passkey row for the user, as a successful registration leaves it."""
    with app.app_context():
        passkey = Passkey(
            user_id=user_id, credential_id=b"\x01\x02\x03", public_key=b"key", name=name
        )
        db.session.add(passkey)
        db.session.commit()
        return passkey.id


def test_registration_options_need_the_password(partner) -> None:
    refused = partner.post(
        "/auth/mfa/passkeys/registration-options", json={"password": "wrong one!"}
    )
    assert refused.status_code == 403
    answer = partner.post("/auth/mfa/passkeys/registration-options", json={"password": PASSWORD})
    assert answer.status_code == 200
    options = answer.get_json()["publicKey"]
    assert options["rp"] == {"id": "localhost", "name": "Mend"}
    assert options["user"]["name"] == partner.user["email"]
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["challenge"]


def test_saving_a_passkey_without_options_first_is_refused(partner) -> None:
    answer = partner.post(
        "/auth/mfa/passkeys", json={"name": "Phone", "credential": FAKE_CREDENTIAL}
    )
    assert answer.status_code == 409
    assert answer.get_json()["type"] == "urn:mend:problem:passkey-request-expired"
    assert partner.get("/auth/mfa").get_json()["passkeys"] == []


def test_a_credential_that_does_not_verify_is_422_and_the_challenge_is_spent(partner) -> None:
    partner.post("/auth/mfa/passkeys/registration-options", json={"password": PASSWORD})
    answer = partner.post(
        "/auth/mfa/passkeys", json={"name": "Phone", "credential": FAKE_CREDENTIAL}
    )
    assert answer.status_code == 422
    assert "credential" in answer.get_json()["errors"]
    again = partner.post(
        "/auth/mfa/passkeys", json={"name": "Phone", "credential": FAKE_CREDENTIAL}
    )
    assert again.status_code == 409


@pytest.mark.parametrize(
    "body",
    [
        {"name": "", "credential": FAKE_CREDENTIAL},
        {"name": "   ", "credential": FAKE_CREDENTIAL},
        {"name": "x" * 61, "credential": {}},
        {"name": "Phone"},
    ],
)
def test_invalid_passkey_bodies_are_422(partner, body) -> None:
    assert partner.post("/auth/mfa/passkeys", json=body).status_code == 422


def test_removing_a_passkey_needs_the_password(app, partner) -> None:
    passkey_id = stored_passkey(app, partner.id)
    assert partner.get("/auth/mfa").get_json()["passkeys"][0]["name"] == "Phone"
    refused = partner.delete(f"/auth/mfa/passkeys/{passkey_id}", json={"password": "wrong one!"})
    assert refused.status_code == 403
    done = partner.delete(f"/auth/mfa/passkeys/{passkey_id}", json={"password": PASSWORD})
    assert done.status_code == 204
    assert partner.get("/auth/mfa").get_json()["passkeys"] == []


def test_someone_elses_passkey_is_404(app, partner) -> None:
    other = make_user(app)
    passkey_id = stored_passkey(app, other.id)
    answer = partner.delete(f"/auth/mfa/passkeys/{passkey_id}", json={"password": PASSWORD})
    assert answer.status_code == 404


def test_a_passkey_is_offered_at_the_second_step(app, partner) -> None:
    stored_passkey(app, partner.id)
    browser = ApiClient(app)
    answer = password_step(browser, partner.user["email"]).get_json()
    assert answer == {"mfa_required": True, "methods": ["passkey"]}
    options = browser.post("/auth/mfa/passkeys/authentication-options").get_json()["publicKey"]
    assert [c["id"] for c in options["allowCredentials"]] == ["AQID"]
    assert options["userVerification"] == "preferred"


def test_passwordless_options_ask_for_user_verification(client) -> None:
    options = client.post("/auth/mfa/passkeys/authentication-options").get_json()["publicKey"]
    assert options["allowCredentials"] == []
    assert options["userVerification"] == "required"


def test_an_unknown_or_unsigned_passkey_does_not_log_in(app, partner) -> None:
    stored_passkey(app, partner.id)
    browser = ApiClient(app)
    browser.post("/auth/mfa/passkeys/authentication-options")
    answer = browser.post("/auth/mfa/passkeys/login", json={"credential": FAKE_CREDENTIAL})
    assert answer.status_code == 401
    assert browser.get("/auth/me").status_code == 401


def test_another_accounts_passkey_does_not_pass_the_second_step(app, monkeypatch) -> None:
    person, other = make_user(app), make_user(app)
    enrol_totp(person, monkeypatch)
    stored_passkey(app, other.id)
    browser = ApiClient(app)
    password_step(browser, person.user["email"])
    browser.post("/auth/mfa/passkeys/authentication-options")
    answer = browser.post("/auth/mfa/verify", json={"passkey": FAKE_CREDENTIAL})
    assert answer.status_code == 401
    assert browser.get("/auth/me").status_code == 401


def test_removing_the_last_factor_forgets_the_recovery_codes(app, monkeypatch) -> None:
    person = make_user(app)
    _secret, codes = enrol_totp(person, monkeypatch)
    passkey_id = stored_passkey(app, person.id)
    person.delete("/auth/mfa/totp", json={"password": PASSWORD})
    assert person.get("/auth/mfa").get_json()["recovery_codes_left"] == 10
    person.delete(f"/auth/mfa/passkeys/{passkey_id}", json={"password": PASSWORD})
    assert person.get("/auth/mfa").get_json()["recovery_codes_left"] == 0
    assert "id" in password_step(ApiClient(app), person.user["email"]).get_json()


def test_saving_an_already_saved_passkey_is_409(app, partner, monkeypatch) -> None:
    stored_passkey(app, partner.id)
    verified = SimpleNamespace(
        credential_id=b"\x01\x02\x03", credential_public_key=b"k", sign_count=0
    )
    monkeypatch.setattr(passkeys.webauthn, "verify_registration_response", lambda **_: verified)
    partner.post("/auth/mfa/passkeys/registration-options", json={"password": PASSWORD})
    answer = partner.post(
        "/auth/mfa/passkeys", json={"name": "Again", "credential": FAKE_CREDENTIAL}
    )
    assert answer.status_code == 409
    assert [p["name"] for p in partner.get("/auth/mfa").get_json()["passkeys"]] == ["Phone"]


def test_a_verified_first_passkey_is_saved_with_recovery_codes(app, partner, monkeypatch) -> None:
    verified = SimpleNamespace(credential_id=b"\x09\x09", credential_public_key=b"k", sign_count=0)
    monkeypatch.setattr(passkeys.webauthn, "verify_registration_response", lambda **_: verified)
    partner.post("/auth/mfa/passkeys/registration-options", json={"password": PASSWORD})
    credential = {**FAKE_CREDENTIAL, "response": {"transports": ["internal", "carrier-pigeon"]}}
    answer = partner.post("/auth/mfa/passkeys", json={"name": " Phone ", "credential": credential})
    assert answer.status_code == 201
    body = answer.get_json()
    assert body["passkey"]["name"] == "Phone"
    assert len(body["recovery_codes"]) == 10
    with app.app_context():
        assert db.session.scalar(select(Passkey.transports)) == ["internal"]
