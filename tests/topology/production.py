"""The whole production topology at once (helpers in stack.py and worker.py): a private Redis,
two app processes, one worker, nginx and a TLS proxy in front, on a fresh PostgreSQL database,
with mail going to a test's SMTP server."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.live.servers import Person, free_port, private_redis
from tests.mail.smtp import MailServer
from tests.resilience.processes import fresh_postgres_database, migrate
from tests.topology.stack import app_process, nginx_binary, production_environment, proxies
from tests.topology.worker import Worker, worker_process

# Short enough for a killed worker's claim on a mail to run out within a test.
MAIL_LEASE_SECONDS = 2


@contextmanager
def topology_database(tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database (the topology is PostgreSQL's); skips without
    nginx outside CI, or outside the PostgreSQL pass."""
    if nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed (.ci/run installs it; this test must run in CI)")
        pytest.skip("nginx is not installed")
    shared = os.environ.get("MEND_TEST_DATABASE_URL", "")
    if not shared.startswith("postgresql"):
        pytest.skip("runs in the PostgreSQL pass (MEND_TEST_DATABASE_URL names no PostgreSQL)")
    with fresh_postgres_database(shared) as url:
        migrate(url, tmp_path / "migrate")
        yield url


def https_person(origin: str, certificate: Path) -> Person:
    """Someone talking to Mend through the proxies over https."""
    someone = Person(origin)
    someone.http.verify = str(certificate)
    someone.http.trust_env = False  # else a REQUESTS_CA_BUNDLE in the environment wins
    someone.http.headers["Referer"] = f"{origin}/"  # CSRF over https checks it, as browsers send it
    return someone


@dataclass
class Stack:
    """A running topology: where browsers go, and the parts a test looks at or kills."""

    origin: str
    certificate: Path
    apps: list[subprocess.Popen]
    logs: list[Path]
    worker: Worker
    redis_url: str
    database_url: str


@contextmanager
def production_stack(tmp_path: Path, *, database_url: str, smtp_url: str) -> Iterator[Stack]:
    """Start everything; stop (kill -9) everything at the end."""
    ports = [free_port(), free_port()]
    logs = [tmp_path / f"app{index}.log" for index in (1, 2)]
    with ExitStack() as running:
        redis_url, _stop, _start = running.enter_context(private_redis())
        mail = {"SMTP_URL": smtp_url, "MAIL_LEASE_SECONDS": str(MAIL_LEASE_SECONDS)}
        apps = [
            running.enter_context(
                app_process(log, port=port, database_url=database_url, redis_url=redis_url, **mail)
            )
            for log, port in zip(logs, ports, strict=True)
        ]
        origin, certificate = running.enter_context(proxies(tmp_path / "proxies", apps=ports))
        environment = production_environment(
            tmp_path / "instance-worker",
            database_url=database_url,
            redis_url=redis_url,
            PUBLIC_URL=origin,
            MAIL_RETRY_SECONDS="1",
            **mail,
        )
        worker = running.enter_context(worker_process(tmp_path / "worker.log", environment))
        yield Stack(origin, certificate, apps, logs, worker, redis_url, database_url)


@contextmanager
def mail_server() -> Iterator[MailServer]:
    """A running SMTP server (aiosmtpd) on a free loopback port, stopped at the end."""
    server = MailServer()
    server.start()
    try:
        yield server
    finally:
        server.stall.clear()
        server.stop()
