"""The declarative base, the range of row ids, time helpers, and connection tuning."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import DateTime, Engine, MetaData, event
from sqlalchemy.exc import InvalidatePoolError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, registry
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.types import Boolean, TypeDecorator
from werkzeug.routing import IntegerConverter, Map

from mend import speed

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# A pooled connection idle for longer than this is checked before it serves a request.
# (bench/ablation.py pings at every checkout, pool_pre_ping's way, given idle_ping in
# MEND_BENCH_WITHOUT.)
IDLE_BEFORE_PING_SECONDS = 1.0 if speed.on("idle_ping") else 0.0
# Ids are INTEGER columns: PostgreSQL's INTEGER ends here, so no larger number names a row.
MAX_ID = 2**31 - 1
# How long a write waits for a row lock before it gives up (503 + Retry-After).
LOCK_TIMEOUT = "2s"


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class LockTimeout(ColumnElement[bool]):
    """A condition, always true, that bounds lock waits for the rest of the transaction.

    set_config(..., true) is SET LOCAL: it travels with the transaction, whichever
    server connection PgBouncer (transaction mode) runs it on, and ends with it.
    Folded into the login-session lookup every signed-in request runs first
    (mend.auth.service), it costs no round trip of its own.
    """

    type = Boolean()
    inherit_cache = True
    # No attributes: the class alone is its cache key, so statements that carry it are
    # compiled once (without this, SQLAlchemy gives them no key and compiles each use).
    _traverse_internals: list[tuple[str, object]] = []


@compiles(LockTimeout)
def _compile_lock_timeout(element: LockTimeout, compiler: object, **kw: object) -> str:
    return f"set_config('lock_timeout', '{LOCK_TIMEOUT}', true) IS NOT NULL"


@compiles(LockTimeout, "sqlite")
def _compile_lock_timeout_sqlite(element: LockTimeout, compiler: object, **kw: object) -> str:
    # BEGIN IMMEDIATE serialises SQLite's writers; its busy timeout bounds the wait.
    return "1 = 1"


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite has no timezone-aware type, so values are normalised to UTC on the
    way in and tagged as UTC on the way out; PostgreSQL stores timestamptz.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use mend.database.utcnow()")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is UTC:
            return value
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class IdConverter(IntegerConverter):
    """`<int:...>` in Mend's URLs: a row id, from 1 to MAX_ID.

    A number outside that range cannot name a row, so the URL does not match
    (404) instead of reaching the database, where SQLite cannot even bind it.
    """

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = 1,
        max: int | None = MAX_ID,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class Base(DeclarativeBase):
    """Base class of every Mend model."""

    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


def configure_sqlite(engine: Engine, *, reads_only: Callable[[], bool]) -> None:
    """WAL, foreign keys and a busy timeout; writes take the lock up front.

    pysqlite's own transaction handling is switched off so that we can issue
    BEGIN ourselves: BEGIN IMMEDIATE for anything that may write (so concurrent
    writers queue on the busy timeout instead of failing with "database is
    locked" when a read transaction tries to upgrade), plain BEGIN when
    `reads_only()` says the work under way only reads (the web layer decides).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN" if reads_only() else "BEGIN IMMEDIATE")


def bound_lock_waits(engine: Engine, *, bounded_already: Callable[[], bool]) -> None:
    """Outside requests (CLI, worker), a transaction waits at most LOCK_TIMEOUT for a lock.

    Requests get the same bound from their login-session lookup (LockTimeout) at no
    extra round trip, so `bounded_already()` (the web layer: "in a request") skips it;
    the CLI and the worker pay one statement per transaction.
    """

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        if not bounded_already():
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")


def ping_idle_connections(engine: Engine) -> None:
    """Check a pooled connection that sat idle before it serves a request (PostgreSQL).

    pool_pre_ping would check every one, a round trip added to every request;
    a connection that finished a request within the last second is trusted
    instead. After the database restarts, the first stale connection fails its
    check and, as with pool_pre_ping, every pooled connection is replaced, so
    requests succeed again straight away.
    """

    @event.listens_for(engine, "checkin")
    def _note_idle_since(_dbapi_connection, record):  # type: ignore[no-untyped-def]
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy):  # type: ignore[no-untyped-def]
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < IDLE_BEFORE_PING_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise InvalidatePoolError("an idle pooled connection had gone stale") from error
