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
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from mend.encryption.cipher import open_sealed
from mend.encryption.keys import parse_key_ring
from tests.builders import TEST_DATA_KEYS
from tests.live.servers import Person, make_pair
from tests.resilience.killable_servers import Database, kill, server
from tests.resilience.processes import fresh_postgres_database, migrate
from tests.resilience.retrying_writers import Tally, Writer

pytestmark = pytest.mark.slow

ROUNDS = 20
# How long the writers run before each kill, in seconds, counted from the round's first
# answer (so that a slow start on a busy machine still leaves writes to kill): from the
# moment the next writes are on their way to well in.
KILL_AFTER = (0.0, 0.7)
FIRST_ANSWER_WAIT = 30
RING = parse_key_ring(TEST_DATA_KEYS)
TABLES = {"checkin": "note", "disclosure_response": "body", "commitment": "title"}


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
