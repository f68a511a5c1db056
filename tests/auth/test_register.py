"""Registering without revealing who has an account; the verification link."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select, update

from mend.auth.models import AccountToken
from mend.database import utcnow
from mend.extensions import db
from tests.auth.test_api import register_body
from tests.builders import PASSWORD, ApiClient, make_user, unique_email
from tests.conftest import build_app
from tests.mail.inbox import last_token, mails_to


def register(client: ApiClient, email: str, **changes: object):  # type: ignore[no-untyped-def]
    """POST /auth/register for email."""
    return client.post("/auth/register", json=register_body(email=email, **changes))


def test_new_and_taken_addresses_get_the_same_status_body_and_headers(
    app: Flask, client: ApiClient
) -> None:
    taken = make_user(app).user["email"]  # type: ignore[index]
    new = register(ApiClient(app), unique_email("new"))
    old = register(ApiClient(app), taken)
    assert (new.status_code, new.get_data()) == (old.status_code, old.get_data())
    assert new.status_code == 202
    ignore = {"Set-Cookie", "Date", "Content-Length", "X-RateLimit-Reset", "Retry-After"}
    assert {k for k in new.headers.keys() if k not in ignore} == {
        k for k in old.headers.keys() if k not in ignore
    }


def test_new_and_taken_addresses_take_as_long(app: Flask) -> None:
    """Real argon2 cost here: a taken address that skipped hashing would answer much faster."""
    taken = make_user(app).user["email"]  # type: ignore[index]
    app.config["TESTING_FAST_PASSWORD_HASHING"] = False
    try:
        new_times, taken_times = [], []
        for _ in range(8):  # interleaved, so load on the machine hits both alike
            new_times.append(_timed(app, unique_email("new")))
            taken_times.append(_timed(app, taken))
    finally:
        app.config["TESTING_FAST_PASSWORD_HASHING"] = True
    # The fastest of the runs is each path's own cost; a busy machine only adds to it.
    new_best, taken_best = min(new_times), min(taken_times)
    assert abs(new_best - taken_best) < 0.25 * max(new_best, taken_best), (
        statistics.median(new_times),
        statistics.median(taken_times),
    )


def _timed(app: Flask, email: str) -> float:
    client = ApiClient(app)
    client.csrf_token()
    started = time.perf_counter()
    assert register(client, email).status_code == 202
    return time.perf_counter() - started


def test_a_verification_link_works_once(app: Flask) -> None:
    email = unique_email("once")
    assert register(ApiClient(app), email).status_code == 202
    token = last_token(app, email, "/verify")
    assert ApiClient(app).post("/auth/verify", json={"token": token}).status_code == 200
    again = ApiClient(app).post("/auth/verify", json={"token": token})
    assert again.status_code == 410
    assert again.mimetype == "application/problem+json"
    assert again.get_json()["type"] == "urn:mend:problem:link-expired"


def test_a_verification_link_expires_after_24_hours(app: Flask) -> None:
    email = unique_email("late")
    assert register(ApiClient(app), email).status_code == 202
    token = last_token(app, email, "/verify")
    with app.app_context():
        db.session.execute(update(AccountToken).values(created_at=utcnow() - timedelta(hours=25)))
        # The lifetime was fixed at issue: 24 h from then is an hour ago.
        db.session.execute(update(AccountToken).values(expires_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    assert ApiClient(app).post("/auth/verify", json={"token": token}).status_code == 410


def test_the_token_lives_24_hours(app: Flask) -> None:
    email = unique_email("lifetime")
    assert register(ApiClient(app), email).status_code == 202
    with app.app_context():
        token = db.session.scalars(select(AccountToken)).one()
        lifetime = token.expires_at - token.created_at
        assert lifetime == timedelta(hours=24)
        assert len(token.token_hash) == 64  # a digest, never the token itself


def test_verifying_while_signed_in_as_someone_else_never_switches_the_session(
    app: Flask,
) -> None:
    someone = make_user(app)
    email = unique_email("other")
    assert register(someone, email).status_code == 202
    assert someone.get("/auth/me").get_json()["id"] == someone.id  # registering kept the session
    token = last_token(app, email, "/verify")
    refused = someone.post("/auth/verify", json={"token": token})
    assert refused.status_code == 409
    assert someone.get("/auth/me").get_json()["id"] == someone.id
    # The link was not used up: the right person can still open it.
    assert ApiClient(app).post("/auth/verify", json={"token": token}).status_code == 200


def test_an_unverified_account_can_log_in_and_is_marked_unverified(app: Flask) -> None:
    email = unique_email("unverified")
    client = ApiClient(app)
    assert register(client, email).status_code == 202
    response = client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200
    assert response.get_json()["email_verified"] is False


def test_registration_is_rate_limited_per_client_address(app: Flask, tmp_path) -> None:  # type: ignore[no-untyped-def]
    limited = build_app(
        tmp_path, database_url=app.config["SQLALCHEMY_DATABASE_URI"], register_limit="3 per minute"
    )
    statuses = [register(ApiClient(limited), unique_email("burst")).status_code for _ in range(4)]
    assert statuses == [202, 202, 202, 429]


@pytest.mark.parametrize("token", ["", "x" * 201, 5])
def test_a_malformed_token_is_422(client: ApiClient, token: object) -> None:
    response = client.post("/auth/verify", json={"token": token})
    assert response.status_code == 422


def test_the_notice_to_a_taken_address_and_the_verification_mail_differ(app: Flask) -> None:
    taken = make_user(app).user["email"]  # type: ignore[index]
    assert register(ApiClient(app), taken).status_code == 202
    (notice,) = mails_to(app, taken)[-1:]
    assert "already have one" in notice.get_body(("plain",)).get_content()  # type: ignore[union-attr]
