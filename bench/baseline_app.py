"""The floor for bench/load.py: a tiny Flask app doing by hand what Mend's endpoints must do.

Served exactly like Mend (gunicorn -k gevent -w 1, same PostgreSQL, psycopg 3),
it reads the same `mend_session` cookie Mend sets: the signed Flask session is
decoded with the same secret, the login session's token is hashed and its row
looked up with the user (as Mend's server-side sessions do), and then one
hand-written query answers the request as JSON:

Its URLs are Mend's (under /api/v1), so the very same requests go to both:

- GET  /spaces/<id>/disclosures    50 newest disclosures of the space with their newest
                                   revision's words, reply count and acknowledgement
- GET  /spaces/<id>/trends/safety  the raw scores of ?from= .. ?to= (plus the 6 days a
                                   7-day rolling mean needs), not bucketed
- POST /spaces/<id>/checkins       X-CSRFToken checked as Flask-WTF does, one INSERT, commit
                                   (MEND_BASELINE_LEDGER=1: the space lock, ledger head and
                                   ledger entry Mend must also write, by hand; see below)

Each query also checks that the caller is a member of the space. Connections come
from a pool of at most 20 (Mend's pool_size + max_overflow), held for the request
and handed back rolled back. Settings: MEND_DATABASE_URL and MEND_SECRET_KEY.

    gunicorn -k gevent -w 1 --pythonpath bench baseline_app:app
"""

from __future__ import annotations

import hashlib
import hmac
import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import psycopg
from flask import Flask, abort, jsonify, request, session
from itsdangerous import BadData, URLSafeTimedSerializer
from psycopg.rows import dict_row
from psycopg.types.json import Json

from mend.record.hashing import GENESIS_HASH, content_hash, entry_hash

PREFIX = "/api/v1"  # the same URLs as Mend, so bench/load.py sends both the same requests
POOL_SIZE = 20
LEDGER = os.environ.get("MEND_BASELINE_LEDGER") == "1"
POOL_TIMEOUT = 5.0
PAGE = 50
ROLLING_LOOKBACK = timedelta(days=6)
SESSION_USER = """
    SELECT u.id, u.email, u.display_name, u.account_type, u.timezone, u.created_at
    FROM auth_session s JOIN "user" u ON u.id = s.user_id
    WHERE s.token_hash = %s AND s.expires_at > now()
"""
MEMBER = """
    EXISTS (SELECT 1 FROM membership m
            WHERE m.space_id = %(space)s AND m.user_id = %(user)s AND m.left_at IS NULL)
"""
DISCLOSURES = f"""
    SELECT d.id, d.space_id, d.author_id, d.category, d.occurred_on, r.title, r.body,
           d.created_at, r.created_at AS updated_at, r.number AS revision_count,
           (SELECT count(*) FROM disclosure_response x WHERE x.disclosure_id = d.id)
               AS response_count,
           (SELECT min(a.created_at) FROM disclosure_acknowledgement a
            WHERE a.disclosure_id = d.id) AS acknowledged_at
    FROM disclosure d
    JOIN LATERAL (SELECT title, body, created_at, number FROM disclosure_revision
                  WHERE disclosure_id = d.id ORDER BY number DESC LIMIT 1) r ON true
    WHERE d.space_id = %(space)s AND {MEMBER}
    ORDER BY d.id DESC LIMIT {PAGE + 1}
"""
SCORES = f"""
    SELECT c.author_id, c.created_at, c.felt_safety, c.predicted_safety
    FROM checkin c
    WHERE c.space_id = %(space)s AND c.created_at >= %(start)s AND c.created_at < %(end)s
      AND {MEMBER}
    ORDER BY c.created_at
"""
INSERT_CHECKIN = f"""
    INSERT INTO checkin (space_id, author_id, felt_safety, regulation, predicted_safety,
                         note, note_private, tags, created_at)
    SELECT %(space)s, %(user)s, %(felt_safety)s, %(regulation)s, %(predicted_safety)s,
           %(note)s, false, %(tags)s, now()
    WHERE {MEMBER}
    RETURNING id, created_at
"""
SCORE_FIELDS = ("felt_safety", "regulation", "predicted_safety")
# With MEND_BASELINE_LEDGER=1, a check-in also does by hand the writes Mend must do for it:
# lock the space, read the ledger's head, chain an entry for the new row (Mend's hashes).
LOCK_SPACE = f"SELECT id FROM space WHERE id = %(space)s AND {MEMBER} FOR NO KEY UPDATE"
LEDGER_HEAD = """
    SELECT seq, entry_hash FROM ledger_entry WHERE space_id = %(space)s
    ORDER BY seq DESC LIMIT 1
"""
INSERT_LEDGERED_CHECKIN = """
    INSERT INTO checkin (space_id, author_id, felt_safety, regulation, predicted_safety,
                         note, note_private, tags, created_at)
    VALUES (%(space)s, %(user)s, %(felt_safety)s, %(regulation)s, %(predicted_safety)s,
            %(note)s, false, %(tags)s, now())
    RETURNING id, created_at
"""
INSERT_ENTRY = """
    INSERT INTO ledger_entry (space_id, seq, kind, ref_id, content_hash, prev_hash,
                              entry_hash, created_at)
    VALUES (%(space)s, %(seq)s, 'checkin', %(ref_id)s, %(content_hash)s, %(prev_hash)s,
            %(entry_hash)s, now())
"""


class Pool:
    """At most `size` psycopg connections, reused newest first (gevent-friendly once patched)."""

    def __init__(self, conninfo: str, size: int) -> None:
        self._conninfo = conninfo
        self._idle: queue.LifoQueue[psycopg.Connection] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """A connection for one request; rolled back and returned afterwards."""
        if not self._slots.acquire(timeout=POOL_TIMEOUT):
            abort(503)
        try:
            try:
                connection = self._idle.get_nowait()
            except queue.Empty:
                connection = psycopg.connect(self._conninfo, row_factory=dict_row)
            try:
                yield connection
            finally:
                connection.rollback()
                self._idle.put(connection)
        finally:
            self._slots.release()


def _iso(row: dict) -> dict:
    """Dates and times as ISO 8601 strings, as Mend's schemas write them."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}


def _checkin(connection: psycopg.Connection, values: dict) -> dict | None:
    """One INSERT, if the user is a member of the space."""
    return connection.execute(INSERT_CHECKIN, values).fetchone()


def _ledgered_checkin(connection: psycopg.Connection, values: dict) -> dict | None:
    """The check-in chained into the space's ledger, as Mend writes it (no live events)."""
    if connection.execute(LOCK_SPACE, values).fetchone() is None:
        return None
    head = connection.execute(LEDGER_HEAD, values).fetchone()
    prev_hash, seq = (head["entry_hash"], head["seq"]) if head else (GENESIS_HASH, 0)
    row = connection.execute(INSERT_LEDGERED_CHECKIN, values).fetchone()
    content = {name: values[name] for name in (*SCORE_FIELDS, "note")}
    content.update(space_id=values["space"], author_id=values["user"], note_private=False)
    content.update(tags=values["tags"].obj, created_at=row["created_at"])
    hashed = content_hash(content)
    chained = entry_hash(
        prev_hash=prev_hash,
        kind="checkin",
        ref_id=row["id"],
        content_hash=hashed,
        created_at=row["created_at"],
    )
    entry = {"seq": seq + 1, "ref_id": row["id"], "content_hash": hashed}
    entry.update(prev_hash=prev_hash, entry_hash=chained, space=values["space"])
    connection.execute(INSERT_ENTRY, entry)
    return row


def create_app() -> Flask:
    """The baseline app, reading Mend's settings from the environment."""
    app = Flask(__name__)
    app.config.update(SECRET_KEY=os.environ["MEND_SECRET_KEY"], SESSION_COOKIE_NAME="mend_session")
    pool = Pool(os.environ["MEND_DATABASE_URL"].replace("+psycopg", ""), POOL_SIZE)
    csrf = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token")

    def current_user(connection: psycopg.Connection) -> dict:
        """The user of the login session named in the cookie, else 401."""
        token = session.get("_user_id")
        if not token:
            abort(401)
        digest = hashlib.sha256(token.encode()).hexdigest()
        user = connection.execute(SESSION_USER, (digest,)).fetchone()
        if user is None:
            abort(401)
        return user

    def check_csrf() -> None:
        """The X-CSRFToken header must carry this session's token (as Flask-WTF checks it)."""
        try:
            sent = csrf.loads(request.headers.get("X-CSRFToken", ""))
        except BadData:
            abort(400)
        if not hmac.compare_digest(str(sent), str(session.get("csrf_token", ""))):
            abort(400)

    @app.get(f"{PREFIX}/health")
    def health():  # type: ignore[no-untyped-def]
        return jsonify(status="ok")

    @app.get(f"{PREFIX}/spaces/<int:space_id>/disclosures")
    def disclosures(space_id: int):  # type: ignore[no-untyped-def]
        with pool.connection() as connection:
            user = current_user(connection)
            rows = connection.execute(DISCLOSURES, {"space": space_id, "user": user["id"]})
            items = [_iso(row) for row in rows.fetchall()]
        more = len(items) > PAGE
        items = items[:PAGE]
        return jsonify(items=items, next_before=items[-1]["id"] if more else None)

    @app.get(f"{PREFIX}/spaces/<int:space_id>/trends/safety")
    def trend(space_id: int):  # type: ignore[no-untyped-def]
        first = date.fromisoformat(request.args["from"])
        last = date.fromisoformat(request.args["to"])
        window = {"space": space_id, "start": first - ROLLING_LOOKBACK}
        window["end"] = last + timedelta(days=1)
        with pool.connection() as connection:
            user = current_user(connection)
            rows = connection.execute(SCORES, {**window, "user": user["id"]}).fetchall()
        readings = [_iso(row) for row in rows]
        return jsonify(timezone=user["timezone"], first=first.isoformat(), readings=readings)

    @app.post(f"{PREFIX}/spaces/<int:space_id>/checkins")
    def checkin(space_id: int):  # type: ignore[no-untyped-def]
        check_csrf()
        data = request.get_json()
        values = {name: data.get(name) for name in SCORE_FIELDS}
        if not all(v is None or (type(v) is int and 0 <= v <= 10) for v in values.values()):
            abort(422)
        values.update(note=data.get("note"), tags=Json(data.get("tags", [])), space=space_id)
        with pool.connection() as connection:
            user = current_user(connection)
            values["user"] = user["id"]
            write = _ledgered_checkin if LEDGER else _checkin
            row = write(connection, values)
            if row is None:
                abort(404)
            connection.commit()
        scores = {name: values[name] for name in SCORE_FIELDS}
        body = {**_iso(row), "space_id": space_id, "author_id": user["id"], **scores}
        body.update(note=values["note"], note_private=False, tags=data.get("tags", []))
        return jsonify(body), 201

    return app


app = create_app()
