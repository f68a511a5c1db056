"""Fixtures for mail: a real SMTP server, and an app whose queue runs in a real consumer."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask

from mend.tasks import consumer, huey, init_tasks, storage_for
from tests.conftest import build_app
from tests.mail.smtp import MailServer


@pytest.fixture
def smtp_server() -> Iterator[MailServer]:
    """A running SMTP server on a free loopback port."""
    server = MailServer()
    server.start()
    yield server
    server.stall.clear()
    server.stop()


QUEUE_SETTINGS = {"mail_retry_seconds": 0.3, "mail_lease_seconds": 2.0}


def use_real_queue(mail_app: Flask) -> None:
    """Queue on Redis when the run has one (MEND_TEST_REDIS_URL), else on the embedded SQLite
    file, under a queue name of its own so parallel runs never share one. (Only the queue:
    the app's rate limits and sockets stay off Redis, which other runs share.)"""
    settings = replace(
        mail_app.config["MEND"],
        redis_url=os.environ.get("MEND_TEST_REDIS_URL") or None,
        task_queue_name=f"mend-test-{uuid.uuid4().hex[:8]}",
    )
    mail_app.config["TESTING_TASKS_IMMEDIATE"] = False
    init_tasks(mail_app)
    huey.storage = storage_for(settings)


@pytest.fixture
def queued_app(app: Flask, tmp_path: Path, smtp_server: MailServer) -> Iterator[Flask]:
    """An app on the suite's database that sends to smtp_server through a real queue."""
    mail_app = build_app(
        tmp_path,
        database_url=app.config["SQLALCHEMY_DATABASE_URI"],
        smtp_url=smtp_server.url,
        **QUEUE_SETTINGS,
    )
    use_real_queue(mail_app)
    yield mail_app
    huey.storage.flush_all()
    init_tasks(app)


@pytest.fixture
def running_consumer(queued_app: Flask) -> Iterator[None]:
    """A consumer of queued_app's queue running in threads of this process."""
    worker = consumer(in_process=True)
    worker.start()
    yield
    worker.stop(graceful=True)
