"""A real Mend server for browser tests: its own SQLite file, migrated, with demo data."""

from __future__ import annotations

import email
import email.policy
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "frontend" / "dist"
SECRET = "e2e-test-secret-key-that-is-long-enough-0123456789"
MEND = [sys.executable, "-c", "from mend.cli import main; main()"]
FLASK = [sys.executable, "-m", "flask", "--app", "mend"]


def free_port() -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(instance: Path) -> dict[str, str]:
    """Settings for the server process: a private database and generous login limits."""
    env = {
        **os.environ,
        "MEND_INSTANCE_PATH": str(instance),
        "MEND_DATABASE_URL": f"sqlite:///{instance / 'e2e.sqlite3'}",
        "MEND_SECRET_KEY": SECRET,
        "MEND_LOG_LEVEL": "WARNING",
        "MEND_LOGIN_LIMIT": "1000 per minute",
        "MEND_LOGIN_ADDRESS_LIMIT": "1000 per minute",
        "MEND_REGISTER_LIMIT": "1000 per minute",
    }
    env.pop("MEND_REDIS_URL", None)
    return env


def healthy(url: str) -> bool:
    """True once the server answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/api/v1/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


# Each running server's mail folder, by base URL: `mend serve` delivers mail in-process
# and, without MEND_SMTP_URL, writes each one to <instance>/outbox/ as an .eml file.
OUTBOXES: dict[str, Path] = {}


@contextmanager
def mend_server(instance: Path, *, demo: bool = True) -> Iterator[str]:
    """Migrate, optionally load the demo couple, serve with live updates; yield the base URL."""
    instance.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**environment(instance), "MEND_PUBLIC_URL": url}
    subprocess.run([*FLASK, "db", "upgrade"], env=env, check=True, capture_output=True)
    if demo:
        subprocess.run([*FLASK, "demo-data"], env=env, check=True, capture_output=True)
    process = subprocess.Popen([*MEND, "serve", "--port", str(port)], env=env)
    OUTBOXES[url] = instance / "outbox"
    try:
        deadline = time.monotonic() + 30
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Mend server did not start")
            time.sleep(0.2)
        yield url
    finally:
        OUTBOXES.pop(url, None)
        process.terminate()
        process.wait(timeout=10)


def mailed_link(base_url: str, to: str, path: str, *, timeout: float = 20.0) -> str:
    """The newest link to base_url + path (with any #token=) in a mail the server wrote for
    `to`, waiting for the mail to be delivered."""
    folder = OUTBOXES[base_url]
    prefix = f"{base_url}{path}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for eml in sorted(folder.glob("*.eml"), reverse=True) if folder.exists() else []:
            message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
            if message["To"] != to:
                continue
            text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            links = [word for word in text.split() if word.startswith(prefix)]
            if links:
                return links[0]
        time.sleep(0.2)
    raise AssertionError(f"no mail to {to} with a {path} link")
