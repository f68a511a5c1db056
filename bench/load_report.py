"""bench/load.py's report: the table of medians over the rounds, how it was made, and
notes from both servers' logs.

bench/load.py and bench/ablation.py (median) use it.
"""

from __future__ import annotations

import statistics
from argparse import Namespace

from load_runs import Endpoint, Run, Server
from servers import async_modes, gc_pauses, log_problems

TARGET = 0.5
LEDGER_LABEL = " vs by hand with ledger"


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
