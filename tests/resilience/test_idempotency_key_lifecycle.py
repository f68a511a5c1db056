"""Idempotency-Key: keys expire, go with their account, write once, are documented."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from flask import Flask
from sqlalchemy import update
from werkzeug.test import TestResponse

from mend.checkins.models import Checkin
from mend.disclosures.models import (
    DisclosureRevision,
)
from mend.extensions import db
from mend.idempotency import IdempotencyKey
from tests.builders import PASSWORD, Couple
from tests.resilience.idempotency_writes import (
    BY_NAME,
    KEY,
    REPLAYED,
    count,
    disclosure,
    key_rows,
    new_key,
)


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
