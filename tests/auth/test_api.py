"""Accounts from the outside: register, login, logout, me, CSRF, rate limits, cookies."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.builders import PASSWORD, ApiClient, make_user, unique_email
from tests.mail.inbox import last_link, last_token, mails_to


def register_body(**changes: object) -> dict[str, object]:
    """A valid registration body with some fields changed."""
    body: dict[str, object] = {
        "email": unique_email(),
        "password": PASSWORD,
        "display_name": "Robin",
        "account_type": "partner",
        "timezone": "Europe/Berlin",
    }
    body.update(changes)
    return body


def login(api: ApiClient, email: str, password: str = PASSWORD, **extra: object):
    """POST /auth/login."""
    return api.post("/auth/login", json={"email": email, "password": password, **extra})


def test_register_answers_202_and_the_mailed_link_verifies_and_logs_in(
    app: Flask, client: ApiClient
) -> None:
    response = client.post("/auth/register", json=register_body(email="Robin@Example.ORG "))
    assert response.status_code == 202
    assert response.get_json() == {"status": "verification-sent"}
    assert client.get("/auth/me").status_code == 401  # registering alone never logs in
    token = last_token(app, "robin@example.org", "/verify")
    response = client.post("/auth/verify", json={"token": token})
    assert response.status_code == 200
    user = response.get_json()
    assert user["email"] == "robin@example.org"
    assert user["timezone"] == "Europe/Berlin"
    assert user["email_verified"] is True
    assert "password" not in user and "password_hash" not in user
    me = client.get("/auth/me")
    assert me.status_code == 200
    assert me.get_json() == user


def test_timezone_defaults_to_utc(app: Flask, client: ApiClient) -> None:
    body = register_body()
    del body["timezone"]
    assert client.post("/auth/register", json=body).status_code == 202
    token = last_token(app, str(body["email"]), "/verify")
    assert client.post("/auth/verify", json={"token": token}).get_json()["timezone"] == "UTC"


def test_a_taken_email_ignoring_case_gets_the_same_answer_and_no_second_account(
    app: Flask, client: ApiClient
) -> None:
    make_user(app, email="taken@example.org")
    before = len(mails_to(app, "taken@example.org"))
    body = register_body(email="TAKEN@example.org", password="another password 1")
    response = client.post("/auth/register", json=body)
    assert response.status_code == 202
    assert response.get_json() == {"status": "verification-sent"}
    notice = mails_to(app, "taken@example.org")[before:]
    assert len(notice) == 1 and "/forgot-password" in last_link(app, "taken@example.org")
    assert login(client, "taken@example.org", "another password 1").status_code == 401
    assert login(client, "taken@example.org").status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("password", "short1234"),
        ("email", "not-an-email"),
        ("account_type", "admin"),
        ("timezone", "Mars/Olympus_Mons"),
        ("timezone", "/etc/passwd"),
        ("display_name", ""),
        ("display_name", "   "),
        ("display_name", "x" * 81),
        ("display_name", 7),
        ("password", 1234567890123),
    ],
)
def test_register_rejects_bad_field(client: ApiClient, field: str, value: object) -> None:
    response = client.post("/auth/register", json=register_body(**{field: value}))
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert list(response.get_json()["errors"]) == [field]


def test_login_and_me(app: Flask, client: ApiClient) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    response = login(client, email.upper())
    assert response.status_code == 200
    assert client.get("/auth/me").get_json()["email"] == email


def test_me_without_login_is_401_problem(client: ApiClient) -> None:
    response = client.get("/auth/me")
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 401


def test_wrong_password_and_unknown_email_get_the_same_answer(
    app: Flask, client: ApiClient
) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    wrong_password = login(client, email, "not the password")
    unknown_email = login(client, "nobody@example.org")
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.get_json() == unknown_email.get_json()


def test_logout_invalidates_a_copied_cookie(app: Flask) -> None:
    user = make_user(app)
    cookie = user.http.get_cookie("mend_session")
    assert cookie is not None
    stolen = ApiClient(app)
    stolen.http.set_cookie("mend_session", cookie.value)
    assert stolen.get("/auth/me").status_code == 200

    assert user.post("/auth/logout").status_code == 204

    assert user.get("/auth/me").status_code == 401
    assert stolen.get("/auth/me").status_code == 401


def test_logout_ends_only_that_session(app: Flask) -> None:
    user = make_user(app)
    other_device = ApiClient(app)
    assert login(other_device, user.user["email"]).status_code == 200  # type: ignore[index]
    assert user.post("/auth/logout").status_code == 204
    assert other_device.get("/auth/me").status_code == 200


def test_login_cookie_is_httponly_lax_and_not_long_lived(app: Flask, client: ApiClient) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    response = login(client, email, remember=True)
    cookie_header = next(
        h for h in response.headers.getlist("Set-Cookie") if h.startswith("mend_session=")
    )
    assert "HttpOnly" in cookie_header
    assert "SameSite=Lax" in cookie_header
    assert "Secure" not in cookie_header
    client.http.get_cookie("mend_session")
    assert client.http.get_cookie("mend_session").expires is not None
    assert "remember_token" not in "".join(response.headers.getlist("Set-Cookie"))


def test_session_cookie_is_secure_in_production(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import build_app

    app = build_app(tmp_path, env="production", secret_key="s" * 40)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_login_rejects_non_boolean_remember(app: Flask, client: ApiClient) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    response = login(client, email, remember=1)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["remember"]


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_unsafe_request_without_valid_csrf_token_is_403(client: ApiClient, token) -> None:  # type: ignore[no-untyped-def]
    client.csrf_token()
    headers = {} if token is None else {"X-CSRFToken": token}
    response = client.http.post("/api/v1/auth/register", json=register_body(), headers=headers)
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == "urn:mend:problem:csrf-failed"


def test_csrf_token_from_another_session_is_refused(app: Flask, client: ApiClient) -> None:
    other = ApiClient(app)
    response = client.http.post(
        "/api/v1/auth/register", json=register_body(), headers={"X-CSRFToken": other.csrf_token()}
    )
    assert response.status_code == 403


def test_failed_logins_for_one_account_are_rate_limited(app: Flask) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    attempts = [login(ApiClient(app), email, "wrong password") for _ in range(6)]
    assert [r.status_code for r in attempts[:5]] == [401] * 5
    limited = attempts[5]
    assert limited.status_code == 429
    assert limited.mimetype == "application/problem+json"
    assert int(limited.headers["Retry-After"]) > 0
    # Even the right password waits until the limit resets.
    assert login(ApiClient(app), email).status_code == 429


def test_failed_logins_from_one_address_are_rate_limited(client: ApiClient) -> None:
    statuses = [login(client, unique_email(), "wrong password").status_code for _ in range(31)]
    assert statuses[:30] == [401] * 30
    assert statuses[30] == 429


def test_successful_logins_are_not_counted(app: Flask) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    assert all(login(ApiClient(app), email).status_code == 200 for _ in range(8))
