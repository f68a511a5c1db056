"""A Redis that is down or frozen: limits keep limiting, and each request stays quick."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import Flask

from tests.builders import PASSWORD, unique_email
from tests.live.servers import Person, free_port, listening, mend_server, wait_until

pytestmark = pytest.mark.slow
# What a Redis outage may add to one request: well under a second, with room for a busy
# CI machine (one 0.25 s timeout is the design; 8-10 s with redis-py's defaults).
QUICK_SECONDS = 0.75


@contextmanager
def redis_process() -> Iterator[tuple[str, subprocess.Popen]]:
    """A private redis-server on a free port that the test may freeze (SIGSTOP) or kill."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            raise RuntimeError("redis-server is not installed (CI must have it)")
        pytest.skip("redis-server is not installed")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    process = subprocess.Popen([*command, "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: listening(port))
        yield f"redis://127.0.0.1:{port}/0", process
    finally:
        process.send_signal(signal.SIGCONT)
        process.kill()
        process.wait(timeout=10)


def timed(call):  # type: ignore[no-untyped-def]
    """(result, seconds) of call()."""
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


@pytest.mark.parametrize("outage", ["frozen", "stopped"])
def test_failed_logins_are_still_limited_and_answered_quickly_without_redis(
    app: Flask, tmp_path: Path, outage: str
) -> None:
    with (
        redis_process() as (redis_url, redis_server),
        mend_server(
            database_url=str(app.config["SQLALCHEMY_DATABASE_URI"]),
            instance=tmp_path,
            redis_url=redis_url,
            MEND_LOGIN_LIMIT="5 per minute",
        ) as url,
    ):
        sam = Person(url)
        email = unique_email("sam")
        body = {"email": email, "password": PASSWORD, "display_name": "Sam"}
        assert sam.call("POST", "/auth/register", json={**body, "account_type": "partner"}).ok
        assert sam.call("POST", "/auth/login", json={"email": email, "password": PASSWORD}).ok
        space_id = sam.call("POST", "/spaces", json={"my_role": "hurt"}).json()["id"]
        # What a failed login costs with Redis up (password hashing and all), unlimited here.
        other = {"email": unique_email("nobody"), "password": "not the password"}
        baseline = max(
            timed(lambda: sam.call("POST", "/auth/login", json=other))[1] for _ in range(2)
        )
        if outage == "frozen":
            redis_server.send_signal(signal.SIGSTOP)
        else:
            redis_server.kill()
            redis_server.wait(timeout=10)

        checkin, seconds = timed(
            lambda: sam.call("POST", f"/spaces/{space_id}/checkins", json={"felt_safety": 5})
        )
        assert checkin.status_code == 201
        print("check-in:", round(seconds, 3))
        assert seconds < QUICK_SECONDS

        stranger = Person(url)
        wrong = {"email": email, "password": "not the password"}
        answers = [
            timed(lambda: stranger.call("POST", "/auth/login", json=wrong)) for _ in range(7)
        ]
        print("failed logins:", [round(seconds, 3) for _, seconds in answers], "baseline", baseline)
        assert [response.status_code for response, _ in answers[:5]] == [401] * 5
        assert {response.status_code for response, _ in answers[5:]} == {429}
        assert max(seconds for _, seconds in answers) < baseline + QUICK_SECONDS
