"""A reset request takes as long for an unknown address as for a known one: with a real
queue (as in production), the request only hands the address to the queue."""

from __future__ import annotations

import statistics
import time

from flask import Flask
from sqlalchemy import select

from mend.auth.models import AccountToken
from mend.extensions import db
from tests.builders import ApiClient, make_user, unique_email


def _timed(app: Flask, email: str) -> float:
    client = ApiClient(app)
    client.csrf_token()
    started = time.perf_counter()
    response = client.post("/auth/password-reset", json={"email": email})
    elapsed = time.perf_counter() - started
    assert response.status_code == 202
    return elapsed


def test_known_and_unknown_addresses_take_as_long_to_answer(queued_app: Flask) -> None:
    known = make_user(queued_app).user["email"]  # type: ignore[index]
    known_times, unknown_times = [], []
    for _ in range(40):  # interleaved, so load on the machine hits both alike
        known_times.append(_timed(queued_app, known))
        unknown_times.append(_timed(queued_app, unique_email("nobody")))
    # The fastest of many runs is each path's own cost; a busy machine only adds to it.
    known_best, unknown_best = min(known_times), min(unknown_times)
    assert abs(known_best - unknown_best) < max(0.001, 0.5 * max(known_best, unknown_best)), (
        statistics.median(known_times),
        statistics.median(unknown_times),
    )
    # What makes them equal: the lookup and the writes wait in the queue for the worker.
    with queued_app.app_context():
        assert (
            db.session.scalars(
                select(AccountToken).where(AccountToken.purpose == "password-reset")
            ).all()
            == []
        )


def test_the_queued_reset_is_done_by_the_worker(
    queued_app: Flask, running_consumer: None, smtp_server
) -> None:  # type: ignore[no-untyped-def]
    known = make_user(queued_app).user["email"]  # type: ignore[index]
    ApiClient(queued_app).post("/auth/password-reset", json={"email": known})
    ApiClient(queued_app).post("/auth/password-reset", json={"email": unique_email("nobody")})
    smtp_server.wait_for(2)  # the verification mail and the reset link, in either order
    time.sleep(1)
    messages = smtp_server.received()
    assert [m["To"] for m in messages] == [known, known]  # nothing for the unknown address
    bodies = [m.get_body(("plain",)).get_content() for m in messages]
    assert sum("/reset-password#token=" in body for body in bodies) == 1
