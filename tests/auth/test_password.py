"""Changing a password ends every other session and open socket at once."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.builders import PASSWORD, ApiClient, make_user
from tests.conftest import Connect

NEW_PASSWORD = "a much better passphrase"


def change(api: ApiClient, current: str = PASSWORD, new: str = NEW_PASSWORD):  # type: ignore[no-untyped-def]
    return api.post("/auth/password", json={"current_password": current, "new_password": new})


def test_changing_password_logs_out_copied_cookies_but_not_the_changer(app: Flask) -> None:
    user = make_user(app)
    copied = ApiClient(app)
    copied.http.set_cookie("mend_session", user.http.get_cookie("mend_session").value)
    assert copied.get("/auth/me").status_code == 200

    response = change(user)
    assert response.status_code == 200
    assert copied.get("/auth/me").status_code == 401
    assert user.get("/auth/me").status_code == 200

    fresh = ApiClient(app)
    email = user.user["email"]  # type: ignore[index]
    assert fresh.post("/auth/login", json={"email": email, "password": PASSWORD}).status_code == 401
    login = fresh.post("/auth/login", json={"email": email, "password": NEW_PASSWORD})
    assert login.status_code == 200


def test_wrong_current_password_is_refused_and_changes_nothing(app: Flask) -> None:
    user = make_user(app)
    response = change(user, current="not my password")
    assert response.status_code == 403
    assert list(response.get_json()["errors"]) == ["current_password"]
    assert user.get("/auth/me").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"current_password": PASSWORD, "new_password": "short"}, "new_password"),
        ({"new_password": NEW_PASSWORD}, "current_password"),
        ({"current_password": PASSWORD, "new_password": 1234567890123}, "new_password"),
    ],
)
def test_password_change_is_validated(app: Flask, body: dict, field: str) -> None:
    response = make_user(app).post("/auth/password", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_wrong_current_passwords_are_rate_limited(app: Flask) -> None:
    user = make_user(app)
    statuses = [change(user, current="guess").status_code for _ in range(6)]
    assert statuses == [403] * 5 + [429]


def test_changing_password_closes_open_sockets(app: Flask, connect: Connect) -> None:
    user = make_user(app)
    other_device = ApiClient(app)
    email = user.user["email"]  # type: ignore[index]
    other_device.post("/auth/login", json={"email": email, "password": PASSWORD})
    sockets = [connect(user), connect(other_device)]
    assert all(s.is_connected() for s in sockets)
    assert change(user).status_code == 200
    assert not any(s.is_connected() for s in sockets)
