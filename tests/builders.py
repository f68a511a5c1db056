"""Small builders for test data, driven through the public API."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

API = "/api/v1"
PASSWORD = "correct horse battery"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
_numbers = itertools.count(1)


class ApiClient:
    """A test client for /api/v1 that carries its session cookie and CSRF token."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.http: FlaskClient = app.test_client()
        self.user: dict[str, Any] | None = None
        self._csrf: str | None = None

    def csrf_token(self, *, refresh: bool = False) -> str:
        """The session's CSRF token, fetched once."""
        if self._csrf is None or refresh:
            self._csrf = self.http.get(f"{API}/auth/csrf").get_json()["csrf_token"]
        return self._csrf

    def request(self, method: str, path: str, **kwargs: Any) -> TestResponse:
        """Send a request to the API, adding the CSRF header to unsafe methods."""
        headers = dict(kwargs.pop("headers", {}) or {})
        if method.upper() in UNSAFE_METHODS and "X-CSRFToken" not in headers:
            headers["X-CSRFToken"] = self.csrf_token()
        return self.http.open(f"{API}{path}", method=method.upper(), headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> TestResponse:
        return self.request("DELETE", path, **kwargs)

    @property
    def id(self) -> int:
        """The logged-in user's id."""
        assert self.user is not None, "this client is not logged in"
        return int(self.user["id"])


def unique_email(prefix: str = "person") -> str:
    """An email address no other test uses."""
    return f"{prefix}{next(_numbers)}@example.org"


def make_user(
    app: Flask,
    *,
    account_type: str = "partner",
    display_name: str = "Person",
    email: str | None = None,
    timezone: str = "UTC",
) -> ApiClient:
    """Register an account through the API and log in; the returned client is logged in as it.

    (Registering never logs in; an unverified account may log in. tests/auth/test_register.py
    covers the verification link.)
    """
    api = ApiClient(app)
    email = email or unique_email(account_type)
    response = api.post(
        "/auth/register",
        json={
            "email": email,
            "password": PASSWORD,
            "display_name": display_name,
            "account_type": account_type,
            "timezone": timezone,
        },
    )
    assert response.status_code == 202, response.get_json()
    api.csrf_token(refresh=True)
    response = api.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.get_json()
    api.user = response.get_json()
    api.csrf_token(refresh=True)
    return api


def make_space(owner: ApiClient, *, my_role: str = "hurt", name: str = "Us") -> int:
    """Create a space as owner and return its id."""
    response = owner.post("/spaces", json={"name": name, "my_role": my_role})
    assert response.status_code == 201, response.get_json()
    return int(response.get_json()["id"])


def invite_code(member: ApiClient, space_id: int, role: str) -> str:
    """A fresh invite code for role, made by member."""
    response = member.post(f"/spaces/{space_id}/invites", json={"role": role})
    assert response.status_code == 201, response.get_json()
    return str(response.get_json()["code"])


def join(newcomer: ApiClient, code: str) -> TestResponse:
    """Redeem an invite code as newcomer."""
    return newcomer.post("/invites/accept", json={"code": code})


@dataclass
class Couple:
    """A space with both partners in it."""

    space_id: int
    hurt: ApiClient
    repairing: ApiClient


def make_couple(app: Flask) -> Couple:
    """A space made by the hurt partner, joined by the repairing partner."""
    hurt = make_user(app, display_name="Sam")
    repairing = make_user(app, display_name="Alex")
    space_id = make_space(hurt, my_role="hurt")
    assert join(repairing, invite_code(hurt, space_id, "repairing")).status_code == 200
    return Couple(space_id=space_id, hurt=hurt, repairing=repairing)


def add_therapist(app: Flask, couple: Couple) -> ApiClient:
    """A therapist account that joined the couple's space by invitation."""
    therapist = make_user(app, account_type="therapist", display_name="Dr. Lee")
    assert (
        join(therapist, invite_code(couple.hurt, couple.space_id, "therapist")).status_code == 200
    )
    return therapist
