"""Benchmark: the therapist caseload for 25 and for 100 couples with two years of history each.

Every couple has two years of daily check-ins from both partners, three
commitments (two daily, one weekly) with two years of checks and reviews,
and two years of fortnightly questionnaires (CSI-4 from both partners, PHQ-2
from the hurt partner, on schedules), and shares everything with the therapist.
The therapist first works with 25 of the couples, then with all 100. Prints
the median and p90 time of `GET /therapist/caseload` (in-process, through the WSGI test client), the
median CPU time of this process (steadier than wall time on a busy machine; the database's work is
not in it), the number of SQL statements one request runs, and time(100) / time(25). The
process is prepared as `mend.wsgi` prepares a production worker: what start-up made is frozen
out of the garbage collector's full collections.

    .venv/bin/python bench/caseload.py [--runs 30] [--database-url URL]

Without --database-url it uses a temporary SQLite file; PostgreSQL:
--database-url postgresql+psycopg://postgres@127.0.0.1:5432/mend_bench
(the database must exist and will be emptied).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import event, select, text

from mend import create_app
from mend.auth.models import User
from mend.clock import today_in
from mend.config import load_settings
from mend.consent.models import CATEGORIES, ConsentChange
from mend.database import utcnow
from mend.demo import People, write_history
from mend.demo_caseload.build import answers_for
from mend.extensions import db
from mend.measures.catalogue import load as load_instruments
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.spaces.models import Membership, Space

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.builders import ApiClient, make_user  # noqa: E402
from tests.conftest import reset_schema  # noqa: E402

DAYS = 730
COUPLES = 100
FIRST = 25
TARGET_RATIO = 2.5  # issue 17: time(COUPLES) / time(FIRST) at most this
PATH = "/therapist/caseload"


def build(database_url: str | None, folder: Path) -> tuple[Flask, ApiClient, list[int]]:
    """A migrated app with COUPLES long-history couples; returns (app, therapist, space ids)."""
    settings = load_settings(
        environ={},
        instance_path=folder,
        database_url=database_url or f"sqlite:///{folder / 'bench.sqlite3'}",
    )
    app = create_app({"MEND": settings, "TESTING_FAST_PASSWORD_HASHING": True})
    reset_schema(app)
    with app.app_context():
        upgrade()
    therapist = make_user(app, account_type="therapist", display_name="Dr. Lee")
    started = time.perf_counter()
    with app.app_context():
        space_ids = [_couple(index) for index in range(COUPLES)]
    print(f"wrote {COUPLES} couples in {time.perf_counter() - started:.0f} s")
    return app, therapist, space_ids


def analyze(app: Flask) -> None:
    """PostgreSQL: gather planner statistics after the bulk load, as autovacuum soon would
    (without them it scans whole tables it should reach by index)."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))
            db.session.commit()


def _couple(index: int) -> int:
    """One couple with two years of history; returns its space id."""
    hurt, repairing = (
        User(
            email=f"{role}{index}@bench.example",
            password_hash="-",  # never logs in
            display_name=f"{role.title()} {index}",
            account_type="partner",
        )
        for role in ("hurt", "repairing")
    )
    db.session.add_all([hurt, repairing])
    db.session.flush()
    space = Space(name=f"Couple {index:03d}")
    space.members = [
        Membership(user_id=hurt.id, role="hurt"),
        Membership(user_id=repairing.id, role="repairing"),
    ]
    db.session.add(space)
    db.session.flush()
    people = People(space.id, hurt.id, repairing.id, "UTC")
    write_history(
        people, days=DAYS, today=today_in("UTC"), commitments=3, disclosures=0, seed=index
    )
    _questionnaires(space.id, {hurt.id: ("csi4", "phq2"), repairing.id: ("csi4",)}, index)
    db.session.commit()
    return space.id


def _questionnaires(space_id: int, plan: dict[int, tuple[str, ...]], seed: int) -> None:
    """Fortnightly answers for two years, each on its schedule (one answer in five missed)."""
    instruments = load_instruments()
    started = utcnow() - timedelta(days=DAYS)
    for respondent_id, chosen in plan.items():
        for instrument_id in chosen:
            instrument = instruments[instrument_id]
            db.session.add(
                MeasureSchedule(
                    space_id=space_id,
                    respondent_id=respondent_id,
                    instrument=instrument_id,
                    every_weeks=2,
                    starts_at=started,
                )
            )
            for fortnight in range(DAYS // 14):
                if (fortnight + seed) % 5 == 0:
                    continue
                score = (fortnight * 7 + seed) % (instrument.score_max + 1)
                db.session.add(
                    MeasureResponse(
                        space_id=space_id,
                        respondent_id=respondent_id,
                        instrument=instrument_id,
                        answers=answers_for(instrument, score),
                        score=score,
                        band=instrument.band(score),
                        created_at=started + timedelta(days=14 * fortnight + 1),
                    )
                )


def take_on(app: Flask, therapist: ApiClient, space_ids: list[int]) -> None:
    """The therapist joins these spaces, and both partners share everything with them."""
    with app.app_context():
        for space_id in space_ids:
            joined = Membership(
                space_id=space_id, user_id=therapist.id, role="therapist", approved_at=utcnow()
            )
            db.session.add(joined)
            db.session.flush()
            partners = db.session.execute(
                select(Membership.user_id, Membership.id).where(
                    Membership.space_id == space_id, Membership.role != "therapist"
                )
            ).all()
            db.session.add_all(
                ConsentChange(
                    space_id=space_id,
                    owner_id=owner_id,
                    owner_membership_id=owner_membership_id,
                    viewer_id=therapist.id,
                    viewer_membership_id=joined.id,
                    category=category,
                    granted=True,
                )
                for owner_id, owner_membership_id in partners
                for category in CATEGORIES
            )
        db.session.commit()
    analyze(app)


def measure(
    app: Flask, therapist: ApiClient, runs: int
) -> tuple[list[float], list[float], int, int]:
    """Wall and CPU times of `runs` caseload requests in ms, the statements one runs, and the
    couples seen (CPU: this process only, so the database's own work is not in it)."""
    statements: list[str] = []
    with app.app_context():
        engine = db.engine
    counter = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", counter)
    response = therapist.get(PATH)
    event.remove(engine, "before_cursor_execute", counter)
    assert response.status_code == 200, response.get_data(as_text=True)
    couples = len(response.get_json()["items"])
    times, cpu_times = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        response = therapist.get(PATH)
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, response.get_data(as_text=True)
    return times, cpu_times, len(statements), couples


def linear_model(medians: dict[int, float]) -> str:
    """The two times read as t(n) = F + p*n: a fixed part F and p per couple. Work that
    grows with the couples alone gives a ratio of COUPLES / FIRST (4); the ratio falls
    to TARGET_RATIO only where F >= (COUPLES - TARGET_RATIO * FIRST) / (TARGET_RATIO - 1) * p."""
    per_couple = (medians[COUPLES] - medians[FIRST]) / (COUPLES - FIRST)
    fixed = medians[FIRST] - FIRST * per_couple
    needed = (COUPLES - TARGET_RATIO * FIRST) / (TARGET_RATIO - 1) * per_couple
    return (
        f"as t(n) = F + p*n: p = {per_couple:.2f} ms a couple, F = {fixed:.1f} ms "
        f"(a ratio <= {TARGET_RATIO} would need F >= {needed:.0f} ms)"
    )


def main() -> None:
    """Build the data, time the caseload for 25 and for 100 couples, print a table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app, therapist, space_ids = build(args.database_url, Path(folder))
        # Served as a production worker serves it: mend.wsgi freezes what start-up made, so
        # full collections don't walk it. Unfrozen, this process's heap (the app, the test
        # client, the couples it just wrote) made the median at 100 couples swing 142-202 ms.
        gc.collect()
        gc.freeze()
        medians, cpu = {}, {}
        print(f"{'couples':>8} {'median ms':>10} {'p90 ms':>8} {'cpu ms':>7} {'queries':>8}")
        for first, last in ((0, FIRST), (FIRST, COUPLES)):
            take_on(app, therapist, space_ids[first:last])
            times, cpu_times, queries, couples = measure(app, therapist, args.runs)
            p90 = statistics.quantiles(times, n=10)[-1]
            medians[couples], cpu[couples] = statistics.median(times), statistics.median(cpu_times)
            print(
                f"{couples:>8} {medians[couples]:>10.1f} {p90:>8.1f} {cpu[couples]:>7.1f} "
                f"{queries:>8}"
            )
        print(f"time({COUPLES}) / time({FIRST}) = {medians[COUPLES] / medians[FIRST]:.2f}")
        print(f"cpu({COUPLES}) / cpu({FIRST}) = {cpu[COUPLES] / cpu[FIRST]:.2f}")
        print(linear_model(medians))
        print("load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
