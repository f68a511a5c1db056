"""The switches of Mend's speed tricks, so that bench/ablation.py can measure each one.

Every trick is on. `MEND_BENCH_WITHOUT=name[,name...]` switches the named ones off for the
life of a process: a bench device, not a setting, so it is read once here, at import,
and each trick's own module asks `on("name")` beside the trick (CONVENTIONS.md 14).
"""

from __future__ import annotations

import os

_SWITCHED_OFF = frozenset(filter(None, os.environ.get("MEND_BENCH_WITHOUT", "").split(",")))


def on(trick: str) -> bool:
    """Whether the named speed trick is in use (always, unless a bench switched it off)."""
    return trick not in _SWITCHED_OFF
