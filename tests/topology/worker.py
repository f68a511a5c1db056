"""The topology's worker: `mend worker` as docker-compose runs it, on the apps' PostgreSQL and
Redis, that a test can kill -9 and start again; and a way to put a task on its queue now.

The worker's own scheduler puts the periodic tasks (reminders every five minutes, the
mail sweep every minute) on the queue; a test that cannot wait for the clock puts the
same message there itself, exactly as the scheduler would.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from huey.api import TaskWrapper
from huey.storage import BaseStorage, RedisStorage
from redis import ConnectionPool

from mend.tasks import huey

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"
QUEUE = "mend"  # MEND_TASK_QUEUE_NAME's default, which the topology keeps


def compose_worker_command() -> list[str]:
    """The worker service's command, exactly as docker-compose.yml gives it."""
    service = re.search(r"^  worker:\n((?:    .*\n|\s*\n)+)", COMPOSE.read_text(), re.MULTILINE)
    assert service, "docker-compose.yml has no worker service"
    command = re.search(r"^    command: (\[.*\])$", service.group(1), re.MULTILINE)
    assert command, "the worker service has no command in exec form"
    return list(json.loads(command.group(1)))


@dataclass
class Worker:
    """One `mend worker` process at a time, its output appended to `log`."""

    log: Path
    environment: dict[str, str]
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        """Start the worker (again), as the container would be restarted."""
        command = compose_worker_command()
        assert command[0] == "mend", "the worker is expected to run the mend command"
        command[0] = str(Path(sys.executable).parent / "mend")
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(
                command,
                cwd=REPO,
                env=self.environment,
                stdout=output,
                stderr=output,
                start_new_session=True,
            )

    def kill(self) -> None:
        """kill -9, wherever the worker is in its work; and reap it."""
        if self.process is not None:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def output(self) -> str:
        """The end of what the worker wrote (for a failing assertion's message)."""
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


@contextmanager
def worker_process(log: Path, environment: dict[str, str]) -> Iterator[Worker]:
    """A running worker, killed at the end."""
    worker = Worker(log, environment)
    worker.start()
    try:
        yield worker
    finally:
        worker.kill()


@contextmanager
def redis_queue(redis_url: str) -> Iterator[RedisStorage]:
    """The Redis queue the apps and the worker share, from this test process."""
    pool = ConnectionPool.from_url(redis_url)
    try:
        yield RedisStorage(QUEUE, connection_pool=pool)
    finally:
        pool.disconnect()


def run_now(storage: BaseStorage, task: TaskWrapper) -> None:
    """Put one run of `task` (a periodic one too) on the queue, as the worker's scheduler does
    on its tick: the same message, read and run by whichever worker takes it."""
    storage.enqueue(huey.serialize_task(task.s()))
