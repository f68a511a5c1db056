"""What the benchmarks share: Mend and the baseline served by real gunicorn processes.

A migrated app in this process for making accounts (`setup_app`), free ports, the
gunicorn command line and environment of a scenario, starting a server and waiting
until it answers, and reading its processes' CPU, memory, Socket.IO mode, long garbage
collections and log problems. bench/live.py, bench/load.py and bench/ablation.py use it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from flask import Flask

BENCH_DIR = Path(__file__).resolve().parent


CONF = BENCH_DIR / "gunicorn_live.conf.py"


SECRET = "bench-live-secret-key-0123456789-abcdefghijklmnop"


PASSWORD = "correct horse battery"


PG = ["-h", "127.0.0.1", "-U", "postgres"]


BLOCKING_REPORT = 0.05


GC_PAUSE = re.compile(r"bench: gc generation \d took (\d+) ms")


LOG_PROBLEM = re.compile(r"WARNING|ERROR|CRITICAL|Traceback|Exception|timed out", re.IGNORECASE)


@dataclass(frozen=True)
class Scenario:
    """How the servers run: gunicorn worker arguments, process count, Redis or not."""

    key: str
    label: str
    worker_args: tuple[str, ...]
    processes: int
    redis: bool


def setup_app(database_url: str, instance: Path) -> Flask:
    """The app in this process (for migrating and making accounts), with cheap hashing."""
    from flask_migrate import upgrade

    from mend import create_app
    from mend.config import load_settings

    settings = load_settings(
        environ={},
        instance_path=instance,
        database_url=database_url,
        secret_key=SECRET,
        log_level="WARNING",
        register_limit="100000 per minute",
    )
    app = create_app({"MEND": settings, "TESTING_FAST_PASSWORD_HASHING": True})
    with app.app_context():
        upgrade()
    return app


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(check: Callable[[], object], timeout: float) -> bool:
    """Poll check() until it is truthy or the timeout passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except (requests.RequestException, OSError):
            pass
        time.sleep(0.1)
    return False


@contextmanager
def private_redis() -> Iterator[str]:
    """A throwaway redis-server on a free loopback port; yields its URL."""
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    process = subprocess.Popen([*command, "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: socket.create_connection(("127.0.0.1", port), 0.2), 10)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.kill()
        process.wait(timeout=10)


def gunicorn_command(scenario: Scenario, port: int) -> list[str]:
    """The gunicorn command line of one process of a scenario."""
    common = f"--bind 127.0.0.1:{port} --timeout 30 --graceful-timeout 5 --log-level info"
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", str(CONF), *scenario.worker_args]
    return [*gunicorn, *common.split(), "mend.wsgi:app"]


def server_environment(
    database_url: str,
    instance: Path,
    redis_url: str | None,
    scenario: Scenario,
    *,
    monitor: bool,
    gc_freeze: bool,
    argon2_threadpool: bool,
) -> dict[str, str]:
    """MEND_* settings shared by the processes of a scenario (development: plain http)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MEND_")}
    environment.update(
        MEND_ENV="development",
        MEND_SECRET_KEY=SECRET,
        MEND_DATABASE_URL=database_url,
        MEND_INSTANCE_PATH=str(instance),
        MEND_LOG_LEVEL="WARNING",
        MEND_LOGIN_LIMIT="10000 per minute",
        MEND_LOGIN_ADDRESS_LIMIT="10000 per minute",
        MEND_REGISTER_LIMIT="10000 per minute",
    )
    if redis_url:
        environment["MEND_REDIS_URL"] = redis_url
    if gc_freeze:
        environment["MEND_BENCH_GC_FREEZE"] = "1"
    if argon2_threadpool:
        environment["MEND_BENCH_ARGON2_THREADPOOL"] = "1"
    if monitor:  # gevent's monitor thread reports whatever blocks the event loop
        environment["GEVENT_MONITOR_THREAD_ENABLE"] = "true"
        environment["GEVENT_MAX_BLOCKING_TIME"] = str(BLOCKING_REPORT)
    return environment


@contextmanager
def gunicorn_server(
    scenario: Scenario, environment: dict, log_path: Path
) -> Iterator[tuple[str, int]]:
    """One gunicorn process, healthy before it is yielded (base URL, pid); stopped after."""
    port = free_port()
    command = gunicorn_command(scenario, port)
    print("  $ python", " ".join(command[1:]), flush=True)
    with healthy_process(command, environment, port, log_path) as running:
        yield running


@contextmanager
def healthy_process(
    command: list[str], environment: dict, port: int, log_path: Path
) -> Iterator[tuple[str, int]]:
    """A server process on 127.0.0.1:port, logging to log_path, yielded (base URL, pid)
    once its health check answers; terminated (killed if it lingers) afterwards."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, env=environment, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        healthy = wait_for(lambda: requests.get(f"{url}/api/v1/health", timeout=2).ok, 30)
        assert healthy, f"{url} did not start; see {log_path}"
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _server_stats(pids: list[int]) -> Iterator[list[str]]:
    """/proc/<pid>/stat fields (after the name) of these processes and their children."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(stat.parent.name) in pids or int(fields[1]) in pids:
            yield fields


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these gunicorn masters and their workers."""
    ticks = sum(int(fields[11]) + int(fields[12]) for fields in _server_stats(pids))
    return ticks / os.sysconf("SC_CLK_TCK")


def resident_mb(pids: list[int]) -> float:
    """Resident memory of these gunicorn masters and their workers, in MB."""
    pages = sum(int(fields[21]) for fields in _server_stats(pids))
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def async_modes(log_paths: list[Path]) -> list[str]:
    """What each worker logged about its Socket.IO mode (see gunicorn_live.conf.py)."""
    found = []
    for path in log_paths:
        match = re.search(
            r"bench: async_mode=(\S+) gevent_patched=(\S+) psycopg_wait=(\S+)", path.read_text()
        )
        found.append(f"{match[1]} (patched={match[2]}, psycopg {match[3]})" if match else "?")
    return found


def gc_pauses(log_paths: list[Path]) -> str:
    """How many collections paused a server > 20 ms, and the longest (gunicorn_live.conf.py)."""
    pauses = [int(ms) for path in log_paths for ms in GC_PAUSE.findall(path.read_text())]
    return f"{len(pauses)}, longest {max(pauses, default=0)} ms"


def log_problems(log_paths: list[Path]) -> list[str]:
    """Distinct warning/error lines and gevent blocking reports, with how often each occurred."""
    counts: dict[str, int] = {}
    for path in log_paths:
        text = path.read_text(errors="replace")
        for section in re.findall(r"^Blocked Stack.*?^Info:", text, re.MULTILINE | re.DOTALL):
            key = blocked_where(section)
            if key:
                counts[key] = counts.get(key, 0) + 1
        for line in text.splitlines():
            if LOG_PROBLEM.search(line) and not line.startswith(" "):
                key = re.sub(r"^\[[^\]]*\] \[\d+\] ", "", line.strip())[:200]
                key = re.sub(r"/\d+/", "/<id>/", key)
                counts[key] = counts.get(key, 0) + 1
    return [f"{n}x {line}" for line, n in counts.items()]


def blocked_where(section: str) -> str | None:
    """'innermost Mend frame -> innermost frame' of a gevent blocking report (None: startup,
    or the monitor's own bookkeeping)."""
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', section)
    if not frames or "load_wsgi" in section or "gevent/_monitor.py" in section:
        return None
    mend = [f for f in frames if "/backend/mend/" in f[0]]
    where = [mend[-1], frames[-1]] if mend else [frames[-1]]
    short = [f"{re.sub(r'.*/(site-packages|backend)/', '', p)}:{n} {fn}" for p, n, fn in where]
    return "loop blocked in " + " -> ".join(short)


def dispose(app: Flask) -> None:
    """Close the in-process app's database connections (before the database is dropped)."""
    from mend.extensions import db

    with app.app_context():
        db.engine.dispose()
