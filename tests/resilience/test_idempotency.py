"""Idempotency-Key on trust-record writes: a retry replays the answer and never writes twice."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, update
from werkzeug.test import TestResponse

from mend.checkins.models import Checkin
from mend.commitments.models import (
    CheckReply,
    CheckReview,
    Commitment,
    CommitmentCheck,
    CommitmentStatusChange,
)
from mend.disclosures.models import (
    Disclosure,
    DisclosureAcknowledgement,
    DisclosureResponse,
    DisclosureRevision,
)
from mend.extensions import db
from mend.idempotency import IdempotencyKey, answers
from mend.idempotency.answers import IN_FLIGHT
from mend.record.models import LedgerEntry
from tests.builders import PASSWORD, ApiClient, Couple, make_couple

KEY = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def disclosure(couple: Couple) -> str:
    """A new disclosure's path, told by the repairing partner."""
    body = {"title": "What happened", "body": "The whole truth.", "category": "other"}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/disclosures", json=body)
    assert response.status_code == 201, response.get_json()
    return f"/spaces/{couple.space_id}/disclosures/{response.get_json()['id']}"


def commitment(couple: Couple) -> str:
    """A new daily commitment's path, starting today."""
    body = {"title": "Share my phone openly", "cadence": "daily"}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/commitments", json=body)
    assert response.status_code == 201, response.get_json()
    return f"/spaces/{couple.space_id}/commitments/{response.get_json()['id']}"


def check(couple: Couple) -> str:
    """A check of today on a new commitment: its path."""
    path = commitment(couple)
    response = couple.repairing.post(
        f"{path}/checks", json={"period_start": today(), "outcome": "kept"}
    )
    assert response.status_code == 201, response.get_json()
    return f"{path}/checks/{response.get_json()['id']}"


def disputed_check(couple: Couple) -> str:
    """A check of today, disputed by the hurt partner: its path."""
    path = check(couple)
    response = couple.hurt.post(f"{path}/review", json={"verdict": "disputed"})
    assert response.status_code == 201, response.get_json()
    return path


@dataclass(frozen=True)
class Write:
    """One wrapped write: who sends it, where (after any setup), with what, and what it adds."""

    name: str
    writer: str  # "hurt" or "repairing"
    method: str
    path: Callable[[Couple], str]
    body: dict[str, Any] | None
    model: type

    def send(self, couple: Couple, path: str, key: str | None, body: Any = "same") -> TestResponse:
        api: ApiClient = getattr(couple, self.writer)
        headers = {KEY: key} if key is not None else {}
        json = self.body if body == "same" else body
        return api.request(self.method, path, json=json, headers=headers)


WRITES = [
    Write(
        "checkin",
        "hurt",
        "POST",
        lambda c: f"/spaces/{c.space_id}/checkins",
        {"felt_safety": 6, "note": "A calmer day."},
        Checkin,
    ),
    Write(
        "disclosure",
        "repairing",
        "POST",
        lambda c: f"/spaces/{c.space_id}/disclosures",
        {"title": "The trip", "body": "I was not where I said.", "category": "dishonesty"},
        Disclosure,
    ),
    Write(
        "revision",
        "repairing",
        "POST",
        lambda c: f"{disclosure(c)}/revisions",
        {"reason": "I left out a day.", "body": "The whole truth, with the Sunday."},
        DisclosureRevision,
    ),
    Write(
        "response",
        "hurt",
        "POST",
        lambda c: f"{disclosure(c)}/responses",
        {"body": "Who else knew?"},
        DisclosureResponse,
    ),
    Write(
        "acknowledge",
        "hurt",
        "POST",
        lambda c: f"{disclosure(c)}/acknowledge",
        None,
        DisclosureAcknowledgement,
    ),
    Write(
        "commitment",
        "repairing",
        "POST",
        lambda c: f"/spaces/{c.space_id}/commitments",
        {"title": "Home by seven", "cadence": "daily"},
        Commitment,
    ),
    Write(
        "check",
        "repairing",
        "POST",
        lambda c: f"{commitment(c)}/checks",
        {"period_start": today(), "outcome": "kept"},
        CommitmentCheck,
    ),
    Write(
        "review",
        "hurt",
        "POST",
        lambda c: f"{check(c)}/review",
        {"verdict": "confirmed", "note": "Yes, it was kept."},
        CheckReview,
    ),
    Write(
        "reply",
        "repairing",
        "POST",
        lambda c: f"{disputed_check(c)}/replies",
        {"body": "I was home by seven; here is how I know."},
        CheckReply,
    ),
    Write(
        "status",
        "repairing",
        "PATCH",
        commitment,
        {"status": "paused", "reason": "We are away this week."},
        CommitmentStatusChange,
    ),
]
BY_NAME = {write.name: write for write in WRITES}


def count(app: Flask, model: type) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def key_rows(app: Flask) -> list[IdempotencyKey]:
    with app.app_context():
        rows = list(db.session.scalars(select(IdempotencyKey).order_by(IdempotencyKey.id)))
        db.session.expunge_all()
        return rows


def new_key() -> str:
    return str(uuid.uuid4())


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
def test_a_retry_with_the_same_key_replays_the_answer_and_writes_nothing(
    app: Flask, couple: Couple, write: Write
) -> None:
    path, key = write.path(couple), new_key()
    first = write.send(couple, path, key)
    rows, entries = count(app, write.model), count(app, LedgerEntry)

    again = write.send(couple, path, key)

    assert first.status_code in (200, 201), first.get_json()
    assert REPLAYED not in first.headers
    assert (again.status_code, again.get_json()) == (first.status_code, first.get_json())
    assert again.headers[REPLAYED] == "true"
    assert again.content_type == "application/json"
    assert (count(app, write.model), count(app, LedgerEntry)) == (rows, entries)


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.name)
def test_the_same_key_for_a_different_request_is_refused(
    app: Flask, couple: Couple, write: Write
) -> None:
    path, key = write.path(couple), new_key()
    assert write.send(couple, path, key).status_code in (200, 201)
    rows = count(app, write.model)

    reused = write.send(couple, path, key, body={**(write.body or {}), "extra": 1})

    assert reused.status_code == 422
    assert reused.content_type == "application/problem+json"
    assert reused.get_json()["type"] == "urn:mend:problem:idempotency-key-reused"
    assert count(app, write.model) == rows


def test_the_same_key_on_another_path_is_refused(app: Flask, couple: Couple) -> None:
    key = new_key()
    write = BY_NAME["response"]
    assert write.send(couple, write.path(couple), key).status_code == 201

    elsewhere = write.send(couple, write.path(couple), key)

    assert elsewhere.status_code == 422
    assert count(app, DisclosureResponse) == 1


@pytest.mark.parametrize(
    "key",
    ["", " ", "two words", "tab\tkey", "caf\u00e9", "k" * 256],
    ids=["empty", "space", "inner-space", "tab", "non-ascii", "too-long"],
)
def test_a_key_that_is_not_1_to_255_visible_ascii_characters_is_400(
    app: Flask, couple: Couple, key: str
) -> None:
    write = BY_NAME["checkin"]

    response = write.send(couple, write.path(couple), key)

    assert response.status_code == 400
    problem = response.get_json()
    assert problem["type"] == "urn:mend:problem:invalid-idempotency-key"
    assert list(problem["errors"]) == [KEY]
    assert count(app, Checkin) == 0
    assert key_rows(app) == []


def test_a_key_of_255_visible_characters_is_accepted(app: Flask, couple: Couple) -> None:
    write = BY_NAME["checkin"]
    key = "".join(chr(33 + i % 94) for i in range(255))

    assert write.send(couple, write.path(couple), key).status_code == 201
    assert write.send(couple, write.path(couple), key).headers[REPLAYED] == "true"
    assert count(app, Checkin) == 1


def test_keys_belong_to_their_user(app: Flask, couple: Couple) -> None:
    key, path = new_key(), f"/spaces/{couple.space_id}/checkins"
    hurt = couple.hurt.post(path, json={"felt_safety": 4}, headers={KEY: key})
    repairing = couple.repairing.post(path, json={"predicted_safety": 4}, headers={KEY: key})
    other = make_couple(app)
    stranger = other.hurt.post(
        f"/spaces/{other.space_id}/checkins", json={"felt_safety": 4}, headers={KEY: key}
    )

    assert [r.status_code for r in (hurt, repairing, stranger)] == [201, 201, 201]
    assert not any(REPLAYED in r.headers for r in (hurt, repairing, stranger))
    assert count(app, Checkin) == 3


@pytest.mark.parametrize(
    ("name", "refused_body", "status"),
    [
        ("checkin", {"felt_safety": 11}, 422),  # the schema refuses it
        ("checkin", {"felt_safety": 5, "predicted_safety": 3}, 422),  # the service refuses it
        ("check", {"period_start": "2999-01-01", "outcome": "kept"}, 422),
        ("disclosure", {"title": "x", "body": "y", "category": "nope"}, 422),
    ],
    ids=["schema", "service", "check-in-the-future", "disclosure-category"],
)
def test_a_failed_write_leaves_no_key_so_a_corrected_retry_goes_ahead(
    app: Flask, couple: Couple, name: str, refused_body: dict[str, Any], status: int
) -> None:
    write, key = BY_NAME[name], new_key()
    path = write.path(couple)
    rows = count(app, write.model)

    refused = write.send(couple, path, key, body=refused_body)
    assert refused.status_code == status
    assert key_rows(app) == []
    corrected = write.send(couple, path, key)

    assert corrected.status_code == 201, corrected.get_json()
    assert REPLAYED not in corrected.headers
    assert count(app, write.model) == rows + 1


def test_a_conflict_leaves_no_key_either(app: Flask, couple: Couple) -> None:
    write = BY_NAME["check"]
    path = write.path(couple)
    assert write.send(couple, path, new_key()).status_code == 201
    key = new_key()

    assert write.send(couple, path, key).status_code == 409
    assert write.send(couple, path, key).status_code == 409  # tried again, not replayed

    assert count(app, CommitmentCheck) == 1
    assert len(key_rows(app)) == 1


def test_without_the_header_nothing_changes(app: Flask, couple: Couple) -> None:
    write = BY_NAME["checkin"]
    path = write.path(couple)

    responses = [write.send(couple, path, None) for _ in range(2)]

    assert [r.status_code for r in responses] == [201, 201]
    assert count(app, Checkin) == 2
    assert key_rows(app) == []


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


def test_keys_expire_after_24_hours(app: Flask, couple: Couple) -> None:
    write, key = BY_NAME["checkin"], new_key()
    path = write.path(couple)
    assert write.send(couple, path, key).status_code == 201
    with app.app_context():
        long_ago = datetime.now(UTC) - timedelta(hours=24, minutes=1)
        db.session.execute(update(IdempotencyKey).values(created_at=long_ago))
        db.session.commit()

    later = write.send(couple, path, key)

    assert later.status_code == 201
    assert REPLAYED not in later.headers
    assert count(app, Checkin) == 2
    assert len(key_rows(app)) == 1  # the expired one was purged


def test_deleting_an_account_deletes_its_keys_and_answers_that_quote_it(
    app: Flask, couple: Couple
) -> None:
    thread = disclosure(couple)
    asked = couple.hurt.post(f"{thread}/responses", json={"body": "Who knew?"}, headers={KEY: "q"})
    revision = {"reason": "I forgot one.", "body": "Everything, and the rest."}
    revised = couple.repairing.post(f"{thread}/revisions", json=revision, headers={KEY: "r"})
    assert "Who knew?" in revised.get_data(
        as_text=True
    )  # the answer shows the thread, with her reply

    deleted = couple.hurt.delete("/account", json={"password": PASSWORD})

    assert (asked.status_code, deleted.status_code) == (201, 204)
    rows = key_rows(app)
    assert [(row.key, row.response_body) for row in rows] == [("r", None)]
    retried = couple.repairing.post(f"{thread}/revisions", json=revision, headers={KEY: "r"})
    assert retried.status_code == 409
    assert count(app, DisclosureRevision) == 2


def test_concurrent_requests_with_one_key_write_once(app: Flask, couple: Couple) -> None:
    path = f"/spaces/{couple.space_id}/checkins"
    key, cookie = new_key(), couple.hurt.http.get_cookie("mend_session")
    assert cookie is not None
    headers = {KEY: key, "X-CSRFToken": couple.hurt.csrf_token()}
    start = threading.Barrier(6)
    answers: list[TestResponse] = []

    def send() -> None:
        http = app.test_client()
        http.set_cookie("mend_session", cookie.value)
        start.wait()
        answers.append(http.post(f"/api/v1{path}", json={"felt_safety": 3}, headers=headers))

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert count(app, Checkin) == 1
    statuses = sorted(answer.status_code for answer in answers)
    assert set(statuses) <= {201, 409}, statuses
    written = [a for a in answers if a.status_code == 201 and REPLAYED not in a.headers]
    assert len(written) == 1
    replayed = [a for a in answers if a.headers.get(REPLAYED) == "true"]
    assert all(a.get_json() == written[0].get_json() for a in replayed)
    # A retry waits 2 s for the winner's answer; on a loaded machine the winner can take
    # longer, and the documented answer is then "still in progress, retry after".
    refused = [a for a in answers if a.status_code == 409]
    in_progress = "urn:mend:problem:idempotency-request-in-progress"
    lost = "urn:mend:problem:idempotency-answer-lost"
    assert {a.get_json()["type"] for a in refused} <= {in_progress, lost}
    waiting = [a for a in refused if a.get_json()["type"] == in_progress]
    assert all(int(a.headers["Retry-After"]) > 0 for a in waiting)


def test_the_header_is_documented_on_each_wrapped_write_only(app: Flask) -> None:
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    documented = {
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict)
        and any(p.get("name") == KEY for p in operation.get("parameters", []))
    }
    base = "/api/v1/spaces/{space_id}"
    disclosure_path = f"{base}/disclosures/{{disclosure_id}}"
    commitment_path = f"{base}/commitments/{{commitment_id}}"

    assert documented == {
        f"POST {base}/checkins",
        f"POST {base}/disclosures",
        f"POST {disclosure_path}/revisions",
        f"POST {disclosure_path}/responses",
        f"POST {disclosure_path}/acknowledge",
        f"POST {base}/commitments",
        f"PATCH {commitment_path}",
        f"POST {commitment_path}/checks",
        f"POST {commitment_path}/checks/{{check_id}}/review",
        f"POST {base}/measures/{{instrument_id}}/responses",
        f"POST {commitment_path}/checks/{{check_id}}/replies",
    }
