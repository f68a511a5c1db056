"""Server processes for the durability test: started on a free port, SIGKILLed as a group.

SQLite runs under `mend serve` (as `./dev run`), PostgreSQL under gunicorn's
gevent worker (as in production).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.builders import TEST_DATA_KEYS
from tests.live.servers import SECRET, free_port, wait_until


@dataclass(frozen=True)
class Database:
    kind: str
    url: str
    instance: Path


def server_command(database: Database, port: int) -> list[str]:
    """`mend serve` for SQLite; gunicorn with one gevent worker, as in production, otherwise."""
    if database.kind == "sqlite":
        return [
            sys.executable,
            "-c",
            "from mend.cli import main; main()",
            "serve",
            f"--port={port}",
        ]
    return [
        *(sys.executable, "-m", "gunicorn", "-k", "gevent", "-w", "1"),
        *("-b", f"127.0.0.1:{port}", "--no-control-socket", "mend.wsgi:app"),
    ]


@contextmanager
def server(
    database: Database, log: Path, startups: list[float]
) -> Iterator[tuple[str, subprocess.Popen]]:
    """A server process group on a free port; yields (url, process), SIGKILLs the group after.

    Appends to startups how long the server took to answer its health check.
    """
    port, launched = free_port(), time.monotonic()
    environment = {
        **os.environ,
        "MEND_DATABASE_URL": database.url,
        "MEND_INSTANCE_PATH": str(database.instance),
        "MEND_SECRET_KEY": SECRET,
        "MEND_DATA_KEYS": TEST_DATA_KEYS,
        "MEND_LOG_LEVEL": "WARNING",
    }
    environment.pop("MEND_REDIS_URL", None)
    with log.open("ab") as output:
        process = subprocess.Popen(
            server_command(database, port),
            env=environment,
            stdout=output,
            stderr=output,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        started = wait_until(
            lambda: requests.get(f"{url}/api/v1/health", timeout=1).ok, timeout=30, interval=0.05
        )
        assert started, f"the server did not start; see {log}"
        startups.append(time.monotonic() - launched)
        yield url, process
    finally:
        kill(process)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the server and anything it started (gunicorn's worker), and reap it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
