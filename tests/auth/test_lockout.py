"""Failed-login limits that never lock the owner out of a device they signed in on before."""

from __future__ import annotations

import logging

import pytest
from flask import Flask

from mend.auth.devices import DEVICE_COOKIE
from tests.builders import PASSWORD, ApiClient, make_user, unique_email

STRANGER = {"REMOTE_ADDR": "198.51.100.9"}


def login(api: ApiClient, email: str, password: str = PASSWORD, **environ: str):
    """POST /auth/login, optionally from another client address."""
    return api.post(
        "/auth/login",
        json={"email": email, "password": password},
        headers={"X-CSRFToken": api.csrf_token(refresh=True)},
        environ_base=environ,
    )


def guess(app: Flask, email: str, times: int, **environ: str) -> list[int]:
    """Wrong passwords for email from fresh browsers (no device cookie); their statuses."""
    return [
        login(ApiClient(app), email, "a wrong guess", **environ).status_code for _ in range(times)
    ]


def test_strangers_guesses_never_lock_the_owner_out_of_a_known_device(app: Flask) -> None:
    owner = make_user(app)
    email = owner.user["email"]  # type: ignore[index]
    assert owner.post("/auth/logout").status_code == 204

    assert guess(app, email, 6, **STRANGER) == [401] * 5 + [429]
    refused = login(ApiClient(app), email, **STRANGER)
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    assert "Please wait a few minutes" in refused.get_json()["detail"]
    assert int(refused.headers["Retry-After"]) > 0
    # From the same address as the owner too: only unknown devices share that budget.
    assert guess(app, email, 1) == [429]

    assert login(owner, email).status_code == 200
    assert owner.get("/auth/me").status_code == 200


def test_a_known_device_has_its_own_budget(app: Flask) -> None:
    owner = make_user(app)
    email = owner.user["email"]  # type: ignore[index]
    other_known = ApiClient(app)
    assert login(other_known, email).status_code == 200

    statuses = [login(owner, email, "a typo in it").status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    assert login(owner, email).status_code == 429
    assert login(other_known, email).status_code == 200
    assert login(ApiClient(app), email).status_code == 200


def test_a_stranger_is_limited_per_address_across_accounts(app: Flask) -> None:
    owner = make_user(app)
    emails = [unique_email() for _ in range(31)]
    statuses = [login(ApiClient(app), email, "guess", **STRANGER).status_code for email in emails]
    assert statuses[:30] == [401] * 30
    assert statuses[30] == 429
    # A right password from that address waits as well, unless its device is known.
    email = owner.user["email"]  # type: ignore[index]
    assert login(ApiClient(app), email, **STRANGER).status_code == 429
    assert login(owner, email, **STRANGER).status_code == 200
    # Other addresses are not affected.
    assert login(ApiClient(app), email).status_code == 200


def test_a_device_known_to_one_account_gets_no_budget_for_another(app: Flask) -> None:
    shared_laptop = make_user(app)
    target = make_user(app).user["email"]  # type: ignore[index]
    assert guess(app, target, 5, **STRANGER) == [401] * 5
    assert login(shared_laptop, target, "guess").status_code == 429


@pytest.mark.parametrize("cookie", ["forged", "eyJkIjoiYWJjIiwiYSI6W119.bad-signature"])
def test_a_forged_device_cookie_is_an_unknown_device(app: Flask, cookie: str) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    assert guess(app, email, 5, **STRANGER) == [401] * 5
    forger = ApiClient(app)
    forger.http.set_cookie(DEVICE_COOKIE, cookie, path="/api/v1/auth")
    assert login(forger, email).status_code == 429


def test_the_device_cookie_is_signed_httponly_lax_and_only_sent_to_auth(app: Flask) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    response = login(ApiClient(app), email)
    header = next(
        h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{DEVICE_COOKIE}=")
    )
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header
    assert "Path=/api/v1/auth" in header
    assert "Max-Age=" in header
    assert email not in header
    assert email.split("@")[0] not in header


def test_log_lines_never_carry_the_email(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    owner = make_user(app)
    email = owner.user["email"]  # type: ignore[index]
    caplog.set_level(logging.DEBUG)

    guess(app, email, 7, **STRANGER)
    login(ApiClient(app), "nobody-" + email, "guess")
    login(owner, email)

    assert caplog.records, "the failed logins and the limit were logged"
    for record in caplog.records:
        assert email not in record.getMessage()
        assert "nobody-" not in record.getMessage()
    login_lines = [r for r in caplog.records if r.name in {"mend.auth.service", "flask-limiter"}]
    assert len(login_lines) == 6 + 2  # one per failed login (5 + 1), one per refusal (2)
    assert all(record.exc_info is None for record in login_lines)
    assert any("exceeded" in record.getMessage() for record in login_lines)


def test_a_failed_login_logs_one_line_naming_the_account_by_id(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    owner = make_user(app)
    caplog.set_level(logging.DEBUG)
    assert login(ApiClient(app), owner.user["email"], "guess").status_code == 401  # type: ignore[index]
    lines = [r for r in caplog.records if "login" in r.getMessage().lower()]
    assert [r.getMessage() for r in lines] == [f"login failed: account {owner.id}"]
    assert lines[0].exc_info is None
    caplog.clear()
    assert login(ApiClient(app), unique_email(), "guess").status_code == 401
    lines = [r.getMessage() for r in caplog.records if "login" in r.getMessage().lower()]
    assert lines == ["login failed: no such account"]
