"""Benchmark: from a check-in write to its `checkin.created` event at the partner's socket.

Everything runs on loopback and stops by itself. A fresh PostgreSQL database is
created, migrated, filled with --couples spaces (hurt + repairing partner, made
through the API in-process with cheap password hashing) and dropped at the end.
For each scenario real gunicorn processes are started, one python-socketio client
(websocket transport) per partner connects (hurt partners to the first process,
repairing partners to the last), and repairing partners of random couples POST
check-ins at --rate per second for --duration seconds through the processes in
turn, each tagged `bench-<scenario><n>`. Latency is measured in this process from
just before the POST is sent (an upper bound of commit -> arrival, since Mend
publishes after the commit and before it answers) to the arrival of the matching
event at the hurt partner's socket. An event not there --grace seconds after the
last answer is lost.

Scenarios: a = two gunicorn gevent processes sharing Redis, b = one gevent
process without Redis, c = one gthread process (--gthread-threads) in threading
mode without Redis.

    python bench/live.py [--duration 30] [--rate 20] [--couples 100] [--scenarios a,b,c]

The Python running it needs gunicorn and gevent (the `prod` extra). Redis: a
private redis-server on a free port unless --redis-url is given (Socket.IO's
pub/sub channel is shared by every database number of one Redis).

Besides the table it prints, per scenario: the Socket.IO async mode each worker
chose, server CPU per write and memory, full garbage collections that paused a
server, how starved this process itself was (the machine's load shows in it), and
warnings or errors from the server logs. Trials of fixes and diagnostics:
--gc-freeze, --argon2-threadpool, --login-every, --gevent-monitor, --csv.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import tempfile
import time
from argparse import Namespace
from contextlib import ExitStack
from pathlib import Path

from live_accounts import LOGIN_EMAIL, Couple, bench_database, make_couple, register_partner
from live_report import Result, print_details, print_table, write_csv
from live_sockets import Arrivals, connect_all, disconnect_all
from live_writes import collect, measure
from servers import (
    BLOCKING_REPORT,
    Scenario,
    async_modes,
    dispose,
    gc_pauses,
    gunicorn_server,
    log_problems,
    private_redis,
    server_environment,
    setup_app,
)

# --- scenarios ---------------------------------------------------------------------------


def scenarios(args: Namespace) -> dict[str, Scenario]:
    """The three server setups compared."""
    gevent = ("-k", "gevent", "-w", "1", "--worker-connections", str(args.worker_connections))
    threads = ("-k", "gthread", "-w", "1", "--threads", str(args.gthread_threads))
    return {
        "a": Scenario("a", "2x gunicorn gevent + Redis", gevent, processes=2, redis=True),
        "b": Scenario("b", "1x gunicorn gevent", gevent, processes=1, redis=False),
        "c": Scenario("c", f"1x gunicorn gthread {args.gthread_threads}t", threads, 1, False),
    }


def run_scenario(
    scenario: Scenario,
    couples: list[Couple],
    database_url: str,
    redis_url: str | None,
    args: Namespace,
    instance: Path,
) -> Result:
    """Start the servers, connect every partner, drive the writes and collect the figures.

    Every scenario's servers share the set-up app's instance folder: its data key ring
    opens what the set-up and the earlier scenarios wrote (a ring of their own would not).
    """
    print(f"\n[{scenario.key}] {scenario.label}", flush=True)
    folder = Path(tempfile.mkdtemp(prefix=f"mend-live-bench-{scenario.key}-"))
    monitor = args.gevent_monitor and "gevent" in scenario.worker_args
    redis_url = redis_url if scenario.redis else None
    environment = server_environment(
        database_url,
        instance,
        redis_url,
        scenario,
        monitor=monitor,
        gc_freeze=args.gc_freeze,
        argon2_threadpool=args.argon2_threadpool,
    )
    logs = [folder / f"gunicorn-{i}.log" for i in range(scenario.processes)]
    load_before = os.getloadavg()[0]
    with ExitStack() as stack:
        servers = [stack.enter_context(gunicorn_server(scenario, environment, p)) for p in logs]
        arrivals = Arrivals()
        clients = connect_all(couples, [url for url, _ in servers], arrivals, args)
        measured = measure(scenario, couples, servers, args)
        collect(measured.writes, arrivals, args.grace)
        disconnect_all(clients)
    result = Result(
        scenario=scenario,
        async_modes=async_modes(logs),
        clients=len(clients),
        strays=arrivals.strays,
        log_problems=log_problems(logs),
        gc_pauses=gc_pauses(logs),
        load=(load_before, os.getloadavg()[0]),
        measured=measured,
    )
    if args.keep_logs:
        print(f"  logs kept in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def parse_args() -> Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of writes")
    parser.add_argument("--rate", type=float, default=20.0, help="writes per second")
    parser.add_argument("--couples", type=int, default=100, help="spaces (2 clients each)")
    parser.add_argument("--scenarios", default="a,b,c", help="which of a,b,c to run")
    parser.add_argument("--gthread-threads", type=int, default=50)
    parser.add_argument("--worker-connections", type=int, default=1000)
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of uncounted writes")
    parser.add_argument("--login-every", type=float, default=0.0, help="log in every N s")
    parser.add_argument(
        "--connect-parallelism", type=int, default=50, help="clients connecting at once"
    )
    parser.add_argument("--grace", type=float, default=5.0, help="seconds to wait for late events")
    parser.add_argument("--redis-url", help="use this Redis instead of a private redis-server")
    parser.add_argument(
        "--gevent-monitor",
        action="store_true",
        help=f"report what blocks gevent's loop > {BLOCKING_REPORT * 1000:.0f} ms (costly: "
        "each report formats every greenlet's stack, so do not trust the latencies then)",
    )
    parser.add_argument("--gc-freeze", action="store_true", help="gc.freeze() after app load")
    parser.add_argument(
        "--argon2-threadpool", action="store_true", help="gevent: hash passwords off the loop"
    )
    parser.add_argument("--csv", type=Path, help="write every write's timings to this file")
    parser.add_argument("--keep-logs", action="store_true", help="keep the gunicorn logs")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


def check_installed(chosen: list[Scenario]) -> None:
    """gunicorn (and gevent) must be importable here; gevent-websocket must not be."""
    needed = ["gunicorn"] + (["gevent"] if any("gevent" in s.worker_args for s in chosen) else [])
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        sys.exit(f"missing {', '.join(missing)}: pip install -e '.[prod]' into this Python")
    if importlib.util.find_spec("geventwebsocket") is not None:
        sys.exit("gevent-websocket is installed: it breaks Socket.IO under -k gevent; remove it")


def main() -> None:
    """Create the database and accounts once, run each scenario, print the table, clean up."""
    args = parse_args()
    chosen = [scenarios(args)[key] for key in args.scenarios.split(",")]
    check_installed(chosen)
    results = []
    with ExitStack() as stack, tempfile.TemporaryDirectory() as instance:
        database_url = stack.enter_context(bench_database())
        app = setup_app(database_url, Path(instance))
        started = time.perf_counter()
        couples = [make_couple(app, n) for n in range(args.couples)]
        register_partner(app.test_client(), LOGIN_EMAIL, "Login")
        print(f"{len(couples)} couples made in {time.perf_counter() - started:.1f} s", flush=True)
        needs_redis = any(s.redis for s in chosen)
        redis_url = args.redis_url or (
            stack.enter_context(private_redis()) if needs_redis else None
        )
        for scenario in chosen:
            results.append(
                run_scenario(scenario, couples, database_url, redis_url, args, Path(instance))
            )
        dispose(app)
    print_table(results, args)
    if args.csv:
        write_csv(args.csv, results)
    for result in results:
        print_details(result)


if __name__ == "__main__":
    main()
