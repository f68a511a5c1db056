"""A real Mend server for browser tests: its own SQLite file, migrated, with demo data."""

from __future__ import annotations

import email
import email.policy
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tests.builders import TEST_DATA_KEYS

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
        "MEND_DATA_KEYS": TEST_DATA_KEYS,
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
def mend_server(
    instance: Path, *, demo: bool = True, extra_env: dict[str, str] | None = None
) -> Iterator[str]:
    """Migrate, optionally load the demo couple, serve with live updates; yield the base URL."""
    instance.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**environment(instance), "MEND_PUBLIC_URL": url, **(extra_env or {})}
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
    `to`, waiting for the mail to be delivered. The server's mail names it by 127.0.0.1;
    a page on another name of the same server (localhost, for passkeys) gets its own."""
    served = next(url for url in OUTBOXES if urlsplit(url).port == urlsplit(base_url).port)
    folder = OUTBOXES[served]
    prefix = f"{served}{path}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for eml in sorted(folder.glob("*.eml"), reverse=True) if folder.exists() else []:
            message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
            if message["To"] != to:
                continue
            text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            links = [word for word in text.split() if word.startswith(prefix)]
            if links:
                return base_url + links[0][len(served) :]
        time.sleep(0.2)
    raise AssertionError(f"no mail to {to} with a {path} link")


WEATHER_PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Weather</title></head>
<body><main><h1>Weather</h1><p>Mild and mostly cloudy.</p></main></body></html>"""


class _Weather(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(WEATHER_PAGE)

    def log_message(self, *_args: object) -> None:
        """Quiet."""


@contextmanager
def neutral_site() -> Iterator[str]:
    """A stand-in for the neutral site quick exit opens: another origin (port), a weather page."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Weather)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/weather.html"
    finally:
        server.shutdown()
        server.server_close()
