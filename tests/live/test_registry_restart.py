"""Sockets of an ended session close on every process, even when Redis forgot them or was away."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from flask import Flask

from tests.builders import PASSWORD, unique_email
from tests.live.servers import Person, mend_server, private_redis, wait_until

pytestmark = pytest.mark.slow
SWEEP = {"MEND_SOCKET_SWEEP_SECONDS": "0.5"}


def database(app: Flask) -> str:
    return str(app.config["SQLALCHEMY_DATABASE_URI"])


def register(person: Person) -> str:
    """Register through `person` (logged in afterwards); returns the email address."""
    email = unique_email("sam")
    body = {"email": email, "password": PASSWORD, "display_name": "Sam", "account_type": "partner"}
    assert person.call("POST", "/auth/register", json=body).status_code == 202
    log_in(person, email)  # registering never logs in (the address is confirmed by mail)
    return email


def log_in(person: Person, email: str) -> None:
    response = person.call("POST", "/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text


def connected(person: Person) -> bool:
    return person.socket is not None and person.socket.connected


@pytest.fixture
def two_processes(app: Flask, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Two server processes sharing the database and a private Redis: (a, b, stop, start)."""
    with (
        private_redis() as (redis_url, stop, start),
        mend_server(
            database_url=database(app), instance=tmp_path / "a", redis_url=redis_url, **SWEEP
        ) as a,
        mend_server(
            database_url=database(app), instance=tmp_path / "b", redis_url=redis_url, **SWEEP
        ) as b,
    ):
        yield a, b, stop, start


def test_a_password_change_after_redis_lost_its_data_closes_the_other_sessions_socket(
    two_processes,  # type: ignore[no-untyped-def]
) -> None:
    a, b, stop_redis, start_redis = two_processes
    phone, laptop = Person(a), Person(a)
    email = register(phone)
    log_in(laptop, email)
    phone.connect(b)
    try:
        stop_redis()
        start_redis()  # an empty Redis: the registry is gone
        body = {"current_password": PASSWORD, "new_password": "a brand new passphrase"}
        assert laptop.call("POST", "/auth/password", json=body).status_code == 200
        assert wait_until(lambda: not connected(phone), timeout=5)
        assert phone.call("GET", "/auth/me").status_code == 401
    finally:
        phone.close()


def test_a_logout_while_redis_is_away_closes_its_socket_on_the_other_process(
    two_processes,  # type: ignore[no-untyped-def]
) -> None:
    a, b, stop_redis, start_redis = two_processes
    phone, laptop = Person(a), Person(a)
    email = register(phone)
    log_in(laptop, email)
    phone.connect(b)
    laptop.connect(b)
    try:
        stop_redis()
        assert phone.call("POST", "/auth/logout").status_code == 204
        assert wait_until(lambda: not connected(phone), timeout=5)
        time.sleep(1)  # a couple of sweeps: the other session's socket is left alone
        assert connected(laptop)
        start_redis()
    finally:
        phone.close()
        laptop.close()


def test_delivery_between_processes_resumes_within_seconds_of_redis_returning(
    two_processes,  # type: ignore[no-untyped-def]
) -> None:
    a, b, stop_redis, start_redis = two_processes
    writer, reader = Person(a), Person(a)
    register(writer)
    space_id = writer.call("POST", "/spaces", json={"my_role": "hurt"}).json()["id"]
    reader.http.cookies.update(writer.http.cookies)
    reader.connect(b)
    try:
        stop_redis()
        start_redis()
        returned = time.monotonic()

        def delivered() -> bool:
            body = {"felt_safety": 6}
            assert writer.call("POST", f"/spaces/{space_id}/checkins", json=body).status_code == 201
            return wait_until(lambda: reader.events, timeout=0.5)

        assert wait_until(delivered, timeout=10, interval=0)
        print(f"\ndelivery across processes resumed {time.monotonic() - returned:.2f} s after")
        assert time.monotonic() - returned < 4
    finally:
        reader.close()
