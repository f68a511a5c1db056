"""Benchmark: what encryption at rest costs on the check-in write and the disclosures list.

Two databases with the same history (90 days of check-ins, 300 disclosures):
one written and read with encryption as shipped, one with the column types'
seal/open swapped for pass-throughs (the plaintext Mend of revision 0006).
Rounds alternate between the two so drift on a busy machine hits both.
Prints the median and p90 of each, and the ratio encrypted / plaintext.

    .venv/bin/python bench/encryption.py [--rounds 15] [--runs 20] [--database-url URL]

Without --database-url it uses temporary SQLite files; with a PostgreSQL URL
(the database must exist and will be emptied) both sides share that
database, emptied between them, so --database-url runs one side after the other.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import text

from mend import create_app
from mend.clock import today_in
from mend.config import load_settings
from mend.demo import People, write_history
from mend.encryption import columns
from mend.extensions import db
from mend.spaces.models import Membership, Space

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.builders import ApiClient, make_user  # noqa: E402
from tests.conftest import reset_schema  # noqa: E402

SEAL, OPEN = columns.seal, columns.open_sealed
NOTE = "Woke up anxious after the dream again, but the walk helped and we talked at dinner."


@contextmanager
def plaintext(enabled: bool) -> Iterator[None]:
    """While enabled, the encrypted column types store and read text as it is."""
    if enabled:
        columns.seal = lambda _ring, _column, text: text  # type: ignore[assignment]
        columns.open_sealed = lambda _ring, _column, stored: stored  # type: ignore[assignment]
    try:
        yield
    finally:
        columns.seal, columns.open_sealed = SEAL, OPEN  # type: ignore[assignment]


def build(url: str, folder: Path, *, plain: bool):  # type: ignore[no-untyped-def]
    """A migrated app with one space of history; returns (app, hurt client, space id)."""
    settings = load_settings(environ={}, instance_path=folder, database_url=url)
    app = create_app({"MEND": settings, "TESTING_FAST_PASSWORD_HASHING": True})
    reset_schema(app)
    with app.app_context():
        upgrade()
    hurt, repairing = make_user(app, display_name="Sam"), make_user(app, display_name="Alex")
    with plaintext(plain), app.app_context():
        space = Space(name="Bench")
        space.members = [
            Membership(user_id=hurt.id, role="hurt"),
            Membership(user_id=repairing.id, role="repairing"),
        ]
        db.session.add(space)
        db.session.flush()
        people = People(space.id, hurt.id, repairing.id, "UTC")
        write_history(people, days=90, today=today_in("UTC"), disclosures=300, commitments=4)
        db.session.commit()
        space_id = space.id
        stored = db.session.execute(text("SELECT body FROM disclosure_revision LIMIT 1")).scalar()
    assert str(stored).startswith("v1:") is not plain, "each side must store what it claims"
    return app, hurt, space_id


def timed(request: Callable[[], int], runs: int, expected: int) -> list[float]:
    """Milliseconds taken by each of `runs` calls of request."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        status = request()
        times.append((time.perf_counter() - started) * 1000)
        assert status == expected, status
    return times


def operations(client: ApiClient, space_id: int) -> dict[str, tuple[Callable[[], int], int]]:
    """The two timed requests, with the status each must answer."""
    checkin = {"felt_safety": 6, "regulation": 5, "note": NOTE, "tags": ["sleep", "walk"]}
    return {
        "check-in write": (
            lambda: client.post(f"/spaces/{space_id}/checkins", json=checkin).status_code,
            201,
        ),
        "disclosures list (50)": (
            lambda: client.get(f"/spaces/{space_id}/disclosures").status_code,
            200,
        ),
    }


def main() -> None:
    """Build both sides, time them in alternating rounds, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    results: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        sides = {}
        for side, plain in (("plaintext", True), ("encrypted", False)):
            url = args.database_url or f"sqlite:///{Path(folder) / f'{side}.sqlite3'}"
            sides[side] = (plain, *build(url, Path(folder) / side, plain=plain))
            if args.database_url:  # one shared database: one side at a time
                measure({side: sides.pop(side)}, args.rounds, args.runs, results)
        measure(sides, args.rounds, args.runs, results)
    print_results(results)


def measure(sides: dict, rounds: int, runs: int, results: dict) -> None:  # type: ignore[type-arg]
    """Time every operation on every side, in alternating rounds, into results."""
    for _ in range(rounds):
        for side, (plain, _app, client, space_id) in sides.items():
            with plaintext(plain):
                for name, (request, expected) in operations(client, space_id).items():
                    results.setdefault((name, side), []).extend(timed(request, runs, expected))


def print_results(results: dict[tuple[str, str], list[float]]) -> None:
    """A table of medians and p90s, then the ratio encrypted / plaintext per operation."""
    print(f"{'operation':<24} {'side':<10} {'median ms':>10} {'p90 ms':>8}")
    for (name, side), times in results.items():
        p90 = statistics.quantiles(times, n=10)[-1]
        print(f"{name:<24} {side:<10} {statistics.median(times):>10.2f} {p90:>8.2f}")
    for name in dict.fromkeys(name for name, _side in results):
        ratio = statistics.median(results[name, "encrypted"]) / statistics.median(
            results[name, "plaintext"]
        )
        print(f"{name:<24} encrypted / plaintext = {ratio:.3f}")


if __name__ == "__main__":
    main()
