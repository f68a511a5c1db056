"""bench/load.py --profile: where Mend's CPU goes under load.

gunicorn serves Mend through `profiled_app` (`load_profile:profiled_app()`, with bench/
on its path), whose worker samples its own Python stack every tick of CPU time and
writes the samples out when it exits; `profile` runs that worker under the same load
as the measured runs and `format_profile` sums the samples up by package, by innermost
Mend function and by function.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
from argparse import Namespace
from collections import Counter
from pathlib import Path
from types import FrameType

from load_runs import Endpoint, serve, wrk


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
    """gunicorn app factory (`load_profile:profiled_app()`): mend.wsgi's app inside a Sampler."""
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
