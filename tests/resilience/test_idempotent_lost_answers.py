"""Idempotency-Key: answers lost, forgotten or still in flight, and who may see a replay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import update

from mend.checkins.models import Checkin
from mend.extensions import db
from mend.idempotency import IdempotencyKey, answers
from mend.idempotency.answers import IN_FLIGHT
from tests.builders import Couple
from tests.resilience.idempotency_writes import (
    BY_NAME,
    REPLAYED,
    WRITES,
    Write,
    count,
    key_rows,
    new_key,
)


def test_a_write_saved_whose_answer_was_lost_is_409_naming_what_was_saved(
    app: Flask, couple: Couple
) -> None:
    write, key = BY_NAME["checkin"], new_key()
    path = write.path(couple)
    first = write.send(couple, path, key)
    answer_lost_long_ago(app)

    retried = write.send(couple, path, key)

    assert retried.status_code == 409
    problem = retried.get_json()
    assert problem["type"] == "urn:mend:problem:idempotency-answer-lost"
    assert f"(checkin {first.get_json()['id']})" in problem["detail"]
    assert count(app, Checkin) == 1


def test_a_disclosure_whose_answer_was_lost_is_named_by_the_disclosure(
    app: Flask, couple: Couple
) -> None:
    write, key = BY_NAME["disclosure"], new_key()
    first = write.send(couple, write.path(couple), key)
    answer_lost_long_ago(app)

    retried = write.send(couple, write.path(couple), key)

    assert f"(disclosure {first.get_json()['id']})" in retried.get_json()["detail"]


# How a forgotten answer names what its write saved: the row its service returned.
NAMED_AS = {
    "checkin": "checkin",
    "disclosure": "disclosure",
    "revision": "disclosure",
    "response": "disclosure response",
    "commitment": "commitment",
    "check": "commitment check",
    "review": "check review",
    "reply": "check reply",
    "status": "commitment",
}


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
def test_a_forgotten_answer_names_the_row_the_service_returned(
    app: Flask, couple: Couple, write: Write
) -> None:
    key, path = new_key(), write.path(couple)
    first = write.send(couple, path, key)
    assert first.status_code in (200, 201), first.get_json()
    with app.app_context():
        answers.forget_answers(space_ids=[couple.space_id])
        db.session.commit()

    retried = write.send(couple, path, key)

    assert retried.status_code == 409
    detail = retried.get_json()["detail"]
    if write.name in NAMED_AS:
        assert f"was saved ({NAMED_AS[write.name]} {first.get_json()['id']})," in detail
    else:  # an acknowledgement's answer carries no id of its own
        assert "was saved, but" in detail


def answer_lost_long_ago(app: Flask) -> None:
    """As if the server died between the write's commit and the answer's, a while ago."""
    with app.app_context():
        a_while_ago = datetime.now(UTC) - IN_FLIGHT - timedelta(seconds=1)
        db.session.execute(
            update(IdempotencyKey).values(
                status_code=None, response_body=None, created_at=a_while_ago
            )
        )
        db.session.commit()


def test_a_retry_while_the_first_request_is_under_way_is_asked_to_try_again(
    app: Flask, couple: Couple, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(answers, "ANSWER_WAIT_SECONDS", 0.2)
    write, key = BY_NAME["checkin"], new_key()
    path = write.path(couple)
    assert write.send(couple, path, key).status_code == 201
    with app.app_context():  # saved a moment ago, its answer not stored yet
        db.session.execute(update(IdempotencyKey).values(status_code=None, response_body=None))
        db.session.commit()

    retried = write.send(couple, path, key)

    assert retried.status_code == 409
    assert retried.get_json()["type"] == "urn:mend:problem:idempotency-request-in-progress"
    assert retried.headers["Retry-After"] == "1"
    assert count(app, Checkin) == 1


def test_a_retry_waits_for_an_answer_that_arrives(
    app: Flask, couple: Couple, monkeypatch: pytest.MonkeyPatch
) -> None:
    write, key = BY_NAME["checkin"], new_key()
    path = write.path(couple)
    first = write.send(couple, path, key)
    with app.app_context():
        [row] = key_rows(app)
        stored = (row.status_code, row.response_body)
        db.session.execute(update(IdempotencyKey).values(status_code=None, response_body=None))
        db.session.commit()
    waited = answers.wait_for_answer

    def answer_arrives_meanwhile(wanted: str) -> IdempotencyKey:
        db.session.execute(
            update(IdempotencyKey).values(status_code=stored[0], response_body=stored[1])
        )
        db.session.commit()
        return waited(wanted)

    monkeypatch.setattr(answers, "wait_for_answer", answer_arrives_meanwhile)

    retried = write.send(couple, path, key)

    assert retried.status_code == 201
    assert retried.headers[REPLAYED] == "true"
    assert retried.get_json() == first.get_json()


def test_no_answer_is_replayed_to_someone_who_has_left_the_space(
    app: Flask, couple: Couple
) -> None:
    write, key = BY_NAME["checkin"], new_key()
    path = write.path(couple)
    assert write.send(couple, path, key).status_code == 201
    assert couple.hurt.post(f"/spaces/{couple.space_id}/leave").status_code in (200, 204)

    retried = write.send(couple, path, key)

    assert retried.status_code == 404
    assert REPLAYED not in retried.headers
