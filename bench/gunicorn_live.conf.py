"""gunicorn settings used by bench/live.py: each worker logs its Socket.IO mode and long GCs.

    python -m gunicorn -c bench/gunicorn_live.conf.py -k gevent -w 1 ... mend.wsgi:app

With MEND_BENCH_GC_FREEZE=1 the objects made while loading the app are frozen
(gc.freeze), so full collections no longer walk them. With
MEND_BENCH_ARGON2_THREADPOOL=1 (gevent only) password hashing runs in gevent's
native threadpool instead of on the event loop.
"""

import gc
import os
import sys
import time
from contextlib import suppress

LONG_COLLECTION = 0.02


def post_worker_init(worker):  # type: ignore[no-untyped-def]
    """Log async mode, gevent patching, psycopg's wait function and the client manager
    (Mend only: bench/load.py serves its baseline app with these settings too)."""
    extensions = sys.modules.get("mend.extensions")
    if extensions is not None and extensions.socketio.server is not None:
        _log_modes(worker)
    if os.environ.get("MEND_BENCH_GC_FREEZE"):
        gc.collect()
        gc.freeze()
        worker.log.info(
            "bench: gc.freeze() kept %d objects out of collections", gc.get_freeze_count()
        )
    gc.callbacks.append(_long_collection_logger(worker.log))
    if _gevent_patched() and os.environ.get("MEND_BENCH_ARGON2_THREADPOOL"):
        _hash_passwords_off_the_loop()
        worker.log.info("bench: argon2 runs in gevent's native threadpool")


def _log_modes(worker):  # type: ignore[no-untyped-def]
    from psycopg import waiting

    from mend.extensions import socketio

    worker.log.info(
        "bench: async_mode=%s gevent_patched=%s psycopg_wait=%s manager=%s",
        socketio.server.eio.async_mode,
        _gevent_patched(),
        waiting.wait.__name__,
        type(socketio.server.manager).__name__,
    )


def _gevent_patched() -> bool:
    monkey = sys.modules.get("gevent.monkey")
    return bool(monkey and monkey.is_module_patched("socket"))


def _long_collection_logger(log):  # type: ignore[no-untyped-def]
    """A gc callback logging every collection that pauses the process > LONG_COLLECTION s."""
    started = [0.0]

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif (took := time.perf_counter() - started[0]) > LONG_COLLECTION:
            with suppress(Exception):  # logging from a finalizing greenlet at shutdown fails
                log.info("bench: gc generation %s took %.0f ms", info["generation"], took * 1000)

    return callback


def _hash_passwords_off_the_loop() -> None:
    """Run argon2 in gevent's native threadpool (a trial of the fix, without editing Mend)."""
    import gevent

    from mend.auth import passwords

    hasher, pool = passwords._default_hasher, gevent.get_hub().threadpool

    class OffTheLoop:
        def hash(self, *args):  # type: ignore[no-untyped-def]
            return pool.apply(hasher.hash, args)

        def verify(self, *args):  # type: ignore[no-untyped-def]
            return pool.apply(hasher.verify, args)

        def check_needs_rehash(self, *args):  # type: ignore[no-untyped-def]
            return hasher.check_needs_rehash(*args)

    shim = OffTheLoop()
    dummies = getattr(passwords, "_DUMMY_HASHES", None)  # keyed by id(hasher)
    if dummies is not None:
        dummies[id(shim)] = dummies[id(hasher)]
    passwords._default_hasher = shim
