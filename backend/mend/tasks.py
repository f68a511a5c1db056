"""The background task queue (Huey): SQLite storage in the instance folder, Redis in production.

`huey` is created here unbound, like the Flask extensions; `init_tasks(app)` gives it its
storage and remembers the app that tasks run under. `mend worker` runs a consumer;
`mend serve` runs one in-process when there is no Redis (the embedded default).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app, has_app_context
from huey import Huey
from huey.consumer import Consumer
from huey.storage import BaseStorage, MemoryStorage, RedisStorage, SqliteStorage
from redis import ConnectionPool

from mend.config import Settings

REDIS_TIMEOUT_SECONDS = 2

log = logging.getLogger(__name__)
huey = Huey("mend", storage_class=MemoryStorage, immediate_use_memory=True)
_bound: dict[str, Flask] = {}


def init_tasks(app: Flask) -> None:
    """Bind the queue to this app's storage; TESTING_TASKS_IMMEDIATE runs tasks at once."""
    settings = app.config["MEND"]
    huey.immediate = bool(app.config.get("TESTING_TASKS_IMMEDIATE"))
    if not huey.immediate:
        huey.storage = storage_for(settings)
    _bound["app"] = app


def storage_for(settings: Settings) -> BaseStorage:
    """Redis with MEND_REDIS_URL, else a SQLite file in the instance folder."""
    name = settings.task_queue_name
    if settings.redis_url:
        pool = ConnectionPool.from_url(
            settings.redis_url,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS + 1,  # above the 1 s blocking read
        )
        return RedisStorage(name, connection_pool=pool)
    return SqliteStorage(name, filename=str(settings.instance_path / "tasks.sqlite3"))


@contextmanager
def app_context() -> Iterator[Flask]:
    """The app a task's body runs under: the current one when a task runs at once inside a
    request (immediate mode), else the app the worker bound."""
    if has_app_context():
        yield current_app._get_current_object()  # type: ignore[attr-defined]
        return
    app = _bound["app"]
    with app.app_context():
        yield app


class InProcessConsumer(Consumer):
    """A consumer started beside the web server: it leaves the server's signals alone."""

    def _set_signal_handlers(self) -> None:
        """The web server handles Ctrl+C; the consumer's threads are daemons and end with it."""


def consumer(*, workers: int = 2, in_process: bool = False) -> Consumer:
    """A thread-based consumer of the queue, polling at least once a second."""
    kind = InProcessConsumer if in_process else Consumer
    return kind(huey, workers=workers, worker_type="thread", max_delay=1.0)
