"""bench/live.py's accounts: a fresh database and the couples in it, each partner made
and logged in through the API in-process (cheap password hashing), then frozen into a
session cookie and CSRF token that the real servers accept.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask
from flask.testing import FlaskClient
from servers import PASSWORD, PG

LOGIN_EMAIL = "login@bench.mend"


@dataclass(frozen=True)
class Member:
    """A logged-in partner: the session cookie and CSRF token made during setup."""

    user_id: int
    cookie: str
    csrf: str


@dataclass(frozen=True)
class Couple:
    """One space with its two partners."""

    space_id: int
    hurt: Member
    repairing: Member


# --- database and accounts -------------------------------------------------------------


@contextmanager
def bench_database() -> Iterator[str]:
    """A fresh PostgreSQL database on loopback, dropped afterwards; yields its URL."""
    name = f"mend_live_bench_{os.getpid()}"
    subprocess.run(["createdb", *PG, name], check=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        subprocess.run(["dropdb", *PG, "--if-exists", "--force", name], check=False)


def _call(client: FlaskClient, method: str, path: str, body: dict) -> dict:
    """One API call through the in-process test client, with a fresh CSRF token."""
    token = client.get("/api/v1/auth/csrf").json["csrf_token"]
    response = client.open(
        f"/api/v1{path}", method=method, json=body, headers={"X-CSRFToken": token}
    )
    assert response.status_code in (200, 201, 202), response.get_data(as_text=True)
    return response.json


def _member(client: FlaskClient, user_id: int) -> Member:
    """Freeze the client's session into a cookie and CSRF token usable by real servers."""
    token = client.get("/api/v1/auth/csrf").json["csrf_token"]
    cookie = client.get_cookie("mend_session")
    return Member(user_id=user_id, cookie=f"mend_session={cookie.value}", csrf=token)


def register_partner(client: FlaskClient, email: str, name: str) -> int:
    """Create a partner account (and log in); returns its id."""
    body = {"email": email, "password": PASSWORD, "display_name": name, "account_type": "partner"}
    _call(client, "POST", "/auth/register", body)
    login = {"email": email, "password": PASSWORD}
    return int(_call(client, "POST", "/auth/login", login)["id"])


def make_couple(app: Flask, number: int) -> Couple:
    """Two partners and their space, made through the API as a browser would."""
    hurt, repairing = app.test_client(), app.test_client()
    hurt_id = register_partner(hurt, f"hurt{number}@bench.mend", "Sam")
    repairing_id = register_partner(repairing, f"repairing{number}@bench.mend", "Alex")
    space_id = int(_call(hurt, "POST", "/spaces", {"my_role": "hurt"})["id"])
    code = _call(hurt, "POST", f"/spaces/{space_id}/invites", {"role": "repairing"})["code"]
    _call(repairing, "POST", "/invites/accept", {"code": code})
    return Couple(space_id, _member(hurt, hurt_id), _member(repairing, repairing_id))
