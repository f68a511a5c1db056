"""Idempotency-Key: a retry replays, a reused or bad key is refused, a failure keeps no key."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from mend.checkins.models import Checkin
from mend.commitments.models import (
    CommitmentCheck,
)
from mend.disclosures.models import (
    DisclosureResponse,
)
from mend.record.models import LedgerEntry
from tests.builders import Couple, make_couple
from tests.resilience.idempotency_writes import (
    BY_NAME,
    KEY,
    REPLAYED,
    WRITES,
    Write,
    count,
    key_rows,
    new_key,
)


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
