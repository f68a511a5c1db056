"""bench/live.py's report: the figures of one scenario (Result), the table of all of
them, every write's timings as CSV (--csv), and the details printed per scenario.
"""

from __future__ import annotations

import math
from argparse import Namespace
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from live_sockets import SLOW
from live_writes import Measurement, Write
from servers import Scenario


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
