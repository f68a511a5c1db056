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

Needs wrk (`apt-get install -y wrk`) and gunicorn with gevent (`pip install -e '.[prod]'`).
"""

from __future__ import annotations

import argparse
import atexit
import importlib.util
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from argparse import Namespace
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import FrameType

import fixed_rate
import requests
from argon2 import PasswordHasher
from flask import Flask
from servers import (
    PASSWORD,
    PG,
    Scenario,
    async_modes,
    cpu_seconds,
    dispose,
    free_port,
    gc_pauses,
    gunicorn_command,
    healthy_process,
    log_problems,
    server_environment,
    setup_app,
)

BENCH_DIR = Path(__file__).resolve().parent
LUA = BENCH_DIR / "wrk" / "requests.lua"
USER_AGENT = "mend-bench-load/1"  # logins and wrk send the same one (Flask-Login's identifier)
TARGET = 0.5
LEDGER_LABEL = " vs by hand with ledger"
GEVENT = ("-k", "gevent", "-w", "1", "--worker-connections", "1000")
MEND = Scenario("m", "1x gunicorn gevent", GEVENT, processes=1, redis=False)


@dataclass(frozen=True)
class Partner:
    """A logged-in partner: role, space, session cookie and CSRF token."""

    role: str
    space_id: int
    cookie: str = ""
    csrf: str = ""


@dataclass(frozen=True)
class Server:
    """A running gunicorn process."""

    name: str
    url: str
    pid: int
    log: Path


@dataclass
class Run:
    """One wrk measurement against one server."""

    rps: float
    p50: float
    p99: float
    errors: int
    cpu_ms: float
    first_bad: str


@dataclass
class Endpoint:
    """A benchmarked endpoint: its label, its prepared requests, its runs per server."""

    label: str
    requests: Path
    writes: bool = False
    runs: dict[str, list[Run]] = field(default_factory=lambda: {"mend": [], "baseline": []})


# --- database and data ------------------------------------------------------------------


@contextmanager
def database(purpose: str) -> Iterator[str]:
    """A fresh PostgreSQL database on loopback, dropped afterwards; yields its URL."""
    name = f"mend_bench_{purpose}_{os.getpid()}"
    subprocess.run(["dropdb", *PG, "--if-exists", "--force", name], check=True)
    subprocess.run(["createdb", *PG, name], check=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        subprocess.run(["dropdb", *PG, "--if-exists", "--force", name], check=False)


def make_couples(app: Flask, args: Namespace) -> list[tuple[str, Partner]]:
    """Couples with history; returns each partner's email and (not yet logged-in) Partner."""
    from mend.auth.models import User
    from mend.clock import today_in
    from mend.demo import People, write_history
    from mend.extensions import db
    from mend.spaces.models import Membership, Space

    password_hash = PasswordHasher().hash(PASSWORD)  # Mend's cost: logins need no rehash
    partners = []
    with app.app_context():
        for n in range(args.couples):
            users = {
                role: User(
                    email=f"{role}{n}@load.bench",
                    password_hash=password_hash,
                    display_name=name,
                    account_type="partner",
                    timezone="UTC",
                )
                for role, name in (("hurt", "Sam"), ("repairing", "Alex"))
            }
            space = Space(name=f"Couple {n}")
            db.session.add_all([*users.values(), space])
            db.session.flush()
            space.members = [Membership(user_id=u.id, role=r) for r, u in users.items()]
            people = People(space.id, users["hurt"].id, users["repairing"].id, "UTC")
            today = today_in("UTC")
            write_history(people, days=args.days, today=today, disclosures=args.disclosures, seed=n)
            db.session.commit()
            partners += [(u.email, Partner(role, space.id)) for role, u in users.items()]
    return partners


def log_in(url: str, email: str, partner: Partner) -> Partner:
    """Log in over HTTP once; the partner with the session cookie and CSRF token it got."""
    with requests.Session() as http:
        http.headers["User-Agent"] = USER_AGENT
        csrf = http.get(f"{url}/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
        body = {"email": email, "password": PASSWORD}
        response = http.post(
            f"{url}/api/v1/auth/login", json=body, headers={"X-CSRFToken": csrf}, timeout=30
        )
        assert response.status_code == 200, response.text
        csrf = http.get(f"{url}/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
        cookie = f"mend_session={http.cookies['mend_session']}"
    return Partner(partner.role, partner.space_id, cookie, csrf)


# --- servers ------------------------------------------------------------------------------


@contextmanager
def serve(name: str, environment: dict, folder: Path) -> Iterator[Server]:
    """Mend or the baseline under gunicorn on a free port, healthy when yielded; stopped after."""
    port = free_port()
    log = folder / f"{name}.log"
    with healthy_process(command(name, port), environment, port, log) as (url, pid):
        yield Server(name, url, pid, log)


def command(name: str, port: int) -> list[str]:
    """The gunicorn command line of Mend (exactly as bench/live.py runs it) or the baseline."""
    if name in ("mend", "profiled"):
        *options, app = gunicorn_command(MEND, port)
        if name == "profiled":  # with bench/ on the path, `load` is this file
            options += ["--pythonpath", str(BENCH_DIR)]
            app = "load:profiled_app()"
        return [*options, *_no_control_socket(), app]
    # The very same gunicorn command and settings file, only the app differs.
    *options, _mend_app = gunicorn_command(MEND, port)
    return [*options, *_no_control_socket(), "--pythonpath", str(BENCH_DIR), "baseline_app:app"]


def _no_control_socket() -> list[str]:
    """Recent gunicorn opens a control socket at one path shared by all, unless told not to."""
    from gunicorn.config import KNOWN_SETTINGS

    known = any("--no-control-socket" in (setting.cli or ()) for setting in KNOWN_SETTINGS)
    return ["--no-control-socket"] if known else []


# --- requests and wrk ---------------------------------------------------------------------


def lua_string(text: str) -> str:
    """A Lua string literal (JSON's escapes are Lua's for ASCII text)."""
    assert text.isascii(), text
    return json.dumps(text)


def write_requests(path: Path, items: list[tuple[str, str, Partner, dict | None]]) -> Path:
    """A Lua file returning the requests (method, path, partner, JSON body) for requests.lua."""
    lines = ["return {"]
    for method, url_path, partner, body in items:
        headers = {"Cookie": partner.cookie, "User-Agent": USER_AGENT}
        if body is not None:
            headers |= {"X-CSRFToken": partner.csrf, "Content-Type": "application/json"}
        header_lua = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
        body_lua = lua_string(json.dumps(body)) if body is not None else "nil"
        lines.append(
            f"  {{method = {lua_string(method)}, path = {lua_string(url_path)}, "
            f"headers = {{{header_lua}}}, body = {body_lua}}},"
        )
    path.write_text("\n".join([*lines, "}"]) + "\n")
    return path


def endpoints(partners: list[Partner], folder: Path, args: Namespace) -> list[Endpoint]:
    """The three measured endpoints, each with one request per (hurt) partner."""
    from mend.clock import today_in

    today = today_in("UTC")
    trend = f"from={today - timedelta(days=89)}&to={today}&bucket=day"
    hurt = [p for p in partners if p.role == "hurt"]
    space = "/api/v1/spaces/{}"
    reads = {
        "GET disclosures (50)": [
            ("GET", f"{space.format(p.space_id)}/disclosures", p, None) for p in hurt
        ],
        "GET trends/safety (90 d)": [
            ("GET", f"{space.format(p.space_id)}/trends/safety?{trend}", p, None) for p in hurt
        ],
    }
    writes = [
        ("POST", f"{space.format(p.space_id)}/checkins", p, checkin_body(p, n))
        for n, p in enumerate(partners)
    ]
    found = [
        Endpoint(label, write_requests(folder / f"{n}.lua", items))
        for n, (label, items) in enumerate(reads.items())
    ]
    found.append(Endpoint("POST checkins", write_requests(folder / "post.lua", writes), True))
    return found


def checkin_body(partner: Partner, n: int) -> dict:
    """A plausible check-in: felt safety from the hurt partner, a guess from the other."""
    score = "felt_safety" if partner.role == "hurt" else "predicted_safety"
    return {score: 3 + n % 6, "regulation": 4 + n % 5, "tags": ["load"]}


def wrk(server: Server, endpoint: Endpoint, seconds: float, args: Namespace) -> Run:
    """One wrk run; throughput counts 2xx answers, errors non-2xx and socket errors."""
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections)]
    command += ["-d", f"{seconds:g}s", "--timeout", "10s", "-s", str(LUA), server.url]
    command += ["--", str(endpoint.requests), str(args.threads)]
    cpu_before = cpu_seconds([server.pid])
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds([server.pid]) - cpu_before
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    responses = max(figures["responses"], 1)
    bad = f"{figures['first_bad_status']} {figures['first_bad_body'][:160]}"
    return Run(
        rps=(figures["responses"] - figures["non2xx"]) / figures["seconds"],
        p50=figures["p50_ms"],
        p99=figures["p99_ms"],
        errors=figures["non2xx"] + figures["socket_errors"],
        cpu_ms=cpu * 1000 / responses,
        first_bad=bad if figures["first_bad_status"] else "",
    )


def check_once(servers: dict[str, Server], partners: list[Partner]) -> None:
    """Each server answers the reads as expected (50 disclosures, 90 days) before any load."""
    hurt = next(p for p in partners if p.role == "hurt")
    for server in servers.values():
        headers = {"Cookie": hurt.cookie, "User-Agent": USER_AGENT}
        base = f"{server.url}/api/v1/spaces/{hurt.space_id}"
        listed = requests.get(f"{base}/disclosures", headers=headers, timeout=10)
        assert listed.status_code == 200, (server.name, listed.text[:300])
        assert len(listed.json()["items"]) == 50, "fewer than 50 disclosures: raise --disclosures"
        if server.name == "mend":
            trend = requests.get(f"{base}/trends/safety", headers=headers, timeout=10).json()
            assert len(trend["points"]) == 90, trend


def measure(endpoint: Endpoint, servers: dict[str, Server], args: Namespace) -> None:
    """Warm both up, then alternate baseline and Mend --rounds times."""
    print(f"  {endpoint.label}: warm-up", end="", flush=True)
    for server in servers.values():
        wrk(server, endpoint, args.warmup, args)
    names = ("baseline", "ledger", "mend") if endpoint.writes else ("baseline", "mend")
    for _ in range(args.rounds):
        for name in names:
            run = wrk(servers[name], endpoint, args.duration, args)
            endpoint.runs.setdefault(name, []).append(run)
            print(f", {name} {run.rps:.0f}/s", end="", flush=True)
    print()


# --- the table ----------------------------------------------------------------------------


def median(runs: list[Run], attribute: str) -> float:
    """The median of one figure over the rounds."""
    return statistics.median(getattr(run, attribute) for run in runs)


def row(endpoint: Endpoint, against: str = "baseline") -> list[str]:
    """One table row: medians over the rounds, errors summed."""
    mend, base = endpoint.runs["mend"], endpoint.runs[against]
    ratio = median(mend, "rps") / median(base, "rps")
    return [
        endpoint.label + (LEDGER_LABEL if against == "ledger" else ""),
        f"{median(mend, 'rps'):.0f}",
        f"{median(base, 'rps'):.0f}",
        f"{ratio:.2f}" + ("" if ratio >= TARGET else " (<0.5)"),
        f"{median(mend, 'p50'):.1f}/{median(mend, 'p99'):.1f}",
        f"{median(base, 'p50'):.1f}/{median(base, 'p99'):.1f}",
        f"{sum(r.errors for r in mend)}/{sum(r.errors for r in base)}",
        f"{median(mend, 'cpu_ms'):.1f}/{median(base, 'cpu_ms'):.1f}",
    ]


HEADER = [
    "endpoint",
    "mend req/s",
    "baseline req/s",
    "ratio",
    "mend p50/p99 ms",
    "baseline p50/p99 ms",
    "errors mend/base",
    "server CPU ms/req mend/base",
]


def print_table(found: list[Endpoint], args: Namespace, loads: list[tuple]) -> None:
    """The figures, how they were made, and the machine's load around them."""
    rows = [HEADER, *(row(endpoint) for endpoint in found)]
    rows += [row(endpoint, "ledger") for endpoint in found if "ledger" in endpoint.runs]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    print(
        f"\n{args.connections} connections, wrk -t{args.threads}, {args.duration:g} s per run, "
        f"median of {args.rounds} rounds (baseline, Mend alternating) after "
        f"{args.warmup:g} s warm-up; {args.couples} couples, {args.days} days of history, "
        f"{args.disclosures} disclosures each. Target: ratio >= {TARGET}."
    )
    print("Reads spread over the hurt partners; writes over all partners (both of each couple).")
    print(
        f"'{LEDGER_LABEL.strip()}': the baseline also writes by hand what Mend must write for a"
        " check-in (space lock, ledger head, ledger entry); still no live events."
    )
    for i, cells in enumerate(rows):
        print(" | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)))
        if i == 0:
            print("-+-".join("-" * width for width in widths))
    before, after = (" ".join(f"{value:.2f}" for value in load) for load in loads)
    print(f"load average (1, 5, 15 min) before: {before}; after: {after}")
    for endpoint in found:
        spread = "; ".join(
            f"{name} " + ", ".join(f"{r.rps:.0f}" for r in runs)
            for name, runs in endpoint.runs.items()
        )
        print(f"  {endpoint.label} req/s per round: {spread}")
        for name, runs in endpoint.runs.items():
            for bad in {r.first_bad for r in runs if r.first_bad}:
                print(f"    {name} non-2xx, first seen: {bad}")


def print_server_notes(servers: dict[str, Server]) -> None:
    """Mend's async mode, long GC pauses and any warnings in either server's log."""
    mend = servers["mend"]
    print(f"mend worker: {async_modes([mend.log])[0]}; GC pauses > 20 ms: {gc_pauses([mend.log])}")
    for server in servers.values():
        problems = log_problems([server.log])
        for line in problems[:10]:
            print(f"  {server.name} log: {line}")
        if any("TimeoutError" in line for line in problems):
            print("    (TimeoutError: a request waited longer than pool_timeout for a connection)")


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


# --- profile (--profile) ------------------------------------------------------------------


class Sampler:
    """Records the running Python stack every `interval` s of process CPU time (SIGPROF).

    Under gevent every greenlet runs in the main thread, so each sample is the
    stack of whichever request was using the CPU: no per-call overhead, and time
    spent waiting (for PostgreSQL, for the network) is not sampled at all.
    """

    def __init__(self, path: str, interval: float = 0.001) -> None:  # the kernel may round up
        self.path = path
        self.stacks: Counter[tuple[tuple[str, int, str], ...]] = Counter()
        signal.signal(signal.SIGPROF, self._sample)
        signal.setitimer(signal.ITIMER_PROF, interval, interval)
        atexit.register(self.dump)

    def _sample(self, _signum: int, frame: FrameType | None) -> None:
        stack = []
        while frame is not None:
            code = frame.f_code
            stack.append((code.co_filename, code.co_firstlineno, code.co_name))
            frame = frame.f_back
        self.stacks[tuple(stack)] += 1

    def dump(self) -> None:
        """Write the samples as JSON: [[stack, innermost frame first], count] pairs."""
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        Path(self.path).write_text(json.dumps([[s, n] for s, n in self.stacks.items()]))


def profiled_app():  # type: ignore[no-untyped-def]
    """gunicorn app factory (`load:profiled_app()`): mend.wsgi's app inside a Sampler."""
    from mend.wsgi import app

    Sampler(os.environ["MEND_BENCH_PROFILE"])
    return app


def where(filename: str) -> str:
    """A short name for a source file: the package (or Mend module) it belongs to."""
    if "/backend/mend/" in filename:
        return "mend." + filename.split("/backend/mend/")[1].removesuffix(".py").replace("/", ".")
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0].removesuffix(".py")
    return Path(filename).stem


def format_profile(path: Path, label: str, cpu_ms: float, top: int) -> list[str]:
    """Where the worker's CPU went: by package, by innermost Mend function, by function."""
    samples = [(stack, n) for stack, n in json.loads(path.read_text())]
    total = sum(n for _, n in samples) or 1
    packages: Counter[str] = Counter()
    mend_regions: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for stack, n in samples:
        packages[where(stack[0][0])] += n
        mend_regions[_innermost_mend(stack)] += n
        for name in {f"{where(f[0])}:{f[2]}" for f in stack}:
            inclusive[name] += n
    lines = [f"\n{label}: {total} samples; the worker used {cpu_ms:.1f} ms CPU per request, so:"]
    for title, counter in (
        ("self time by package", packages),
        ("by innermost Mend function on the stack", mend_regions),
        ("inclusive time by function", inclusive),
    ):
        lines.append(f"  {title}:")
        for name, n in counter.most_common(top):
            lines.append(f"    {100 * n / total:5.1f}%  {n * cpu_ms / total:5.2f} ms/req  {name}")
    return lines


def _innermost_mend(stack: list) -> str:
    """The innermost Mend function inside Flask's request handling, else who ran instead."""
    for filename, _line, function in stack:
        if "/backend/mend/" in filename:
            return f"{where(filename)}.{function}"
        if filename.endswith("flask/app.py") and function == "wsgi_app":
            break
    return "(no Mend frame: server, WSGI, Flask)"


def profile(endpoint: Endpoint, environment: dict, folder: Path, args: Namespace) -> list[str]:
    """Mend under the same load in a sampled worker of its own; the profile's lines."""
    path = folder / f"profile-{len(list(folder.glob('profile-*')))}.json"
    with serve("profiled", {**environment, "MEND_BENCH_PROFILE": str(path)}, folder) as server:
        wrk(server, endpoint, args.warmup, args)
        run = wrk(server, endpoint, args.duration, args)
    return format_profile(path, endpoint.label, run.cpu_ms, args.profile_top)


# --- main ---------------------------------------------------------------------------------


def parse_args() -> Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per measured run")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per server")
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


def main() -> None:
    """Build the data, start both servers, log everyone in, measure, print the table."""
    args = parse_args()
    check_installed()
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="mend-load-bench-"))
    with ExitStack() as stack:
        with ExitStack() as server_stack:
            ready = prepare(stack, server_stack, args, folder)
            print(f"ready after {time.perf_counter() - started:.0f} s; measuring", flush=True)
            loads, profiles = [os.getloadavg()], []
            for endpoint in ready.endpoints:  # reads first: the writes add check-ins
                measure(endpoint, ready.servers, args)
                if args.profile:
                    profiles += profile(endpoint, ready.environment, folder, args)
            files = [endpoint.requests for endpoint in ready.endpoints]
            latency = fixed_rate.measure(ready.servers["mend"].url, files, folder, args)
            loads.append(os.getloadavg())
        print_table(ready.endpoints, args, loads)
        print(fixed_rate.describe(latency))
        if profiles:
            print("\n".join(profiles))
    print_server_notes(ready.servers)
    if args.keep_logs:
        print(f"logs kept in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"load benchmark took {time.perf_counter() - started:.0f} s")
    if not args.skip_scaling:
        run_scaling(args)
        print(f"\neverything took {time.perf_counter() - started:.0f} s")
    if any(r.errors for e in ready.endpoints for r in e.runs["mend"]):
        sys.exit("Mend answered with errors under load (see above)")


if __name__ == "__main__":
    main()
