"""Password reset from the outside: same answer for any address, single use, 30 minutes,
every session and socket ended, never a login, a notice afterwards."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from sqlalchemy import select, update

from mend.auth.models import AccountToken
from mend.database import utcnow
from mend.extensions import db
from tests.builders import PASSWORD, ApiClient, make_user, unique_email
from tests.conftest import Connect
from tests.mail.inbox import last_link, last_token, mails_to

NEW_PASSWORD = "a brand new passphrase"


def ask_reset(client: ApiClient, email: str):  # type: ignore[no-untyped-def]
    """POST /auth/password-reset."""
    return client.post("/auth/password-reset", json={"email": email})


def confirm(client: ApiClient, token: str, password: str = NEW_PASSWORD):  # type: ignore[no-untyped-def]
    """POST /auth/password-reset/confirm."""
    return client.post(
        "/auth/password-reset/confirm", json={"token": token, "new_password": password}
    )


def login(client: ApiClient, email: str, password: str):  # type: ignore[no-untyped-def]
    """POST /auth/login."""
    return client.post("/auth/login", json={"email": email, "password": password})


def test_known_and_unknown_addresses_get_the_same_answer(app: Flask, client: ApiClient) -> None:
    known = make_user(app).user["email"]  # type: ignore[index]
    unknown = unique_email("nobody")
    before = len(mails_to(app, known))
    answers = [ask_reset(ApiClient(app), address) for address in (known, unknown)]
    assert [(a.status_code, a.get_json()) for a in answers] == [
        (202, {"status": "reset-link-sent"})
    ] * 2
    assert len(mails_to(app, known)) == before + 1
    assert mails_to(app, unknown) == []


def test_reset_sets_the_password_ends_every_session_and_socket_and_never_logs_in(
    app: Flask, connect: Connect
) -> None:
    user = make_user(app)
    email = user.user["email"]  # type: ignore[index]
    other_device = ApiClient(app)
    assert login(other_device, email, PASSWORD).status_code == 200
    sockets = [connect(user), connect(other_device)]
    assert all(s.is_connected() for s in sockets)

    stranger = ApiClient(app)
    assert ask_reset(stranger, email).status_code == 202
    token = last_token(app, email, "/reset-password")
    response = confirm(stranger, token)
    assert response.status_code == 204
    assert stranger.get("/auth/me").status_code == 401  # not logged in by the reset
    assert user.get("/auth/me").status_code == 401
    assert other_device.get("/auth/me").status_code == 401
    assert not any(s.is_connected() for s in sockets)
    assert login(ApiClient(app), email, PASSWORD).status_code == 401
    assert login(ApiClient(app), email, NEW_PASSWORD).status_code == 200
    assert "/forgot-password" in last_link(app, email)  # the "password changed" notice
    assert "password of your account was just changed" in _plain(mails_to(app, email)[-1])


def test_a_reset_link_works_once(app: Flask) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    ask_reset(ApiClient(app), email)
    token = last_token(app, email, "/reset-password")
    assert confirm(ApiClient(app), token).status_code == 204
    again = confirm(ApiClient(app), token, "yet another passphrase")
    assert again.status_code == 410
    assert login(ApiClient(app), email, NEW_PASSWORD).status_code == 200


def test_a_reset_link_expires_after_30_minutes(app: Flask) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    ask_reset(ApiClient(app), email)
    token = last_token(app, email, "/reset-password")
    with app.app_context():
        resets = AccountToken.purpose == "password-reset"
        row = db.session.scalars(select(AccountToken).where(resets)).one()
        assert row.expires_at - row.created_at == timedelta(minutes=30)
        past = utcnow() - timedelta(seconds=1)
        db.session.execute(update(AccountToken).where(resets).values(expires_at=past))
        db.session.commit()
    assert confirm(ApiClient(app), token).status_code == 410
    assert login(ApiClient(app), email, PASSWORD).status_code == 200


def test_a_newer_reset_link_replaces_the_older_one(app: Flask) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    ask_reset(ApiClient(app), email)
    first = last_token(app, email, "/reset-password")
    ask_reset(ApiClient(app), email)
    second = last_token(app, email, "/reset-password")
    assert first != second and len(second) >= 43  # 256 bits, base64url
    assert confirm(ApiClient(app), first).status_code == 410
    assert confirm(ApiClient(app), second).status_code == 204


def test_a_reset_token_cannot_verify_an_address(app: Flask) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    ask_reset(ApiClient(app), email)
    token = last_token(app, email, "/reset-password")
    assert ApiClient(app).post("/auth/verify", json={"token": token}).status_code == 410
    assert confirm(ApiClient(app), token).status_code == 204


def test_a_short_new_password_is_422_and_keeps_the_link(app: Flask) -> None:
    email = make_user(app).user["email"]  # type: ignore[index]
    ask_reset(ApiClient(app), email)
    token = last_token(app, email, "/reset-password")
    assert confirm(ApiClient(app), token, "short").status_code == 422
    assert confirm(ApiClient(app), token).status_code == 204


def test_reset_requests_are_rate_limited_and_malformed_ones_are_422(client: ApiClient) -> None:
    assert ask_reset(client, "not-an-address").status_code == 422
    assert client.post("/auth/password-reset", json={}).status_code == 422


def _plain(message) -> str:  # type: ignore[no-untyped-def]
    return message.get_body(("plain",)).get_content()
