"""Two couples and their therapist, all at once, against a real server process.

In each of two spaces seven writers (the hurt partner's check-ins, questions and
reviews; the repairing partner's disclosures, amendments, commitment checks and
check-ins) run side by side with both partners reading, and a therapist with
grants reads the caseload and both spaces. `mend serve` handles each request in
its own thread (Werkzeug, threaded=True), so these requests really overlap.

Afterwards every acknowledged write is listed exactly once (each carries a
marker naming its writer and number), nothing answered 5xx or an unexpected
4xx, and each space's ledger verifies, with one entry per ledgered row written.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.live.servers import mend_server
from tests.resilience.concurrency_setup import (
    WRITES_PER_WRITER,
    Account,
    Client,
    Space,
    make_space,
    ok,
    register,
)
from tests.resilience.concurrency_workload import WRITES, base, run_all
from tests.resilience.processes import fresh_postgres_database, migrate

pytestmark = pytest.mark.slow

SPACES = 2
POSTGRES_URL = os.environ.get("MEND_TEST_DATABASE_URL", "")


def listed(space: Space, therapist: Account) -> dict[str, list[str]]:
    """Every marker the API lists afterwards, by kind of write (as the writers' own eyes see)."""
    h, r = space.hurt.client(), space.repairing.client()
    prefix = base(space)
    markers: dict[str, list[str]] = {}

    def found(kind: str, texts: list[str | None]) -> list[str]:
        mark = f"s{space.id}-{kind}-"
        return sorted(word for text in texts for word in (text or "").split() if mark in word)

    def notes(client: Client, author: int) -> list[str | None]:
        query = {"author_id": author, "limit": 200}
        page = ok(client.call("GET", f"{prefix}/checkins", params=query))
        assert page["next_before"] is None, "all check-ins fit on one page"
        return [checkin["note"] for checkin in page["items"]]

    markers["checkin"] = found("checkin", notes(h, space.hurt.id))
    markers["guess"] = found("guess", notes(r, space.repairing.id))
    detail = ok(h.call("GET", f"{prefix}/disclosures/{space.disclosure_id}"))
    markers["question"] = found("question", [reply["body"] for reply in detail["responses"]])
    markers["amendment"] = found("amendment", [rev["body"] for rev in detail["revisions"]])
    numbers = [revision["number"] for revision in detail["revisions"]]
    assert numbers == list(range(1, len(numbers) + 1)), f"revision numbers {numbers}"
    titles = [d["title"] for d in ok(r.call("GET", f"{prefix}/disclosures?limit=200"))["items"]]
    markers["disclosure"] = found("disclosure", titles)
    commitment = ok(h.call("GET", f"{prefix}/commitments/{space.commitment_id}"))
    markers["check"] = found("check", [check["note"] for check in commitment["checks"]])
    reviews = {check["id"]: check["review"] or {} for check in commitment["checks"]}
    markers["review"] = found("review", [reviews[c].get("note") for c in space.checks_to_review])
    shared = found("checkin", notes(therapist.client(), space.hurt.id))
    assert shared == markers["checkin"], "the therapist sees every shared check-in, once"
    return markers


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for the server process: a SQLite file, or a new PostgreSQL
    database on MEND_TEST_DATABASE_URL's server (dropped afterwards)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'concurrency.sqlite3'}"
        migrate(url, tmp_path / "migrate")
        yield url
        return
    if not POSTGRES_URL.startswith("postgresql"):
        pytest.skip("set MEND_TEST_DATABASE_URL to a PostgreSQL server to run this on PostgreSQL")
    with fresh_postgres_database(POSTGRES_URL) as url:
        migrate(url, tmp_path / "migrate")
        yield url


def test_couples_and_their_therapist_at_once_lose_and_duplicate_nothing(
    database_url: str, tmp_path: Path, record_property: Any
) -> None:
    with mend_server(
        database_url=database_url, instance=tmp_path / "instance", redis_url=None
    ) as url:
        therapist = register(url, "rivera", account_type="therapist")
        spaces = [make_space(url, therapist, number) for number in range(SPACES)]
        ledger_before = {
            space.id: ok(space.hurt.client().call("GET", f"/spaces/{space.id}/record/verify"))
            for space in spaces
        }
        started = time.monotonic()
        outcome = run_all(spaces, therapist)
        elapsed = time.monotonic() - started
        record_property("requests", outcome.requests)
        record_property("seconds", round(elapsed, 2))

        assert outcome.unexpected == [], "\n".join(outcome.unexpected[:20])
        for space in spaces:
            seen = listed(space, therapist)
            for kind in WRITES:
                written = sorted(outcome.acknowledged.get((space.id, kind), []))
                assert len(written) == WRITES_PER_WRITER, (space.id, kind, written)
                duplicates = [m for m, n in Counter(seen[kind]).items() if n > 1]
                assert duplicates == [], f"space {space.id} {kind}: listed twice: {duplicates}"
                assert seen[kind] == written, f"space {space.id} {kind}: lost or extra writes"
            verified = ok(space.repairing.client().call("GET", f"/spaces/{space.id}/record/verify"))
            appended = sum(write.ledger_entries * WRITES_PER_WRITER for write in WRITES.values())
            assert verified["valid"] is True, f"space {space.id}: the ledger does not verify"
            assert verified["entries"] == ledger_before[space.id]["entries"] + appended
        caseload = ok(therapist.client().call("GET", "/therapist/caseload"))
        assert len(caseload["items"]) == SPACES, caseload
