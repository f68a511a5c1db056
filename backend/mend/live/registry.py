"""Which open socket belongs to which user and login session."""

from __future__ import annotations

import logging
import threading

import redis

log = logging.getLogger(__name__)
KEY = "mend:live:user:{user_id}"


class SocketRegistry:
    """sid -> (user, session digest), in memory or in Redis hashes (one per user)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local: dict[str, tuple[int, str]] = {}
        self._redis: redis.Redis | None = None

    def configure(self, redis_url: str | None) -> None:
        """Keep the registry in Redis (shared by every process) or in this process."""
        self._redis = (
            redis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2)
            if redis_url
            else None
        )

    def add(self, sid: str, *, user_id: int, session: str) -> None:
        """Remember a new socket."""
        with self._lock:
            self._local[sid] = (user_id, session)
        self._shared(lambda r: r.hset(KEY.format(user_id=user_id), sid, session))

    def remove(self, sid: str) -> None:
        """Forget a closed socket."""
        with self._lock:
            entry = self._local.pop(sid, None)
        if entry is not None:
            self._shared(lambda r: r.hdel(KEY.format(user_id=entry[0]), sid))

    def sids(self, user_id: int, *, session: str | None = None) -> list[str]:
        """The user's open sockets (of one login session, if given), in every process."""
        shared = self._shared(lambda r: r.hgetall(KEY.format(user_id=user_id)))
        if shared is not None:
            pairs = [(sid.decode(), value.decode()) for sid, value in shared.items()]
        else:
            with self._lock:
                pairs = [(sid, s) for sid, (uid, s) in self._local.items() if uid == user_id]
        return [sid for sid, s in pairs if session is None or s == session]

    def _shared(self, operation):  # type: ignore[no-untyped-def]
        if self._redis is None:
            return None
        try:
            return operation(self._redis)
        except redis.RedisError:
            log.warning("socket registry: Redis unavailable, using this process's sockets only")
            return None
