"""`mend worker` in its own process: killed in the middle of a delivery, nothing is lost and
nothing the mail server did not accept is sent twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from mend.extensions import db
from mend.mail.delivery import sweep
from mend.mail.models import OutboxMail
from mend.mail.outbox import queue
from mend.tasks import huey, init_tasks, storage_for
from tests.conftest import build_app
from tests.mail.smtp import MailServer

pytestmark = pytest.mark.slow
SECRET = "worker-test-secret-" + "x" * 32
LEASE_SECONDS = 2


@pytest.fixture
def worker_app(app: Flask, tmp_path: Path, smtp_server: MailServer) -> Iterator[Flask]:
    """An app sharing the worker processes' settings: database, instance folder and queue."""
    queue_name = f"mend-test-{uuid.uuid4().hex[:8]}"
    mail_app = build_app(
        tmp_path,
        database_url=app.config["SQLALCHEMY_DATABASE_URI"],
        smtp_url=smtp_server.url,
        mail_lease_seconds=float(LEASE_SECONDS),
        task_queue_name=queue_name,
    )
    mail_app.config["TESTING_TASKS_IMMEDIATE"] = False
    init_tasks(mail_app)
    redis_url = os.environ.get("MEND_TEST_REDIS_URL") or None
    if redis_url:
        huey.storage = storage_for(replace(mail_app.config["MEND"], redis_url=redis_url))
    yield mail_app
    huey.storage.flush_all()
    init_tasks(app)


@contextmanager
def mend_worker(app: Flask) -> Iterator[subprocess.Popen]:
    """`mend worker` with the app's settings, in a process of its own."""
    settings = app.config["MEND"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEND_")}
    env.update(
        MEND_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        MEND_INSTANCE_PATH=str(settings.instance_path),
        MEND_SECRET_KEY=SECRET,
        MEND_SMTP_URL=settings.smtp_url,
        MEND_MAIL_LEASE_SECONDS=str(LEASE_SECONDS),
        MEND_MAIL_RETRY_SECONDS="1",
        MEND_TASK_QUEUE_NAME=settings.task_queue_name,
        MEND_LOG_LEVEL="WARNING",
    )
    if os.environ.get("MEND_TEST_REDIS_URL"):
        env["MEND_REDIS_URL"] = os.environ["MEND_TEST_REDIS_URL"]
    command = [sys.executable, "-c", "from mend.cli import main; main()", "worker"]
    process = subprocess.Popen(command, env=env)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_a_worker_killed_mid_delivery_loses_nothing_and_sends_once(
    worker_app: Flask, smtp_server: MailServer
) -> None:
    smtp_server.stall.set()
    with worker_app.test_request_context():
        queue(to="waiting@example.org", template="password-reset", link="http://x/r#token=t")
        queue(to="second@example.org", template="verify-email", link="http://x/v#token=u")
        db.session.commit()
    with mend_worker(worker_app) as first:
        assert smtp_server.delivery_started.wait(timeout=30), "the worker never started sending"
        first.kill()  # SIGKILL in the middle of the SMTP conversation
        first.wait()
    smtp_server.stall.clear()
    assert smtp_server.received() == []
    time.sleep(LEASE_SECONDS + 0.5)  # the dead worker's lease runs out
    with mend_worker(worker_app):
        sweep()  # what the worker's once-a-minute schedule does, without waiting for it
        received = smtp_server.wait_for(2, timeout=30)
        time.sleep(1.5)  # room for any second copy to arrive
    received = smtp_server.received()
    assert sorted(m["To"] for m in received) == ["second@example.org", "waiting@example.org"]
    with worker_app.app_context():
        db.session.remove()
        rows = db.session.scalars(select(OutboxMail)).all()
        assert all(row.sent_at is not None for row in rows)
