"""Benchmark: Mend's busiest endpoints under load, as a ratio of a minimal Flask floor.

    .venv/bin/python bench/load.py [--duration 10] [--rounds 3] [--skip-scaling] [--profile]

Everything runs on loopback and stops by itself. A fresh PostgreSQL database is
created, migrated and filled with --couples couples (--days of history each via
mend.demo.write_history, --disclosures disclosures each), then dropped. Mend is
served as in production (gunicorn -k gevent -w 1 mend.wsgi:app, as bench/live.py
runs it, with its settings file) next to bench/baseline_app.py under the very same
command and settings file: a tiny Flask app that reads the same session cookie,
looks the login session and user up the way Mend does, runs one hand-written query
(psycopg 3, a pool as large as Mend's) and answers JSON. Every partner logs in once
(over HTTP, full password cost) and wrk (bench/wrk/requests.lua) sends both servers
the very same requests (cookies, URLs, bodies) with --connections connections: a
warm-up, then baseline and Mend alternately, --rounds times. Throughput (2xx answers
per second), p50 and p99 are medians over the rounds; errors (non-2xx and socket
errors) are summed, and Mend must have none (the exit status says so). The server
CPU column is the gunicorn processes' CPU time per answer. Check-ins are also
measured against a third server, the baseline app with MEND_BASELINE_LEDGER=1, which
writes by hand what Mend must write for a check-in besides the row (the space lock,
the ledger head and a chained ledger entry) but still sends no live events: the row
'... vs by hand with ledger'.

Endpoints: GET .../disclosures (50 items) and GET .../trends/safety (90 days, by
day) by the hurt partners, then POST .../checkins by both partners of every
couple (felt_safety from the hurt partner, predicted_safety from the other).
Requests are spread round-robin over the partners, each wrk thread taking its own
share, so with 16 couples and 32 connections each partner has about one request in
flight: a space never has more than its two partners writing at once (each write
locks the space's ledger), as in real life, rather than 32 writers on one couple.

--profile also runs Mend alone under the same load, after each endpoint, in a
worker that samples its Python stack every tick of CPU time, and prints where the
CPU went. Then the reads and writes, mixed, are sent at a fixed rate of half of
Mend's capacity for them (bench/fixed_rate.py) and the p99 is printed (target:
under 50 ms). Afterwards, unless --skip-scaling, bench/trust_record.py and
bench/caseload.py run (--scaling-runs runs each) on a fresh PostgreSQL database.

--only WORD measures (and profiles, and mixes at the fixed rate) only the endpoints
whose label contains WORD, e.g. `--only POST` for the check-in alone.

Needs wrk (`apt-get install -y wrk`) and gunicorn with gevent (`pip install -e '.[prod]'`).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from argparse import Namespace
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import fixed_rate
from load_data import check_once, database, endpoints, log_in, make_couples
from load_profile import profile
from load_report import print_server_notes, print_table
from load_runs import MEND, Endpoint, Server, measure, serve, whole_seconds
from servers import dispose, server_environment, setup_app

BENCH_DIR = Path(__file__).resolve().parent


# --- scaling benchmarks -------------------------------------------------------------------


def run_scaling(args: Namespace) -> None:
    """bench/trust_record.py and bench/caseload.py on a fresh PostgreSQL database."""
    for script in ("trust_record.py", "caseload.py"):
        print(f"\n$ python bench/{script} --runs {args.scaling_runs} --database-url <fresh>")
        started = time.perf_counter()
        with database("scaling") as url:
            command = [sys.executable, str(BENCH_DIR / script), "--runs", str(args.scaling_runs)]
            subprocess.run([*command, "--database-url", url], check=True)
        print(f"({script} took {time.perf_counter() - started:.0f} s)")


# --- main ---------------------------------------------------------------------------------


def parse_args() -> Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=whole_seconds, default=10, help="seconds per run")
    parser.add_argument("--warmup", type=whole_seconds, default=3, help="seconds of warm-up")
    parser.add_argument("--rounds", type=int, default=3, help="baseline+Mend pairs per endpoint")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--couples", type=int, default=16)
    parser.add_argument("--days", type=int, default=120, help="days of history per couple")
    parser.add_argument("--disclosures", type=int, default=60, help="disclosures per couple")
    parser.add_argument("--skip-scaling", action="store_true", help="skip caseload/trust_record")
    parser.add_argument("--scaling-runs", type=int, default=5, help="--runs for those two")
    parser.add_argument("--keep-logs", action="store_true", help="keep the gunicorn logs")
    parser.add_argument(
        "--profile", action="store_true", help="also sample Mend's CPU under the same load"
    )
    parser.add_argument("--profile-top", type=int, default=15, help="lines per profile list")
    parser.add_argument(
        "--only", metavar="WORD", help="measure only the endpoints whose label contains WORD"
    )
    return parser.parse_args()


def check_installed() -> None:
    """wrk, gunicorn and gevent must be there."""
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")
    missing = [m for m in ("gunicorn", "gevent") if importlib.util.find_spec(m) is None]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: pip install -e '.[prod]' into this Python")


@dataclass
class Setup:
    """The database, both servers and the prepared requests, ready to measure."""

    environment: dict
    folder: Path
    servers: dict[str, Server]
    endpoints: list[Endpoint]


def prepare(stack: ExitStack, server_stack: ExitStack, args: Namespace, folder: Path) -> Setup:
    """Fill a fresh database (dropped with stack), start both servers (stopped with
    server_stack) and log everyone in."""
    started = time.perf_counter()
    url = stack.enter_context(database("load"))
    app = setup_app(url, folder / "instance")
    couples = make_couples(app, args)
    dispose(app)
    print(f"{args.couples} couples written in {time.perf_counter() - started:.0f} s")
    # The servers' instance folder is the set-up app's: its data key ring opens the history.
    environment = server_environment(
        url,
        folder / "instance",
        None,
        MEND,
        monitor=False,
        gc_freeze=False,
        argon2_threadpool=False,
    )
    ledger = {**environment, "MEND_BASELINE_LEDGER": "1"}
    servers = {
        name: server_stack.enter_context(serve(name, env, folder))
        for name, env in (("baseline", environment), ("ledger", ledger), ("mend", environment))
    }
    with ThreadPoolExecutor(8) as pool:
        jobs = [pool.submit(log_in, servers["mend"].url, *couple) for couple in couples]
        partners = [job.result() for job in jobs]
    check_once(servers, partners)
    return Setup(environment, folder, servers, endpoints(partners, folder, args))


def chosen_endpoints(found: list[Endpoint], only: str | None) -> list[Endpoint]:
    """The endpoints to measure: all, or those whose label contains `only`."""
    chosen = [e for e in found if only is None or only.lower() in e.label.lower()]
    if not chosen:
        sys.exit(f"--only {only}: no endpoint matches ({', '.join(e.label for e in found)})")
    return chosen


def main() -> None:
    """Build the data, start both servers, log everyone in, measure, print the table."""
    args = parse_args()
    check_installed()
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="mend-load-bench-"))
    try:
        chosen = run(args, folder, started)
    finally:  # the folder holds the servers' instance (data keys): not left by a failed run
        if not args.keep_logs:
            shutil.rmtree(folder, ignore_errors=True)
    if args.keep_logs:
        print(f"logs kept in {folder}")
    print(f"load benchmark took {time.perf_counter() - started:.0f} s")
    if not args.skip_scaling:
        run_scaling(args)
        print(f"\neverything took {time.perf_counter() - started:.0f} s")
    if any(r.errors for e in chosen for r in e.runs["mend"]):
        sys.exit("Mend answered with errors under load (see above)")


def run(args: Namespace, folder: Path, started: float) -> list[Endpoint]:
    """Set up, measure the chosen endpoints and the fixed rate, print; those endpoints."""
    with ExitStack() as stack:
        with ExitStack() as server_stack:
            ready = prepare(stack, server_stack, args, folder)
            print(f"ready after {time.perf_counter() - started:.0f} s; measuring", flush=True)
            loads, profiles = [os.getloadavg()], []
            chosen = chosen_endpoints(ready.endpoints, args.only)
            for endpoint in chosen:  # reads first: the writes add check-ins
                measure(endpoint, ready.servers, args)
                if args.profile:
                    profiles += profile(endpoint, ready.environment, folder, args)
            files = [endpoint.requests for endpoint in chosen]
            latency = fixed_rate.measure(ready.servers["mend"].url, files, folder, args)
            loads.append(os.getloadavg())
        print_table(chosen, args, loads)
        mixed = len(chosen) == len(ready.endpoints)
        mix = "reads and writes mixed" if mixed else f"only the endpoints matching {args.only!r}"
        print(fixed_rate.describe(latency, mix))
        if profiles:
            print("\n".join(profiles))
    print_server_notes(ready.servers)
    return chosen


if __name__ == "__main__":
    main()
