"""Socket.IO's Redis queue, tuned so a Redis that is away costs little and returns fast.

python-socketio's RedisManager shares one client (and its timeouts) between
publishing and listening, retries a publish with a reconnect, and backs its
listener off up to 60 s after an outage. Here:

- publishing uses short timeouts and no retries, and after a failure skips Redis for
  a moment (events for this process's own sockets are still delivered, as always,
  before publishing), so a frozen Redis costs a write at most one short timeout;
- listening uses its own connection without a read timeout (it waits for messages),
  with TCP keepalives and a health check to notice a dead server, and retries every
  LISTEN_RETRY_SECONDS, so delivery between processes resumes about that long after
  Redis is back.
"""

from __future__ import annotations

import time
from typing import Any

import redis
import socketio
from redis.backoff import NoBackoff
from redis.retry import Retry

from mend.redis_options import REDIS_TIMEOUT_SECONDS, fast_redis_options

SKIP_AFTER_FAILURE_SECONDS = 1.0
LISTEN_RETRY_SECONDS = 0.5


class MendRedisManager(socketio.RedisManager):
    """A RedisManager that fails fast when publishing and resubscribes quickly."""

    def __init__(self, url: str, *, channel: str) -> None:
        super().__init__(url, channel=channel)
        self._publisher = redis.Redis.from_url(url, **fast_redis_options())
        self._skip_until = 0.0

    def _redis_connect(self) -> None:
        """The listening connection (publishing has its own, with short timeouts)."""
        listener = redis.Redis.from_url(
            self.redis_url,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_keepalive=True,
            health_check_interval=5,
            retry=Retry(NoBackoff(), 0),
        )
        self.redis = listener
        self.pubsub = listener.pubsub(ignore_subscribe_messages=True)
        self.connected = True

    def _publish(self, data: dict[str, Any]) -> Any:
        if time.monotonic() < self._skip_until:
            return None
        try:
            return self._publisher.publish(self.channel, self.json.dumps(data))
        except redis.RedisError:
            self._get_logger().warning("live updates: Redis unavailable, sent in this process only")
            self._skip_until = time.monotonic() + SKIP_AFTER_FAILURE_SECONDS
            return None

    def _redis_listen_with_retries(self):  # type: ignore[no-untyped-def]
        subscribed = False
        while True:
            try:
                if not subscribed:
                    self._redis_connect()
                    self.pubsub.subscribe(self.channel)
                    subscribed = True
                    self._skip_until = 0.0
                yield from self.pubsub.listen()
            except Exception:  # as the library does: any failure means connect again
                self._get_logger().warning("live updates: Redis unavailable, listening again soon")
                subscribed = False
                time.sleep(LISTEN_RETRY_SECONDS)
