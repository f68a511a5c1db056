"""Socket.IO connections: who may connect, their private room, and disconnecting them.

A client connects with its session cookie and joins only `user:<id>`;
clients never choose rooms. Which sockets belong to which login session is
kept in a registry (Redis when configured, so any process can find them) so
that logout, password change and account deletion can close them at once.
"""

from __future__ import annotations

import logging
import sys
from urllib.parse import urlparse

from flask import Flask, current_app, request
from flask_login import current_user
from flask_socketio import join_room

from mend.auth.signals import sessions_ended
from mend.extensions import socketio as sio
from mend.live.queue import MendRedisManager
from mend.live.registry import SocketRegistry
from mend.live.sweeper import Sweeper
from mend.tokens import digest

EVENT = "mend:event"
CHANNEL = "mend-live"

log = logging.getLogger(__name__)
registry = SocketRegistry()
sweeper = Sweeper(registry)


def user_room(user_id: int) -> str:
    """The private room of one user's open sockets."""
    return f"user:{user_id}"


def init_live(app: Flask) -> None:
    """Bind Socket.IO to the app: same-origin only, Redis as the queue when configured."""
    settings = app.config["MEND"]
    options: dict[str, object] = {
        "async_mode": _async_mode(),
        "cors_allowed_origins": _origin_check(settings.allowed_origins),
        "manage_session": False,
        "logger": False,
        "engineio_logger": False,
        # Always given, so re-binding (tests build several apps) never keeps an old queue.
        "client_manager": None,
    }
    if settings.redis_url:
        options["client_manager"] = MendRedisManager(
            settings.redis_url, channel=_channel(settings.redis_url)
        )
    sio.init_app(app, **options)
    registry.configure(settings.redis_url)


def _channel(redis_url: str) -> str:
    """Redis pub/sub ignores database numbers, so the channel names the database too:
    two installations on one Redis (different databases) never hear each other."""
    database = urlparse(redis_url).path.strip("/") or "0"
    return f"{CHANNEL}:{database}"


def _async_mode() -> str:
    """gevent under gunicorn's gevent worker (which patches first), threads everywhere else.

    Left to itself Socket.IO picks gevent whenever it is installed, even in a
    server that never patched the standard library, which then stalls.
    """
    monkey = sys.modules.get("gevent.monkey")
    return "gevent" if monkey is not None and monkey.is_module_patched("socket") else "threading"


def _origin_check(extra_origins: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """Same origin (as the browser addressed this server), plus any MEND_ALLOWED_ORIGINS.

    The scheme is the request's own, as corrected by the trusted proxies (MEND_PROXY_COUNT),
    and the host is the Host header, which a proxy must pass on with its port.
    """

    def allowed(origin: str | None, environ: dict) -> bool:
        own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
        return origin is None or origin == own or origin in extra_origins

    return allowed


@sio.on("connect")
def _connect(_auth: object = None) -> bool:
    if not current_user.is_authenticated:
        return False
    join_room(user_room(current_user.id))
    registry.add(request.sid, user_id=current_user.id, session=digest(current_user.session_token))
    settings = current_app.config["MEND"]
    if registry.shared:
        sweeper.ensure_running(
            current_app._get_current_object(),  # type: ignore[attr-defined]
            interval=settings.socket_sweep_seconds,
        )
    return True


@sio.on("disconnect")
def _disconnect(*_args: object) -> None:
    registry.remove(request.sid)


def disconnect_user(user_id: int, *, session_token: str | None = None) -> None:
    """Close a user's open sockets in every process: one login session's, or all of them."""
    disconnect_session(user_id, session_digest=digest(session_token) if session_token else None)


@sessions_ended.connect
def disconnect_session(user_id: int, *, session_digest: str | None) -> None:
    """Close the sockets of one login session (named by its stored digest), or all (None):
    called when auth announces that sessions ended (`mend.auth.signals`)."""
    for sid in registry.sids(user_id, session=session_digest):
        try:
            sio.server.disconnect(sid, namespace="/")
        except Exception:  # a socket that is already gone is fine
            log.debug("socket already disconnected")
