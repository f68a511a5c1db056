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
import http.cookiejar
import importlib.util
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from argparse import Namespace
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
import socketio
from flask import Flask
from flask.testing import FlaskClient
from servers import (
    BLOCKING_REPORT,
    PASSWORD,
    PG,
    Scenario,
    async_modes,
    cpu_seconds,
    dispose,
    gc_pauses,
    gunicorn_server,
    log_problems,
    private_redis,
    resident_mb,
    server_environment,
    setup_app,
)

HTTP_TIMEOUT = 5.0
SLOW = 0.1
LOGIN_EMAIL = "login@bench.mend"


@dataclass(frozen=True)
class Member:
    """A logged-in partner: the session cookie and CSRF token made during setup."""

    user_id: int
    cookie: str
    csrf: str


@dataclass(frozen=True)
class Couple:
    """One space with its two partners."""

    space_id: int
    hurt: Member
    repairing: Member


@dataclass
class Write:
    """One check-in POST and what became of it (perf_counter seconds)."""

    tag: str
    couple: Couple
    url: str
    sent: float = 0.0
    answered: float = 0.0
    status: int = 0
    error: str = ""
    checkin_id: int | None = None  # from the answer: events carry ids only
    arrived: float | None = None

    def latency(self) -> float:
        """Seconds from sending the POST to the event's arrival (inf if it never came)."""
        return math.inf if self.arrived is None else self.arrived - self.sent


@dataclass
class Measurement:
    """What happened during the measured writes."""

    writes: list[Write]
    logins: list[float]
    server_cpu: float
    server_mb: float
    stalls: StallMeter


@dataclass
class Result:
    """The figures of one scenario."""

    scenario: Scenario
    async_modes: list[str]
    clients: int
    strays: int
    log_problems: list[str]
    gc_pauses: str
    load: tuple[float, float]
    measured: Measurement

    @property
    def writes(self) -> list[Write]:
        """Every measured write."""
        return self.measured.writes


# --- database and accounts -------------------------------------------------------------


@contextmanager
def bench_database() -> Iterator[str]:
    """A fresh PostgreSQL database on loopback, dropped afterwards; yields its URL."""
    name = f"mend_live_bench_{os.getpid()}"
    subprocess.run(["createdb", *PG, name], check=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        subprocess.run(["dropdb", *PG, "--if-exists", "--force", name], check=False)


def _call(client: FlaskClient, method: str, path: str, body: dict) -> dict:
    """One API call through the in-process test client, with a fresh CSRF token."""
    token = client.get("/api/v1/auth/csrf").json["csrf_token"]
    response = client.open(
        f"/api/v1{path}", method=method, json=body, headers={"X-CSRFToken": token}
    )
    assert response.status_code in (200, 201, 202), response.get_data(as_text=True)
    return response.json


def _member(client: FlaskClient, user_id: int) -> Member:
    """Freeze the client's session into a cookie and CSRF token usable by real servers."""
    token = client.get("/api/v1/auth/csrf").json["csrf_token"]
    cookie = client.get_cookie("mend_session")
    return Member(user_id=user_id, cookie=f"mend_session={cookie.value}", csrf=token)


def _register(client: FlaskClient, email: str, name: str) -> int:
    """Create a partner account (and log in); returns its id."""
    body = {"email": email, "password": PASSWORD, "display_name": name, "account_type": "partner"}
    _call(client, "POST", "/auth/register", body)
    login = {"email": email, "password": PASSWORD}
    return int(_call(client, "POST", "/auth/login", login)["id"])


def make_couple(app: Flask, number: int) -> Couple:
    """Two partners and their space, made through the API as a browser would."""
    hurt, repairing = app.test_client(), app.test_client()
    hurt_id = _register(hurt, f"hurt{number}@bench.mend", "Sam")
    repairing_id = _register(repairing, f"repairing{number}@bench.mend", "Alex")
    space_id = int(_call(hurt, "POST", "/spaces", {"my_role": "hurt"})["id"])
    code = _call(hurt, "POST", f"/spaces/{space_id}/invites", {"role": "repairing"})["code"]
    _call(repairing, "POST", "/invites/accept", {"code": code})
    return Couple(space_id, _member(hurt, hurt_id), _member(repairing, repairing_id))


# --- sockets ------------------------------------------------------------------------------


class Arrivals:
    """Receives every client's events; keeps when each check-in's event (by its id: live
    events carry ids only) first reached the hurt partner."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.times: dict[int, float] = {}
        self.strays = 0

    def handler(self, couple: Couple, role: str) -> Callable[[dict], None]:
        """The `mend:event` callback of one partner's client."""

        def on_event(message: dict) -> None:
            now = time.perf_counter()
            if message.get("space_id") != couple.space_id:
                with self._lock:
                    self.strays += 1
                return
            if role == "hurt" and message.get("type") == "checkin.created":
                with self._lock:
                    self.times.setdefault(message["data"]["id"], now)

        return on_event

    def missing(self, checkin_ids: list[int]) -> int:
        """How many of these check-ins' events have not arrived yet."""
        with self._lock:
            return sum(checkin_id not in self.times for checkin_id in checkin_ids)

    def arrival(self, checkin_id: int | None) -> float | None:
        """When the check-in's event first reached the hurt partner, if it did."""
        with self._lock:
            return None if checkin_id is None else self.times.get(checkin_id)


def connect(url: str, member: Member, on_event: Callable[[dict], None]) -> socketio.Client | None:
    """A real Socket.IO client over websocket with the member's cookie, or None if refused."""
    client = socketio.Client(reconnection=False)
    client.on("mend:event", on_event)
    try:
        client.connect(
            url, headers={"Cookie": member.cookie}, transports=["websocket"], wait_timeout=10
        )
    except socketio.exceptions.ConnectionError:
        return None
    return client


def connect_all(
    couples: list[Couple], urls: list[str], arrivals: Arrivals, args: Namespace
) -> list[socketio.Client]:
    """Hurt partners to the first process, repairing partners to the last, some at once."""
    jobs = []
    for couple in couples:
        jobs.append((urls[0], couple.hurt, arrivals.handler(couple, "hurt")))
        jobs.append((urls[-1], couple.repairing, arrivals.handler(couple, "repairing")))
    started = time.perf_counter()
    with ThreadPoolExecutor(args.connect_parallelism) as pool:
        clients = [c for c in pool.map(lambda job: connect(*job), jobs) if c is not None]
    took = time.perf_counter() - started
    print(f"  {len(clients)} of {len(jobs)} clients connected in {took:.1f} s", flush=True)
    return clients


def disconnect_all(clients: list[socketio.Client]) -> None:
    """Close every client (in parallel)."""
    with ThreadPoolExecutor(50) as pool:
        list(pool.map(lambda client: client.disconnect(), clients))


class StallMeter:
    """A thread that wakes every 10 ms: how late it wakes shows this process being starved."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.late = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> StallMeter:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            started = time.perf_counter()
            if self._stop.wait(0.01):
                return
            overshoot = time.perf_counter() - started - 0.01
            self.worst = max(self.worst, overshoot)
            self.late += overshoot > SLOW / 2


# --- writes -------------------------------------------------------------------------------

_local = threading.local()


def _http() -> requests.Session:
    """A keep-alive session per thread that never stores cookies (each write sends its own)."""
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
        _local.session.cookies.set_policy(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    return _local.session


def post_checkin(write: Write, predicted_safety: int) -> None:
    """POST one check-in as the repairing partner and note when it was sent and answered."""
    member = write.couple.repairing
    body = {"predicted_safety": predicted_safety, "tags": [write.tag]}
    headers = {"Cookie": member.cookie, "X-CSRFToken": member.csrf}
    path = f"{write.url}/api/v1/spaces/{write.couple.space_id}/checkins"
    write.sent = time.perf_counter()
    try:
        response = _http().post(path, json=body, headers=headers, timeout=HTTP_TIMEOUT)
        write.status = response.status_code
        if response.status_code == 201:
            write.checkin_id = response.json()["id"]
    except requests.RequestException as error:
        write.status, write.error = -1, type(error).__name__
    write.answered = time.perf_counter()


def drive(
    prefix: str, couples: list[Couple], urls: list[str], seconds: float, args: Namespace
) -> list[Write]:
    """Send rate x seconds check-ins on a fixed schedule (open loop), processes in turn."""
    rng = random.Random(f"{args.seed}{prefix}")
    writes: list[Write] = []
    workers = max(16, int(args.rate * HTTP_TIMEOUT * 1.5))
    with ThreadPoolExecutor(workers) as pool:
        start = time.perf_counter()
        for n in range(int(args.rate * seconds)):
            time.sleep(max(0.0, start + n / args.rate - time.perf_counter()))
            couple, url = rng.choice(couples), urls[n % len(urls)]
            writes.append(Write(tag=f"{prefix}{n}", couple=couple, url=url))
            pool.submit(post_checkin, writes[-1], rng.randint(0, 10))
    return writes


def log_in_repeatedly(url: str, every: float, stop: threading.Event) -> list[float]:
    """Log in (full argon2 cost) every `every` seconds until stopped; each login's duration."""
    durations: list[float] = []
    while every and not stop.wait(every):
        with requests.Session() as http:
            token = http.get(f"{url}/api/v1/auth/csrf", timeout=HTTP_TIMEOUT).json()["csrf_token"]
            started = time.perf_counter()
            response = http.post(
                f"{url}/api/v1/auth/login",
                json={"email": LOGIN_EMAIL, "password": PASSWORD},
                headers={"X-CSRFToken": token},
                timeout=HTTP_TIMEOUT * 4,
            )
            durations.append(time.perf_counter() - started)
            assert response.status_code == 200, response.text
    return durations


def measure(
    scenario: Scenario, couples: list[Couple], servers: list[tuple[str, int]], args: Namespace
) -> Measurement:
    """Warm up (not counted), then the measured writes with logins alongside if asked for."""
    urls, pids = [url for url, _ in servers], [pid for _, pid in servers]
    drive(f"warm-{scenario.key}", couples, urls, args.warmup, args)
    stop = threading.Event()
    with StallMeter() as stalls, ThreadPoolExecutor(1) as pool:
        cpu_before = cpu_seconds(pids)
        logins = pool.submit(log_in_repeatedly, urls[0], args.login_every, stop)
        writes = drive(f"bench-{scenario.key}", couples, urls, args.duration, args)
        stop.set()
        server_cpu = cpu_seconds(pids) - cpu_before
    return Measurement(writes, logins.result(), server_cpu, resident_mb(pids), stalls)


def collect(writes: list[Write], arrivals: Arrivals, grace: float) -> None:
    """Wait up to `grace` seconds after the last answer, then note each write's arrival."""
    deadline = max((w.answered for w in writes), default=time.perf_counter()) + grace
    expected = [w.checkin_id for w in writes if w.checkin_id is not None]
    while time.perf_counter() < deadline and arrivals.missing(expected):
        time.sleep(0.05)
    for write in writes:
        arrived = arrivals.arrival(write.checkin_id)
        write.arrived = arrived if arrived is not None and arrived <= deadline else None


# --- scenarios and the table -------------------------------------------------------------


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


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (nan for no values)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def _pair(values: list[float]) -> str:
    """p50/p99 of values in milliseconds."""
    return f"{percentile(values, 0.5) * 1000:.1f}/{percentile(values, 0.99) * 1000:.1f}"


def row(result: Result) -> list[str]:
    """The table row of one scenario (milliseconds)."""
    ok = [w for w in result.writes if w.status == 201]
    delivered = [w for w in ok if w.arrived is not None]
    latency = [w.latency() for w in delivered]
    return [
        result.scenario.label,
        str(result.clients),
        f"{len(delivered)}/{len(result.writes)}",
        str(len(ok) - len(delivered)),
        str(len(result.writes) - len(ok)),
        f"{percentile(latency, 0.5) * 1000:.1f}",
        f"{percentile(latency, 0.99) * 1000:.1f}",
        f"{max(latency, default=math.nan) * 1000:.1f}",
        str(sum(value > SLOW for value in latency)),
        f"{result.measured.server_cpu / len(ok) * 1000:.1f}" if ok else "-",
        _pair([w.answered - w.sent for w in ok]),
        _pair([w.arrived - w.answered for w in delivered if w.arrived]),
    ]


HEADER = (
    "scenario|clients|delivered/sent|lost|failed|p50 ms|p99 ms|max ms|"
    f">{SLOW * 1000:.0f} ms|CPU ms/write|http p50/p99|answer->event p50/p99"
).split("|")


def print_table(results: list[Result], args: Namespace) -> None:
    """One row per scenario."""
    rows = [HEADER, *(row(result) for result in results)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    print(f"\n{args.rate:g} writes/s for {args.duration:g} s, {args.couples} couples", end="")
    print(f", login every {args.login_every:g} s" if args.login_every else "")
    print("latency = POST sent -> checkin.created at the hurt partner's socket")
    for i, cells in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)))
        if i == 0:
            print("  ".join("-" * width for width in widths))


def slowest(writes: list[Write], count: int = 5) -> str:
    """When the slowest deliveries were sent, to tell one stall from a spread-out tail."""
    start = min((w.sent for w in writes), default=0.0)
    delivered = sorted((w for w in writes if w.arrived), key=Write.latency, reverse=True)
    return ", ".join(f"{w.sent - start:.1f}: {w.latency() * 1000:.0f}" for w in delivered[:count])


def write_csv(path: Path, results: list[Result]) -> None:
    """Every write: scenario, seconds into the run, HTTP status, ms to answer and to arrival."""
    lines = ["scenario,sent_s,status,answer_ms,arrival_ms"]
    for result in results:
        start = min((w.sent for w in result.writes), default=0.0)
        for w in result.writes:
            arrival = f"{w.latency() * 1000:.1f}" if w.arrived else ""
            answer = f"{(w.answered - w.sent) * 1000:.1f}"
            lines.append(
                f"{result.scenario.key},{w.sent - start:.3f},{w.status},{answer},{arrival}"
            )
    path.write_text("\n".join(lines) + "\n")


def print_details(result: Result) -> None:
    """Async mode, stray events, logins and server log problems of one scenario."""
    print(f"\n[{result.scenario.key}] async mode: {', '.join(result.async_modes)}")
    print(f"    load average (1 min) before/after: {result.load[0]:.2f}/{result.load[1]:.2f}")
    late, worst = result.measured.stalls.late, result.measured.stalls.worst
    print(
        f"    this process starved > {SLOW * 500:.0f} ms: {late} times, worst {worst * 1000:.0f} ms"
    )
    print(f"    server memory (RSS, all processes): {result.measured.server_mb:.0f} MB")
    print(f"    garbage collections pausing a server > 20 ms: {result.gc_pauses}")
    print(f"    stray events (another space's): {result.strays}")
    failed = Counter(w.error or w.status for w in result.writes if w.status != 201)
    if failed:
        print(f"    failed writes by status or client error: {dict(failed)}")
    print(f"    slowest writes (s into the run: ms): {slowest(result.writes)}")
    if result.measured.logins:
        logins = result.measured.logins
        print(f"    {len(logins)} logins, p50/p99 ms: {_pair(logins)}")
    for line in result.log_problems[:15] or ["no warnings or errors in the server logs"]:
        print(f"    {line}")


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
        _register(app.test_client(), LOGIN_EMAIL, "Login")
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
