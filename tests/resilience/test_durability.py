"""Durability under SIGKILL: a real server is killed at random moments while clients write.

Writers post trust-record writes, each with its own Idempotency-Key and a
unique marker in its text. A write whose answer arrived is acknowledged; one
whose answer was lost (the server died, or answered 5xx) is sent again with
the same key after the restart, until it gets an answer. At the end every
write must be in the database exactly once, no other write may be there, the
ledger must verify, and on SQLite `PRAGMA integrity_check` must say ok.

SQLite runs under `mend serve` (as `./dev run`), PostgreSQL (when
MEND_TEST_DATABASE_URL names one; a fresh database on its server) under
gunicorn's gevent worker (as in production).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, text

from mend.encryption.cipher import open_sealed
from mend.encryption.keys import parse_key_ring
from tests.builders import TEST_DATA_KEYS
from tests.live.servers import SECRET, Person, free_port, make_pair, wait_until
from tests.resilience.processes import fresh_postgres_database, migrate

pytestmark = pytest.mark.slow

ROUNDS = 20
# How long the writers run before each kill, in seconds, counted from the round's first
# answer (so that a slow start on a busy machine still leaves writes to kill): from the
# moment the next writes are on their way to well in.
KILL_AFTER = (0.0, 0.7)
FIRST_ANSWER_WAIT = 30
# Both say the write is saved (its key commits with it) but its answer is not to be had:
# lost for good, or not stored yet (here: its server was killed between the two commits).
SAVED_WITHOUT_ANSWER = {
    "urn:mend:problem:idempotency-answer-lost",
    "urn:mend:problem:idempotency-request-in-progress",
}
REQUEST_TIMEOUT = (2, 10)
RING = parse_key_ring(TEST_DATA_KEYS)
TABLES = {"checkin": "note", "disclosure_response": "body", "commitment": "title"}


@dataclass
class Write:
    """One write a client means to make exactly once."""

    path: str
    body: dict[str, Any]
    table: str
    marker: str
    key: str = field(default_factory=lambda: str(uuid.uuid4()))
    attempts: int = 0


@dataclass
class Tally:
    """How the writes ended, for the assertions and the recorded figures."""

    acknowledged: int = 0  # answered on the first attempt
    replayed: int = 0  # written, answer lost, then replayed on a retry
    written_on_retry: int = 0  # not written before the kill; written by a retry
    answer_lost: int = 0  # written, and a retry was told so without its answer (409)
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    answered: threading.Event = field(default_factory=threading.Event)  # since last cleared

    def add(self, outcome: str) -> None:
        with self.lock:
            setattr(self, outcome, getattr(self, outcome) + 1)
        self.answered.set()


class Writer:
    """One client session posting one kind of write, retrying what it did not hear back about."""

    def __init__(self, name: str, person: Person, kind: str, space: dict[str, str]) -> None:
        self.name, self.kind, self.space = name, kind, space
        self.http = requests.Session()
        self.http.cookies.update(person.http.cookies)
        self.csrf = self.http.get(f"{person.url}/api/v1/auth/csrf", timeout=5).json()["csrf_token"]
        self.pending: list[Write] = []
        self.resolved: list[Write] = []
        self.made = 0

    def new_write(self) -> Write:
        self.made += 1
        marker = f"durability {self.name} {self.made}"
        if self.kind == "checkin":
            body = {"felt_safety": self.made % 11, "note": marker}
            return Write(f"{self.space['space']}/checkins", body, "checkin", marker)
        if self.kind == "response":
            path = f"{self.space['disclosure']}/responses"
            return Write(path, {"body": marker}, "disclosure_response", marker)
        body = {"title": marker, "cadence": "daily"}
        return Write(f"{self.space['space']}/commitments", body, "commitment", marker)

    def attempt(self, url: str, write: Write, tally: Tally) -> bool:
        """Send write once; True once its fate is known, False if the answer never came."""
        write.attempts += 1
        headers = {"Idempotency-Key": write.key, "X-CSRFToken": self.csrf}
        try:
            answer = self.http.post(
                f"{url}/api/v1{write.path}",
                json=write.body,
                headers=headers,
                timeout=REQUEST_TIMEOUT,
            )
        except requests.RequestException:
            return False
        if answer.status_code >= 500 or (answer.status_code == 409 and "busy" in answer.text):
            return False
        if answer.status_code == 201:
            replayed = answer.headers.get("Idempotent-Replayed") == "true"
            first = write.attempts == 1
            tally.add("acknowledged" if first else "replayed" if replayed else "written_on_retry")
        elif answer.status_code == 409 and answer.json().get("type") in SAVED_WITHOUT_ANSWER:
            tally.add("answer_lost")
        else:
            with tally.lock:
                tally.unexpected.append(f"{write.marker}: {answer.status_code} {answer.text[:200]}")
        self.resolved.append(write)
        return True

    def run(self, url: str, stop: threading.Event, tally: Tally) -> None:
        """Write until stopped or the server stops answering; the first unanswered write waits."""
        while not stop.is_set():
            write = self.pending.pop(0) if self.pending else self.new_write()
            if not self.attempt(url, write, tally):
                self.pending.insert(0, write)
                return

    def settle(self, url: str, tally: Tally) -> None:
        """Retry every unanswered write (same key, same body) until it is answered."""
        while self.pending:
            write = self.pending[0]
            assert write.attempts < 50, f"{write.marker} never got an answer"
            if self.attempt(url, write, tally):
                self.pending.pop(0)
            else:
                time.sleep(0.2)


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


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A freshly migrated database of the given kind (PostgreSQL only when the suite has one)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'durability.sqlite3'}"
        migrate(url, tmp_path / "migrate")
        yield Database("sqlite", url, tmp_path / "instance")
        return
    shared = os.environ.get("MEND_TEST_DATABASE_URL", "")
    if not shared.startswith("postgresql"):
        pytest.skip("MEND_TEST_DATABASE_URL does not name a PostgreSQL database")
    with fresh_postgres_database(shared) as url:
        migrate(url, tmp_path / "migrate")
        yield Database("postgresql", url, tmp_path / "instance")


def set_up_space(url: str) -> tuple[int, list[Writer]]:
    """A couple, a disclosure to reply to, and four writers of three kinds."""
    hurt, repairing = Person(url), Person(url)
    space_id = make_pair(hurt, repairing)
    told = repairing.call(
        "POST",
        f"/spaces/{space_id}/disclosures",
        json={"title": "What happened", "body": "The whole truth.", "category": "other"},
    )
    assert told.status_code == 201, told.text
    paths = {
        "space": f"/spaces/{space_id}",
        "disclosure": f"/spaces/{space_id}/disclosures/{told.json()['id']}",
    }
    return space_id, [
        Writer("hurt-checkins", hurt, "checkin", paths),
        Writer("hurt-replies", hurt, "response", paths),
        Writer("repairing-replies", repairing, "response", paths),
        Writer("repairing-commitments", repairing, "commitment", paths),
    ]


def verify(writer: Writer, url: str, space_id: int) -> dict[str, Any]:
    """The ledger verification of the space, as a partner asks for it."""
    answer = writer.http.get(f"{url}/api/v1/spaces/{space_id}/record/verify", timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def markers_in(database: Database) -> Counter[str]:
    """How many rows carry each durability marker, across the written tables."""
    engine = create_engine(database.url)
    try:
        with engine.connect() as connection:
            found: Counter[str] = Counter()
            for table, column in TABLES.items():
                # The words are stored encrypted: open each with the servers' key ring.
                stored = connection.scalars(text(f"SELECT {column} FROM {table}"))
                words = (open_sealed(RING, f"{table}.{column}", value) for value in stored)
                found.update(word for word in words if word.startswith("durability "))
            return found
    finally:
        engine.dispose()


def sqlite_integrity(database: Database) -> list[str]:
    """PRAGMA integrity_check and foreign_key_check, as sqlite3 reports them."""
    path = database.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        foreign_keys = [repr(row) for row in connection.execute("PRAGMA foreign_key_check")]
    return integrity + foreign_keys


def test_sigkill_durability_acknowledged_writes_survive_exactly_once(
    database: Database, tmp_path: Path, record_property: Any
) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    chance, tally, log = random.Random(seed), Tally(), tmp_path / "server.log"
    began = time.monotonic()
    startups: list[float] = []
    with server(database, log, startups) as (url, _process):
        space_id, writers = set_up_space(url)
        entries_before = verify(writers[0], url, space_id)["entries"]
    for _round in range(ROUNDS):
        with server(database, log, startups) as (url, process):
            stop = threading.Event()
            threads = [threading.Thread(target=w.run, args=(url, stop, tally)) for w in writers]
            tally.answered.clear()
            for thread in threads:
                thread.start()
            tally.answered.wait(FIRST_ANSWER_WAIT)  # the figures below show if none ever was
            time.sleep(chance.uniform(*KILL_AFTER))
            kill(process)
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
            assert not any(t.is_alive() for t in threads), "a writer hung after the kill"
    with server(database, log, startups) as (url, _process):
        for writer in writers:
            writer.settle(url, tally)
        verification = verify(writers[0], url, space_id)
    runtime = time.monotonic() - began

    expected = Counter(w.marker for writer in writers for w in writer.resolved)
    found = markers_in(database)
    lost = sorted(marker for marker in expected if found[marker] == 0)
    duplicated = sorted(marker for marker, n in found.items() if n > 1)
    strangers = sorted(marker for marker in found if marker not in expected)
    figures = {
        "database": database.kind,
        "seed": seed,
        "rounds": ROUNDS,
        "writes_checked": len(expected),
        "acknowledged_first_try": tally.acknowledged,
        "replayed_on_retry": tally.replayed,
        "written_on_retry": tally.written_on_retry,
        "answer_lost_409": tally.answer_lost,
        "lost": len(lost),
        "duplicated": len(duplicated),
        "runtime_seconds": round(runtime, 1),
        "server_startup_seconds_mean": round(sum(startups) / len(startups), 2),
    }
    for name, value in figures.items():
        record_property(name, value)
    context = f"{figures}; server log: {log}"
    assert tally.unexpected == [], f"unexpected answers {tally.unexpected[:5]}; {context}"
    assert lost == [], f"acknowledged writes missing after SIGKILL: {lost[:10]}; {context}"
    assert duplicated == [], f"writes stored more than once: {duplicated[:10]}; {context}"
    assert strangers == [], f"rows no client wrote: {strangers[:10]}; {context}"
    assert sum(expected.values()) == len(expected), f"a write was resolved twice; {context}"
    assert verification["valid"] is True, (
        f"the ledger no longer verifies: {verification}; {context}"
    )
    written = entries_before + len(expected)
    assert verification["entries"] == written, f"{verification} after {written}; {context}"
    if database.kind == "sqlite":
        assert sqlite_integrity(database) == ["ok"], f"SQLite is damaged; {context}"
    assert tally.acknowledged > ROUNDS, f"too few writes got through to mean much; {context}"
