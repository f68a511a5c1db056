"""Which open socket belongs to which user and login session.

Each process keeps its own sockets in memory (the truth for this process) and
announces them in Redis hashes (one per user, with an expiry) so any process can
find them. Redis may forget (it runs without persistence): every process
re-announces its sockets each sweep, and the sweep also closes its own sockets
whose login session has ended, so nothing depends on Redis remembering.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import redis

from mend.redis_options import fast_redis_options

log = logging.getLogger(__name__)
KEY = "mend:live:user:{user_id}"
# A process's announcements outlive a few missed sweeps, then vanish with the process.
ANNOUNCEMENT_SECONDS = 60


class SocketRegistry:
    """sid -> (user, session digest), in this process and announced in Redis."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local: dict[str, tuple[int, str]] = {}
        self._redis: redis.Redis | None = None

    def configure(self, redis_url: str | None) -> None:
        """Announce sockets in Redis (shared by every process), or keep them in this one only."""
        self._redis = redis.Redis.from_url(redis_url, **fast_redis_options()) if redis_url else None

    @property
    def shared(self) -> bool:
        """Whether sockets are announced to other processes (Redis is configured)."""
        return self._redis is not None

    def add(self, sid: str, *, user_id: int, session: str) -> None:
        """Remember a new socket."""
        with self._lock:
            self._local[sid] = (user_id, session)
        self._shared(lambda r: self._announce(r, {sid: (user_id, session)}))

    def remove(self, sid: str) -> None:
        """Forget a closed socket."""
        with self._lock:
            entry = self._local.pop(sid, None)
        if entry is not None:
            self._shared(lambda r: r.hdel(KEY.format(user_id=entry[0]), sid))

    def local(self) -> dict[str, tuple[int, str]]:
        """This process's open sockets: sid -> (user id, session digest)."""
        with self._lock:
            return dict(self._local)

    def sids(self, user_id: int, *, session: str | None = None) -> list[str]:
        """The user's open sockets (of one login session, if given), in every process."""
        pairs = {sid: s for sid, (uid, s) in self.local().items() if uid == user_id}
        shared = self._shared(lambda r: r.hgetall(KEY.format(user_id=user_id))) or {}
        pairs.update({sid.decode(): value.decode() for sid, value in shared.items()})
        return [sid for sid, s in pairs.items() if session is None or s == session]

    def reannounce(self) -> None:
        """Announce this process's sockets again (after Redis lost them) and renew their expiry."""
        entries = self.local()
        if entries:
            self._shared(lambda r: self._announce(r, entries))

    @staticmethod
    def _announce(client: redis.Redis, entries: dict[str, tuple[int, str]]) -> None:
        by_user: dict[int, dict[str, str]] = {}
        for sid, (user_id, session) in entries.items():
            by_user.setdefault(user_id, {})[sid] = session
        pipeline = client.pipeline(transaction=False)
        for user_id, mapping in by_user.items():
            key = KEY.format(user_id=user_id)
            pipeline.hset(key, mapping=mapping)
            pipeline.expire(key, ANNOUNCEMENT_SECONDS)
        pipeline.execute()

    def _shared(self, operation: Callable[[redis.Redis], Any]) -> Any:
        if self._redis is None:
            return None
        try:
            return operation(self._redis)
        except redis.RedisError:
            log.warning("socket registry: Redis unavailable, using this process's sockets only")
            return None
