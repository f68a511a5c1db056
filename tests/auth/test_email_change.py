"""Changing the account's address: the password, a link to the new address, a notice to the old."""

from __future__ import annotations

from flask import Flask

from tests.builders import PASSWORD, ApiClient, make_user, unique_email
from tests.mail.inbox import last_link, last_token, mails_to


def ask_change(user: ApiClient, new_email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    """POST /auth/email."""
    return user.post("/auth/email", json={"password": password, "new_email": new_email})


def test_the_account_moves_once_the_new_address_confirms(app: Flask) -> None:
    user = make_user(app)
    old = user.user["email"]  # type: ignore[index]
    new = unique_email("moved")
    response = ask_change(user, new.upper())
    assert response.status_code == 202
    assert user.get("/auth/me").get_json()["email"] == old  # nothing moves yet
    assert "/forgot-password" in last_link(app, old)  # the notice to the old address
    token = last_token(app, new, "/confirm-email")
    confirmed = ApiClient(app).post("/auth/email/confirm", json={"token": token})
    assert confirmed.status_code == 200
    assert confirmed.get_json()["email"] == new
    assert confirmed.get_json()["email_verified"] is True
    assert user.get("/auth/me").get_json()["email"] == new
    login = {"email": new, "password": PASSWORD}
    assert ApiClient(app).post("/auth/login", json=login).status_code == 200
    again = ApiClient(app).post("/auth/email/confirm", json={"token": token})
    assert again.status_code == 410


def test_a_wrong_password_is_403_and_sends_nothing(app: Flask) -> None:
    user = make_user(app)
    new = unique_email("nope")
    response = ask_change(user, new, password="not my password")
    assert response.status_code == 403
    assert response.get_json()["errors"] == {"password": ["That isn't your current password."]}
    assert mails_to(app, new) == []


def test_a_taken_new_address_gets_the_same_answer_and_no_link(app: Flask) -> None:
    user = make_user(app)
    taken = make_user(app).user["email"]  # type: ignore[index]
    before = len(mails_to(app, taken))
    assert ask_change(user, taken).status_code == 202
    assert len(mails_to(app, taken)) == before + 1
    assert "/confirm-email" not in last_link(app, taken)


def test_the_same_address_is_422(app: Flask) -> None:
    user = make_user(app)
    response = ask_change(user, user.user["email"])  # type: ignore[index]
    assert response.status_code == 422
    assert "new_email" in response.get_json()["errors"]


def test_changing_address_needs_a_login(client: ApiClient) -> None:
    assert ask_change(client, unique_email("anon")).status_code == 401
