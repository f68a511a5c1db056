"""A key's life: claimed in the write's transaction, answered again, remembered, forgotten."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from flask import Response, request
from flask_login import current_user
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from mend import policy
from mend.database import utcnow
from mend.errors import Conflict, DomainError
from mend.extensions import db
from mend.idempotency.models import IdempotencyKey

KEY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_LIFETIME = timedelta(hours=24)
# How long a request that lost the race for its key waits for the winner's answer.
ANSWER_WAIT_SECONDS = 2.0
ANSWER_POLL_SECONDS = 0.05
# A key row without an answer, younger than this, belongs to a request still under way.
IN_FLIGHT = timedelta(seconds=30)
# The status of a key whose answer was dropped on purpose (never "still on its way").
FORGOTTEN = 0

log = logging.getLogger(__name__)


class KeyReused(DomainError):
    """The key already named a different request."""

    status, slug = 422, "idempotency-key-reused"


class InProgress(Conflict):
    """The key's first request is saved or being saved, and its answer not stored yet."""

    slug = "idempotency-request-in-progress"


class AnswerLost(Conflict):
    """The key's request was saved, but its answer was never stored (or was dropped)."""

    slug = "idempotency-answer-lost"


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


def earlier(key: str) -> IdempotencyKey | None:
    """The user's unexpired use of this key, if any."""
    return db.session.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.user_id == current_user.id,
            IdempotencyKey.key == key,
            IdempotencyKey.created_at > utcnow() - KEY_LIFETIME,
        )
    )


def claim(key: str, fingerprint: str, *, space_id: int | None) -> IdempotencyKey | None:
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
    return record


def wait_for_answer(key: str) -> IdempotencyKey:
    """The concurrent request's key row, once it holds an answer (or after a short wait)."""
    deadline = time.monotonic() + ANSWER_WAIT_SECONDS
    while True:
        db.session.rollback()
        record = earlier(key)
        if record is None:
            raise Conflict(f"Another request with this {KEY_HEADER} was busy. Please try again.")
        if record.status_code is not None or time.monotonic() >= deadline:
            return record
        time.sleep(ANSWER_POLL_SECONDS)


def in_flight(record: IdempotencyKey) -> bool:
    """Whether the key's first request may still be on its way to storing its answer (it
    publishes live events between its two commits, which can take a while)."""
    return record.status_code is None and record.created_at > utcnow() - IN_FLIGHT


def answer_again(record: IdempotencyKey, fingerprint: str) -> Response:
    """The stored answer of the key's first request, if this request is the same one and
    its user is still in the space the answer came from."""
    if record.request_fingerprint != fingerprint:
        raise KeyReused(
            f"This {KEY_HEADER} was already used for a different request. "
            "Please use a new key for each new write."
        )
    if record.space_id is not None:
        policy.require_member(current_user, record.space_id)  # left since: 404, as any request
    if in_flight(record):
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


def remember(record: IdempotencyKey, response: Response, *, saved: tuple[str, int] | None) -> None:
    """Store the answer, and the row the write saved (kind, id) if known, with the key, in a
    commit of its own after the write's."""
    if not 200 <= response.status_code < 300:
        db.session.rollback()
        return
    if record not in db.session:  # the service rolled back (e.g. it lost a harmless race)
        record = _copy(record)
        db.session.add(record)
    if saved is not None:
        record.saved_kind, record.saved_id = saved
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
