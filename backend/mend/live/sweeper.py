"""Each process re-checks its own sockets' login sessions on a short period.

Ending a session closes its sockets at once through the registry; this sweep is
the guarantee behind it: if Redis was away or lost the registry when a session
ended, the process holding the socket still closes it within SWEEP_SECONDS.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask
from sqlalchemy import select

from mend.auth.models import AuthSession
from mend.database import utcnow
from mend.extensions import db
from mend.extensions import socketio as sio
from mend.live.registry import SocketRegistry

log = logging.getLogger(__name__)
SWEEP_SECONDS = 5.0


def live_sessions(digests: set[str]) -> set[str]:
    """Which of these session digests belong to sessions that are still open."""
    if not digests:
        return set()
    rows = db.session.scalars(
        select(AuthSession.token_hash).where(
            AuthSession.token_hash.in_(digests), AuthSession.expires_at > utcnow()
        )
    )
    return set(rows)


def sweep(registry: SocketRegistry) -> int:
    """Close this process's sockets whose session ended; re-announce the rest. Returns closed."""
    entries = registry.local()
    alive = live_sessions({session for _user, session in entries.values()})
    db.session.remove()
    closed = [sid for sid, (_user, session) in entries.items() if session not in alive]
    for sid in closed:
        try:
            sio.server.disconnect(sid, namespace="/", ignore_queue=True)
        except Exception:  # a socket that is already gone is fine
            log.debug("socket already disconnected")
        registry.remove(sid)
    registry.reannounce()
    return len(closed)


class Sweeper:
    """Runs sweep() every `interval` seconds in this process, from its first socket on."""

    def __init__(self, registry: SocketRegistry) -> None:
        self.registry = registry
        self._lock = threading.Lock()
        self._app: Flask | None = None
        self._interval = SWEEP_SECONDS

    def ensure_running(self, app: Flask, *, interval: float) -> None:
        """Start the loop once per process; it uses the latest app it was given."""
        with self._lock:
            started = self._app is not None
            self._app, self._interval = app, interval
        if not started:
            sio.start_background_task(self._run)

    def _run(self) -> None:
        while True:
            sio.sleep(self._interval)
            app = self._app
            if app is None:
                continue
            try:
                with app.app_context():
                    sweep(self.registry)
            except Exception:
                log.exception("socket sweep failed; trying again next time")
