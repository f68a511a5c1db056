"""Latency at a fixed rate: half of Mend's measured capacity, reads and writes mixed.

Used by bench/load.py after its closed-loop runs. The mix is every prepared request
of the measured endpoints, interleaved (two reads, then a write). Capacity is the
throughput of that mix with every connection sending as fast as it is answered;
then each connection waits between requests (wrk's `delay`) so that together they
offer half of it, and the p99 of that run is the figure (target: under 50 ms).

The pauses are random (exponential, with the mean that gives half the capacity;
each connection's first request waits one too), so arrivals are spread as a Poisson
stream's are. A fixed pause made every connection start at once and stay in step:
waves of 32 requests at the same moment, whose p99 was the time to drain a wave
(p99 593 ms at 39 req/s offered, with p50 70 ms), not Mend's latency at that rate.
wrk2 is not in Debian; wrk's delay comes after each answer, so a slow answer slows
that connection's next request a little (the achieved rate is printed too).
"""

from __future__ import annotations

import json
import subprocess
from argparse import Namespace
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

LUA = Path(__file__).resolve().parent / "wrk" / "requests.lua"
TARGET_P99_MS = 50.0
# Appended to requests.lua: a random pause (exponential, mean args[3] ms) before each
# request of a connection, its first included (wrk delays every request of a script
# that has delay()). Capped at 1.8 s: gunicorn closes a keep-alive connection idle for
# 2 s, and wrk counts each such close as a socket error (24 in a 10 s run uncapped).
DELAY = """
local pause = 0
local prepared_init = init
function init(args)
  prepared_init(args)
  pause = tonumber(args[3]) or 0
  math.randomseed(id * 7919)
end
function delay()
  return math.min(math.floor(-math.log(1 - math.random()) * pause), 1800)
end
"""


@dataclass(frozen=True)
class Latency:
    """A run of the mix: offered and achieved rate, latency, errors."""

    capacity: float
    offered: float
    achieved: float
    p50: float
    p99: float
    errors: int
    first_bad: str = ""


def mixed_requests(files: list[Path], folder: Path) -> Path:
    """One Lua request list interleaving the endpoints' lists (reads and writes)."""
    entries = [
        [line for line in path.read_text().splitlines() if line.startswith("  {")] for path in files
    ]
    mixed = [line for group in zip_longest(*entries) for line in group if line is not None]
    path = folder / "mixed.lua"
    path.write_text("\n".join(["return {", *mixed, "}"]) + "\n")
    return path


def run_wrk(url: str, requests: Path, seconds: float, args: Namespace, pause_ms: float) -> dict:
    """One wrk run (with a pause per request when pause_ms > 0); its BENCH_JSON figures."""
    script = LUA
    if pause_ms > 0:
        script = requests.with_name("fixed_rate.lua")
        script.write_text(LUA.read_text() + DELAY)
    command = ["wrk", "-t", str(args.threads), "-c", str(args.connections)]
    command += ["-d", f"{seconds:g}s", "--timeout", "10s", "-s", str(script), url]
    command += ["--", str(requests), str(args.threads), f"{pause_ms:.0f}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def measure(url: str, files: list[Path], folder: Path, args: Namespace) -> Latency:
    """Capacity of the mix, then its latency at half of it."""
    requests = mixed_requests(files, folder)
    full = run_wrk(url, requests, args.duration, args, 0)
    capacity = (full["responses"] - full["non2xx"]) / full["seconds"]
    offered = capacity / 2
    pause_ms = 1000 * args.connections / offered  # each connection's share of the rate
    paced = run_wrk(url, requests, max(args.duration, 10), args, pause_ms)
    return Latency(
        capacity=capacity,
        offered=offered,
        achieved=paced["responses"] / paced["seconds"],
        p50=paced["p50_ms"],
        p99=paced["p99_ms"],
        errors=paced["non2xx"] + paced["socket_errors"] + full["non2xx"],
        first_bad=_first_bad(full) or _first_bad(paced),
    )


def _first_bad(run: dict) -> str:
    """The first non-2xx answer of a run (status and the start of its body), or what kind
    of socket errors it had."""
    if run["first_bad_status"]:
        return f"{run['first_bad_status']} {run['first_bad_body'][:120]}"
    if run["socket_errors"]:
        return f"{run['socket_errors']} socket errors ({run['timeouts']} timeouts)"
    return ""


def describe(latency: Latency, mix: str = "reads and writes mixed") -> str:
    """One line for the bench's output and RESULTS.md; mix says which requests were sent."""
    verdict = "under" if latency.p99 < TARGET_P99_MS else "NOT under"
    return (
        f"fixed rate, {mix}: capacity {latency.capacity:.0f} req/s; at "
        f"{latency.offered:.0f} req/s offered ({latency.achieved:.0f} achieved) p50 "
        f"{latency.p50:.1f} ms, p99 {latency.p99:.1f} ms ({verdict} {TARGET_P99_MS:.0f} ms); "
        f"errors {latency.errors}" + (f" (first: {latency.first_bad})" if latency.errors else "")
    )
