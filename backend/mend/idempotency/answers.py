"""Idempotency-Key: a client that retries a trust-record write never writes it twice.

A write that carries an `Idempotency-Key` header is remembered for its user
for 24 hours. The key's row is inserted in the same transaction as the write
(the service's single commit commits both), and the answer is stored by a
second, small commit. So a retry with the same key and the same request gets
the stored answer again (`Idempotent-Replayed: true`) and writes nothing; the
same key with a different request is refused (422); a write that failed
leaves no key behind, so a corrected retry goes ahead; and if the server
stopped between the two commits, the retry is told the write was saved but
its answer lost (409), with what was saved. Without the header nothing changes.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from copy import deepcopy
from datetime import datetime, timedelta
from functools import wraps
from hashlib import sha256
from typing import Any

from flask import Response, current_app, request
from flask_login import current_user
from sqlalchemy import ForeignKey, String, UniqueConstraint, delete, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from mend import policy
from mend.database import utcnow
from mend.encryption.columns import EncryptedText
from mend.errors import Conflict, DomainError
from mend.extensions import db

KEY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_LIFETIME = timedelta(hours=24)
VALID_KEY = re.compile(r"[\x21-\x7e]{1,255}")
# How long a request that lost the race for its key waits for the winner's answer.
ANSWER_WAIT_SECONDS = 2.0
ANSWER_POLL_SECONDS = 0.05
# A key row without an answer, younger than this, belongs to a request still under way.
IN_FLIGHT = timedelta(seconds=30)
SESSION_INFO = "mend.idempotency_key"
# The status of a key whose answer was dropped on purpose (never "still on its way").
FORGOTTEN = 0
HEADER_DOC = {
    "in": "header",
    "name": KEY_HEADER,
    "required": False,
    "description": (
        "Any string of 1-255 visible ASCII characters, new for each write (a UUID is ideal). "
        "Repeating the request with the same key within 24 hours writes nothing again and "
        f"answers as the first time did, with `{REPLAYED_HEADER}: true`. The same key with a "
        "different request is 422; if the first request was saved but its answer was lost, 409."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
}

log = logging.getLogger(__name__)


class IdempotencyKey(db.Model):
    """A key a user sent with a write, the request it named, and the answer it got."""

    __tablename__ = "idempotency_key"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_idempotency_key_user_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    # No foreign key: a request may name a space that does not exist (and get its 404).
    space_id: Mapped[int | None] = mapped_column(index=True)
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(255))
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    # The first ledgered row the write saved: named to a retry whose answer was lost.
    saved_kind: Mapped[str | None] = mapped_column(String(32))
    saved_id: Mapped[int | None]
    status_code: Mapped[int | None]
    # The answer repeats what was written (titles, notes): sealed like the record itself.
    response_body: Mapped[str | None] = mapped_column(
        EncryptedText("idempotency_key.response_body")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class KeyReused(DomainError):
    """The key already named a different request."""

    status, slug = 422, "idempotency-key-reused"


class InProgress(Conflict):
    """The key's first request is saved or being saved, and its answer not stored yet."""

    slug = "idempotency-request-in-progress"


class AnswerLost(Conflict):
    """The key's request was saved, but its answer was never stored (or was dropped)."""

    slug = "idempotency-answer-lost"


def idempotent(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let clients retry this write safely with an Idempotency-Key header (outermost decorator)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        header = request.headers.get(KEY_HEADER)
        if header is None:
            return view(*args, **kwargs)
        key, fingerprint = _checked(header), _fingerprint()
        earlier = _earlier(key)
        record = None if earlier else _claim(key, fingerprint, space_id=kwargs.get("space_id"))
        if record is None:
            settled = _wait_for_answer(key) if earlier is None or _in_flight(earlier) else earlier
            return _answer_again(settled, fingerprint)
        try:
            response = current_app.make_response(view(*args, **kwargs))
        except BaseException:
            db.session.rollback()
            raise
        finally:
            db.session.info.pop(SESSION_INFO, None)
        _remember(record, response)
        return response

    wrapper._apidoc = _documented(getattr(view, "_apidoc", {}))  # type: ignore[attr-defined]
    return wrapper


def forget_answers(*, space_ids: list[int]) -> None:
    """Drop the stored answers of writes in these spaces: after an erasure they may quote
    erased words, after a consent or membership change show more than a fresh read would.

    The keys stay, so a retry still writes nothing twice; it is told its answer was lost.
    Not committed: the caller's transaction carries it.
    """
    if space_ids:
        db.session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.space_id.in_(space_ids))
            .values(status_code=FORGOTTEN, response_body=None),
            execution_options={"synchronize_session": False},
        )


def _checked(header: str) -> str:
    if VALID_KEY.fullmatch(header) is None:
        message = "Please send 1 to 255 visible ASCII characters, such as a UUID."
        raise DomainError(
            f"This {KEY_HEADER} cannot be used. {message}",
            errors={KEY_HEADER: [message]},
            slug="invalid-idempotency-key",
        )
    return header


def _fingerprint() -> str:
    """sha256 of the method, the path and the body (JSON compared by meaning, not spacing)."""
    body = request.get_data(cache=True)
    try:
        body = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        pass  # not JSON: the bytes themselves (the view will refuse them anyway)
    digest = sha256()
    for part in (request.method.encode(), request.path.encode(), body):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _earlier(key: str) -> IdempotencyKey | None:
    """The user's unexpired use of this key, if any."""
    return db.session.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.user_id == current_user.id,
            IdempotencyKey.key == key,
            IdempotencyKey.created_at > utcnow() - KEY_LIFETIME,
        )
    )


def _claim(key: str, fingerprint: str, *, space_id: int | None) -> IdempotencyKey | None:
    """Insert the key in the write's transaction; None if a concurrent request holds it."""
    db.session.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.user_id == current_user.id,
            IdempotencyKey.created_at <= utcnow() - KEY_LIFETIME,
        ),
        execution_options={"synchronize_session": False},
    )
    record = IdempotencyKey(
        user_id=current_user.id,
        key=key,
        space_id=space_id,
        method=request.method,
        path=request.path,
        request_fingerprint=fingerprint,
        created_at=utcnow(),
    )
    db.session.add(record)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return None
    db.session.info[SESSION_INFO] = record
    return record


def _wait_for_answer(key: str) -> IdempotencyKey:
    """The concurrent request's key row, once it holds an answer (or after a short wait)."""
    deadline = time.monotonic() + ANSWER_WAIT_SECONDS
    while True:
        db.session.rollback()
        record = _earlier(key)
        if record is None:
            raise Conflict(f"Another request with this {KEY_HEADER} was busy. Please try again.")
        if record.status_code is not None or time.monotonic() >= deadline:
            return record
        time.sleep(ANSWER_POLL_SECONDS)


def _in_flight(record: IdempotencyKey) -> bool:
    """Whether the key's first request may still be on its way to storing its answer (it
    publishes live events between its two commits, which can take a while)."""
    return record.status_code is None and record.created_at > utcnow() - IN_FLIGHT


def _answer_again(record: IdempotencyKey, fingerprint: str) -> Response:
    """The stored answer of the key's first request, if this request is the same one and
    its user is still in the space the answer came from."""
    if record.request_fingerprint != fingerprint:
        raise KeyReused(
            f"This {KEY_HEADER} was already used for a different request. "
            "Please use a new key for each new write."
        )
    if record.space_id is not None:
        policy.require_member(current_user, record.space_id)  # left since: 404, as any request
    if _in_flight(record):
        raise InProgress(
            f"The first request with this {KEY_HEADER} is still being saved. "
            "Please try again in a moment.",
            headers={"Retry-After": "1"},
        )
    if record.status_code is None or record.response_body is None:
        raise AnswerLost(
            f"An earlier request with this {KEY_HEADER} was saved{_saved(record)}, but its answer "
            "is not available. Please reload to see it rather than sending it again."
        )
    response = Response(record.response_body, record.status_code, mimetype="application/json")
    response.headers[REPLAYED_HEADER] = "true"
    return response


def _saved(record: IdempotencyKey) -> str:
    """What the write saved, as \" (checkin 12)\", when it is known."""
    if record.saved_kind is None:
        return ""
    return f" ({record.saved_kind.replace('_', ' ')} {record.saved_id})"


def _remember(record: IdempotencyKey, response: Response) -> None:
    """Store the answer with the key, in a commit of its own after the write's."""
    if not 200 <= response.status_code < 300:
        db.session.rollback()
        return
    if record not in db.session:  # the service rolled back (e.g. it lost a harmless race)
        record = _copy(record)
        db.session.add(record)
    record.status_code = response.status_code
    record.response_body = response.get_data(as_text=True)
    try:
        db.session.commit()
    except SQLAlchemyError:
        # The write itself is saved; a retry will hear that its answer was lost.
        db.session.rollback()
        log.warning("could not store the answer of an idempotent %s", request.endpoint)


def _copy(record: IdempotencyKey) -> IdempotencyKey:
    columns = ("user_id", "key", "space_id", "method", "path", "request_fingerprint")
    return IdempotencyKey(**{name: getattr(record, name) for name in columns}, created_at=utcnow())


def _documented(apidoc: dict[str, Any]) -> dict[str, Any]:
    """The view's OpenAPI notes plus the header and the answers it adds.

    Only for views whose arguments are all in the body: a manual `parameters`
    list replaces the operation's own.
    """
    apidoc = deepcopy(apidoc)
    manual = apidoc.setdefault("manual_doc", {})
    manual["parameters"] = [*manual.get("parameters", []), HEADER_DOC]
    manual.setdefault("responses", {}).update({400: "BAD_REQUEST", 409: "CONFLICT"})
    return apidoc


def note_saved(*, kind: str, ref_id: int) -> None:
    """Name the first ledgered row a keyed write saves, for a retry whose answer was lost
    (the trust record calls this as it chains each write)."""
    record = db.session.info.get(SESSION_INFO)
    if record is not None and record.saved_kind is None:
        record.saved_kind, record.saved_id = kind, ref_id
