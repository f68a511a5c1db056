"""Real Mend server processes (and a private Redis) on loopback, for live-update tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
import socketio

from tests.builders import PASSWORD, TEST_DATA_KEYS, unique_email

SECRET = "live-test-secret-key-that-is-long-enough-0123456789"


def free_port() -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int, timeout: float = 0.2) -> bool:
    """Whether something accepts connections on the loopback port (the probe is closed again;
    OSError when nothing does, which wait_until treats as not yet)."""
    with socket.create_connection(("127.0.0.1", port), timeout):
        return True


def wait_until(check, timeout: float = 15.0, interval: float = 0.1) -> bool:  # type: ignore[no-untyped-def]
    """Poll check() until it is truthy or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except (requests.RequestException, OSError):
            pass
        time.sleep(interval)
    return False


@contextmanager
def mend_server(*, database_url: str, instance: Path, redis_url: str | None, **env: str):  # type: ignore[no-untyped-def]
    """A `mend serve` process; yields its base URL and stops it afterwards."""
    port = free_port()
    environment = {
        **os.environ,
        "MEND_DATABASE_URL": database_url,
        "MEND_INSTANCE_PATH": str(instance),
        "MEND_SECRET_KEY": SECRET,
        "MEND_DATA_KEYS": TEST_DATA_KEYS,
        "MEND_LOG_LEVEL": "WARNING",
        "MEND_REGISTER_LIMIT": "1000 per minute",
        **env,
    }
    environment.pop("MEND_REDIS_URL", None)
    if redis_url:
        environment["MEND_REDIS_URL"] = redis_url
    command = [
        sys.executable,
        "-c",
        "from mend.cli import main; main()",
        "serve",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: requests.get(f"{url}/api/v1/health", timeout=1).ok), "no start"
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def private_redis():  # type: ignore[no-untyped-def]
    """A throwaway redis-server on a free port; yields (url, stop, start)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed")
    port = free_port()
    processes: list[subprocess.Popen] = []

    def start() -> None:
        processes.append(
            subprocess.Popen(
                [
                    binary,
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
            )
        )
        assert wait_until(lambda: listening(port)), "no redis"

    def stop() -> None:
        processes[-1].kill()
        processes[-1].wait(timeout=10)

    start()
    try:
        yield f"redis://127.0.0.1:{port}/0", stop, start
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


class Person:
    """A user talking to Mend over real HTTP (and, once connected, a real socket)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = requests.Session()
        self.events: list[dict[str, Any]] = []
        self.socket: socketio.Client | None = None

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """An API request with the CSRF header, against this person's server."""
        token = self.http.get(f"{self.url}/api/v1/auth/csrf", timeout=5).json()["csrf_token"]
        return self.http.request(
            method, f"{self.url}/api/v1{path}", headers={"X-CSRFToken": token}, timeout=10, **kwargs
        )

    def register(self, name: str) -> int:
        """Create an account and log in to it; returns the user id."""
        body = {
            "email": unique_email(name),
            "password": PASSWORD,
            "display_name": name,
            "account_type": "partner",
        }
        response = self.call("POST", "/auth/register", json=body)
        assert response.status_code == 202, response.text
        login = {"email": body["email"], "password": PASSWORD}
        response = self.call("POST", "/auth/login", json=login)
        assert response.status_code == 200, response.text
        return int(response.json()["id"])

    def connect(
        self, url: str | None = None, *, transport: str = "websocket", **headers: str
    ) -> None:
        """Open a real Socket.IO connection (to url, default own server) with the session cookie.

        websocket-client always adds its own same-origin Origin header, so a test of a
        foreign Origin uses the polling transport, which sends headers as given.
        """
        client = socketio.Client(reconnection=True, reconnection_delay=0.2)
        client.on("mend:event", self.events.append)
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        client.connect(
            url or self.url,
            headers={"Cookie": cookie, **headers},
            transports=[transport],
            wait_timeout=10,
        )
        self.socket = client

    def close(self) -> None:
        """Disconnect the socket, if any."""
        if self.socket is not None:
            self.socket.disconnect()


def make_pair(hurt: Person, repairing: Person) -> int:
    """Register both, start a space as hurt and bring the repairing partner in; returns its id."""
    hurt.register("sam")
    repairing.register("alex")
    space_id = hurt.call("POST", "/spaces", json={"my_role": "hurt"}).json()["id"]
    code = hurt.call("POST", f"/spaces/{space_id}/invites", json={"role": "repairing"}).json()
    accepted = repairing.call("POST", "/invites/accept", json={"code": code["code"]})
    assert accepted.status_code == 200, accepted.text
    return int(space_id)
