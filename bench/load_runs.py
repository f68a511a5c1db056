"""bench/load.py's servers and wrk runs: Mend, the baseline or a profiled Mend under
gunicorn, and wrk sending them an endpoint's prepared requests.

bench/load.py, bench/load_profile.py and bench/ablation.py use it.
"""

from __future__ import annotations

import json
import subprocess
from argparse import ArgumentTypeError, Namespace
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from servers import BENCH_DIR, Scenario, cpu_seconds, free_port, gunicorn_command, healthy_process

LUA = BENCH_DIR / "wrk" / "requests.lua"
GEVENT = ("-k", "gevent", "-w", "1", "--worker-connections", "1000")
MEND = Scenario("m", "1x gunicorn gevent", GEVENT, processes=1, redis=False)


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


def whole_seconds(text: str) -> int:
    """argparse type of a run's length: wrk takes whole seconds only, 1 or more."""
    value = int(text) if text.isdigit() else 0
    if value < 1:
        raise ArgumentTypeError(f"{text!r}: wrk runs for whole seconds, 1 or more")
    return value


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
        if name == "profiled":  # with bench/ on the path, `load_profile` is bench/load_profile.py
            options += ["--pythonpath", str(BENCH_DIR)]
            app = "load_profile:profiled_app()"
        return [*options, *_no_control_socket(), app]
    # The very same gunicorn command and settings file, only the app differs.
    *options, _mend_app = gunicorn_command(MEND, port)
    return [*options, *_no_control_socket(), "--pythonpath", str(BENCH_DIR), "baseline_app:app"]


def _no_control_socket() -> list[str]:
    """Recent gunicorn opens a control socket at one path shared by all, unless told not to."""
    from gunicorn.config import KNOWN_SETTINGS

    known = any("--no-control-socket" in (setting.cli or ()) for setting in KNOWN_SETTINGS)
    return ["--no-control-socket"] if known else []


# --- wrk ---------------------------------------------------------------------------------


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
