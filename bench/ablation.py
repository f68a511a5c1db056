"""Ablation: bench/load.py's endpoints with each of Mend's speed tricks switched off in turn.

    .venv/bin/python bench/ablation.py [--duration 5] [--rounds 3] [--tricks NAME ...]
        [--only WORD] [--results bench/RESULTS.md]

What bench/load.py sets up (a fresh PostgreSQL database, the bare baseline and Mend
under gunicorn + gevent), then, one trick at a time, a Mend server started with
MEND_BENCH_WITHOUT=<trick> (each trick reads that variable once, in its own module,
and takes the plain road when named; one variant at a time keeps within PostgreSQL's
100 connections). For every endpoint the three servers are measured in turn,
--rounds times, and each server's median throughput is divided by the baseline's.
A trick's effect is Mend's ratio with it over Mend's ratio
without it, minus one; one that moves no ratio by 3% or more should go. The table
(with the date and load average) replaces the ablation section of --results.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from argparse import Namespace
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import load
from load_data import check_once, database, endpoints, log_in, make_couples
from load_report import median
from load_runs import MEND, Endpoint, Server, command, serve, whole_seconds, wrk
from servers import dispose, free_port, healthy_process, server_environment, setup_app

# Each trick: the module whose wall it sits behind, and what it does.
TRICKS = {
    "built_once": "auth/service.py, record/service.py, checkins/service.py, "
    "disclosures/read/listing.py: hot statements built at import rather than per call",
    "lock_timeout_folding": "auth/service.py: SET LOCAL lock_timeout folded into the login "
    "session lookup instead of a statement of its own",
    "core_writes": "checkins/service.py, record/service.py: the check-in and its ledger entry "
    "inserted as plain rows, without the session's unit of work",
    "core_reads": "pagination.py (read_columns): column reads on the connection, without "
    "the ORM's result handling",
    "dump_plan": "schema.py (_DumpPlan): marshmallow's dump worked out once per schema",
    "orjson": "json_provider.py: answers encoded by orjson",
    "idle_ping": "database.py: pooled connections pinged only after 1 s idle, not at every "
    "checkout",
}
START = "<!-- ablation: written by bench/ablation.py -->"
END = "<!-- /ablation -->"
THRESHOLD = 0.03


@contextmanager
def serve_without(trick: str, environment: dict, folder: Path) -> Iterator[Server]:
    """A Mend server with one trick switched off."""
    port = free_port()
    log = folder / f"without-{trick}.log"
    variant = {**environment, "MEND_BENCH_WITHOUT": trick}
    with healthy_process(command("mend", port), variant, port, log) as (url, pid):
        yield Server(f"without {trick}", url, pid, log)


def measure(endpoint: Endpoint, servers: dict[str, Server], args: Namespace) -> None:
    """Warm every server up, then measure each in turn, --rounds times."""
    names = list(servers)
    print(f"  {endpoint.label}: warm-up", end="", flush=True)
    for name in names:
        wrk(servers[name], endpoint, args.warmup, args)
    for round_number in range(args.rounds):
        print(f", round {round_number + 1}", end="", flush=True)
        for name in names:
            run = wrk(servers[name], endpoint, args.duration, args)
            endpoint.runs.setdefault(name, []).append(run)
    print()


def ratio(endpoint: Endpoint, name: str, against: str = "baseline") -> float:
    """A server's median throughput over the baseline's."""
    runs = endpoint.runs
    return median(runs[name], "rps") / max(median(runs[against], "rps"), 1e-9)


def table(found: list[Endpoint]) -> tuple[list[str], dict[str, float]]:
    """Markdown rows, and each trick's largest effect on any ratio (against Mend with every
    trick measured in the same stretch of time, beside the same baseline runs)."""
    lines = ["| server | " + " | ".join(e.label for e in found) + " |"]
    lines.append("|" + " --- |" * (len(found) + 1))
    for e in found:  # every stretch's runs together, for the first row
        e.runs["mend"] = [r for n, runs in e.runs.items() if n.startswith("mend|") for r in runs]
        e.runs["baseline"] = [
            r for n, runs in e.runs.items() if n.startswith("baseline|") for r in runs
        ]
    effects: dict[str, dict[str, float]] = {}
    rows = [("mend", "baseline", None)]
    rows += [
        (f"without {t}", f"baseline|{t}", t) for t in TRICKS if f"without {t}" in found[0].runs
    ]
    for name, against, trick in rows:
        cells = [name if trick else "Mend, every trick on (all stretches)"]
        for endpoint in found:
            value = ratio(endpoint, name, against)
            cpu = median(endpoint.runs[name], "cpu_ms")
            p99 = median(endpoint.runs[name], "p99")
            errors = sum(run.errors for run in endpoint.runs[name])
            cell = f"{value:.2f} (p99 {p99:.0f} ms, {cpu:.1f} ms CPU, {errors} errors)"
            if trick:
                effect = ratio(endpoint, f"mend|{trick}", against) / max(value, 1e-9) - 1
                effects.setdefault(trick, {})[endpoint.label] = effect
                cell += f"; trick {effect:+.0%}"
            cells.append(cell)
        lines.append("| " + " | ".join(cells) + " |")
    return lines, effects


def spread(found: list[Endpoint], tricks: list[str]) -> tuple[dict[str, float], list[str]]:
    """How far Mend with every trick on, measured once per stretch, moved between stretches:
    per endpoint, (largest ratio - smallest) / median; the run resolves an effect on an
    endpoint only when it is larger than this."""
    widths, lines = {}, []
    for endpoint in found:
        ratios = sorted(ratio(endpoint, f"mend|{t}", f"baseline|{t}") for t in tricks)
        width = (ratios[-1] - ratios[0]) / max(ratios[len(ratios) // 2], 1e-9)
        widths[endpoint.label] = width
        listed = ", ".join(f"{value:.3f}" for value in ratios)
        lines.append(
            f"- {endpoint.label}: every trick on, per stretch: {listed}; spread {width:.1%}"
        )
    return widths, lines


def verdict(effects: dict[str, float], widths: dict[str, float]) -> str:
    """What one trick's effects say, given the run's spread: an effect inside its endpoint's
    spread is noise, and only a run that resolves 3% everywhere may remove a trick."""
    resolved = {
        label: effect
        for label, effect in effects.items()
        if abs(effect) >= max(THRESHOLD, widths[label])
    }
    if resolved:
        label, effect = max(resolved.items(), key=lambda item: abs(item[1]))
        gain = "keeps its place" if effect > 0 else "costs more than it saves: should go"
        return f"{effect:+.0%} on {label}, beyond its spread: {gain}"
    if max(widths.values()) < THRESHOLD:
        return "under 3% everywhere: goes"
    return "every effect inside the run's spread, which cannot resolve 3%: kept for now"


def report(found: list[Endpoint], args: Namespace, loads: list[tuple]) -> str:
    """The ablation section of RESULTS.md."""
    lines, effects = table(found)
    widths, spreads = spread(found, list(effects))
    before, after = (" ".join(f"{v:.2f}" for v in load_) for load_ in loads)
    verdicts = [
        f"- `{trick}` ({TRICKS[trick]}): " + verdict(by_endpoint, widths)
        for trick, by_endpoint in effects.items()
    ]
    return "\n".join(
        [
            START,
            f"## Ablation, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"`bench/ablation.py --duration {args.duration:g} --rounds {args.rounds}`: "
            f"{args.connections} connections, median of {args.rounds} rounds, "
            f"{args.couples} couples. Load average (1, 5, 15 min) before: {before}; "
            f"after: {after} (a shared 2-core machine: ratios within one run are what counts).",
            "Each cell: throughput over the bare baseline's, Mend's p99 and server CPU per "
            "request; 'trick' is how much Mend's ratio gains from it (ratio with / ratio "
            "without - 1, Mend with every trick measured in the same stretch).",
            "",
            *lines,
            "",
            "Spread of Mend with every trick on between stretches (the run's resolution):",
            *spreads,
            "",
            *verdicts,
            END,
        ]
    )


def write_results(section: str, path: Path) -> None:
    """Replace the ablation section of the results file (or add it)."""
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)


def parse_args() -> Namespace:
    """Command-line options (bench/load.py's, with shorter runs by default)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=whole_seconds, default=5, help="seconds per run")
    parser.add_argument("--warmup", type=whole_seconds, default=2, help="seconds of warm-up")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--couples", type=int, default=16)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--disclosures", type=int, default=60)
    parser.add_argument("--results", type=Path, default=load.BENCH_DIR / "RESULTS.md")
    parser.add_argument(
        "--tricks",
        nargs="+",
        choices=list(TRICKS),
        default=list(TRICKS),
        help="which to switch off",
    )
    parser.add_argument(
        "--only", metavar="WORD", help="measure only the endpoints whose label contains WORD"
    )
    return parser.parse_args()


def prepare(stack: ExitStack, server_stack: ExitStack, args: Namespace, folder: Path) -> load.Setup:
    """As bench/load.py prepares, without the ledger-writing baseline: PostgreSQL's 100
    connections hold the baseline's pool, Mend's and one variant's, no more."""
    url = stack.enter_context(database("load"))
    app = setup_app(url, folder / "instance")
    couples = make_couples(app, args)
    dispose(app)
    environment = server_environment(
        url,
        folder / "instance",
        None,
        MEND,
        monitor=False,
        gc_freeze=False,
        argon2_threadpool=False,
    )
    servers = {
        name: server_stack.enter_context(serve(name, environment, folder))
        for name in ("baseline", "mend")
    }
    with ThreadPoolExecutor(8) as pool:
        jobs = [pool.submit(log_in, servers["mend"].url, *couple) for couple in couples]
        partners = [job.result() for job in jobs]
    check_once(servers, partners)
    return load.Setup(environment, folder, servers, endpoints(partners, folder, args))


def main() -> None:
    """Set up as bench/load.py does; then for each trick, a Mend server without it is
    measured beside the baseline and Mend with every trick, and stopped."""
    args = parse_args()
    load.check_installed()
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="mend-ablation-"))
    try:
        chosen, loads = measure_tricks(args, folder, started)
    finally:  # the folder holds the servers' instance (data keys): not left by a failed run
        shutil.rmtree(folder, ignore_errors=True)
    section = report(chosen, args, loads)
    print(section)
    write_results(section, args.results)
    errors = {
        name: sum(r.errors for r in runs)
        for e in chosen
        for name, runs in e.runs.items()
        if name != "baseline" and sum(r.errors for r in runs)
    }
    print(f"errors: {errors or 'none'}; took {time.perf_counter() - started:.0f} s")


def measure_tricks(
    args: Namespace, folder: Path, started: float
) -> tuple[list[Endpoint], list[tuple]]:
    """Set up, then measure the chosen endpoints without each trick in turn; the endpoints
    (with their runs) and the load averages before and after."""
    with ExitStack() as stack, ExitStack() as server_stack:
        ready = prepare(stack, server_stack, args, folder)
        print(f"ready after {time.perf_counter() - started:.0f} s; measuring", flush=True)
        loads = [os.getloadavg()]
        chosen = load.chosen_endpoints(ready.endpoints, args.only)
        for trick in args.tricks:
            print(f"without {trick}:", flush=True)
            with serve_without(trick, ready.environment, folder) as server:
                servers = {
                    f"baseline|{trick}": ready.servers["baseline"],
                    f"mend|{trick}": ready.servers["mend"],
                    f"without {trick}": server,
                }
                for endpoint in chosen:
                    measure(endpoint, servers, args)
        loads.append(os.getloadavg())
    return chosen, loads


if __name__ == "__main__":
    main()
