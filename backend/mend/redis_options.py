"""How every Redis client in Mend talks to Redis: fail fast, never retry.

Redis holds nothing Mend cannot do without for a while (rate-limit counters fall
back to memory, live updates to this process's sockets), so a Redis that is down
or frozen should cost a request one short timeout, not redis-py's default of
blocking reads and three retries with backoff (8-10 s per request, measured).
"""

from __future__ import annotations

from typing import Any

from redis.backoff import NoBackoff
from redis.retry import Retry

REDIS_TIMEOUT_SECONDS = 0.25


def fast_redis_options() -> dict[str, Any]:
    """Options for a Redis client whose calls fail within REDIS_TIMEOUT_SECONDS."""
    return {
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
        "retry": Retry(NoBackoff(), 0),
    }
