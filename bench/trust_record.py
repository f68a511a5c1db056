"""Benchmark: the trends and commitments endpoints on a space with long history.

A space with two years of daily check-ins from both partners, 300 disclosures
and 10 daily commitments with two years of checks. Prints the median and p90
time of each endpoint (in-process, through the WSGI test client) and the
number of SQL statements each request runs.

    .venv/bin/python bench/trust_record.py [--runs 30] [--database-url URL]

Without --database-url it uses a temporary SQLite file; PostgreSQL:
--database-url postgresql+psycopg://postgres@127.0.0.1:5432/mend_bench
(the database must exist and will be emptied).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import event

from mend import create_app
from mend.clock import today_in
from mend.config import load_settings
from mend.demo import People, write_history
from mend.extensions import db
from mend.spaces.models import Membership, Space

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.builders import make_user  # noqa: E402
from tests.conftest import reset_schema  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from caseload import analyze  # noqa: E402

DAYS = 730


def build(database_url: str | None, folder: Path):  # type: ignore[no-untyped-def]
    """A migrated app with one long-history space; returns (app, hurt client, space id)."""
    settings = load_settings(
        environ={},
        instance_path=folder,
        database_url=database_url or f"sqlite:///{folder / 'bench.sqlite3'}",
    )
    app = create_app({"MEND": settings, "TESTING_FAST_PASSWORD_HASHING": True})
    reset_schema(app)
    with app.app_context():
        upgrade()
    hurt, repairing = make_user(app, display_name="Sam"), make_user(app, display_name="Alex")
    with app.app_context():
        space = Space(name="Bench")
        space.members = [
            Membership(user_id=hurt.id, role="hurt"),
            Membership(user_id=repairing.id, role="repairing"),
        ]
        db.session.add(space)
        db.session.flush()
        people = People(space.id, hurt.id, repairing.id, "UTC")
        rows = write_history(
            people,
            days=DAYS,
            today=today_in("UTC"),
            disclosures=300,
            commitments=10,
            cadence="daily",
        )
        db.session.commit()
        space_id = space.id
    print(f"wrote {rows} ledgered rows")
    analyze(app)
    return app, hurt, space_id


def measure(app, client, path: str, runs: int) -> tuple[list[float], int]:  # type: ignore[no-untyped-def]
    """Times of `runs` GETs of path, in ms, and the statements one request runs."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    counter = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", counter)
    assert client.get(path).status_code == 200
    event.remove(engine, "before_cursor_execute", counter)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.get_data(as_text=True)
    return times, len(statements)


def main() -> None:
    """Build the data, time each endpoint, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app, hurt, space_id = build(args.database_url, Path(folder))
        today = today_in("UTC")
        start = today - timedelta(days=DAYS - 1)
        paths = {
            "trends, 2 years by day": f"/spaces/{space_id}/trends/safety?from={start}&to={today}",
            "trends, 2 years by week": (
                f"/spaces/{space_id}/trends/safety?from={start}&to={today}&bucket=week"
            ),
            "commitments list (10)": f"/spaces/{space_id}/commitments",
            "disclosures list (50)": f"/spaces/{space_id}/disclosures",
        }
        print(f"{'endpoint':<26} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
        for label, path in paths.items():
            times, queries = measure(app, hurt, path, args.runs)
            p90 = statistics.quantiles(times, n=10)[-1]
            print(f"{label:<26} {statistics.median(times):>10.1f} {p90:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
