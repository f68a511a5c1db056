"""Writing check-ins from the outside: who may write which score, what is refused, and that
what is saved stays as it was."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, func, select

from mend.extensions import db
from mend.record.models import LedgerEntry
from tests.builders import ApiClient, Couple
from tests.checkins.conftest import check_in, checkins_path, listed


def test_hurt_partner_checks_in_with_felt_safety(couple: Couple) -> None:
    checkin = check_in(
        couple.hurt, couple, felt_safety=4, regulation=5, note="Tired.", tags=[" walk ", "walk"]
    )

    assert checkin["author_id"] == couple.hurt.id
    assert checkin["author_role"] == "hurt"
    assert (checkin["felt_safety"], checkin["regulation"], checkin["predicted_safety"]) == (
        4,
        5,
        None,
    )
    assert (checkin["note"], checkin["note_private"]) == ("Tired.", False)
    assert checkin["tags"] == ["walk"]
    assert checkin["space_id"] == couple.space_id


def test_repairing_partner_checks_in_with_regulation_and_prediction(couple: Couple) -> None:
    checkin = check_in(couple.repairing, couple, regulation=7, predicted_safety=4)

    assert checkin["author_role"] == "repairing"
    assert (checkin["felt_safety"], checkin["regulation"], checkin["predicted_safety"]) == (
        None,
        7,
        4,
    )
    assert checkin["note"] is None and checkin["tags"] == []


def test_several_checkins_on_one_day_are_all_kept(couple: Couple) -> None:
    first = check_in(couple.hurt, couple, felt_safety=2)
    second = check_in(couple.hurt, couple, felt_safety=6)

    assert [c["id"] for c in listed(couple.hurt, couple)] == [second["id"], first["id"]]


def test_each_checkin_gets_one_ledger_entry_and_the_record_verifies(
    app: Flask, couple: Couple
) -> None:
    created = [check_in(couple.hurt, couple, felt_safety=5), check_in(couple.repairing, couple)]

    with app.app_context():
        refs = db.session.scalars(
            select(LedgerEntry.ref_id).where(
                LedgerEntry.space_id == couple.space_id, LedgerEntry.kind == "checkin"
            )
        ).all()
    assert sorted(refs) == sorted(c["id"] for c in created)
    verification = couple.hurt.get(f"/spaces/{couple.space_id}/record/verify").get_json()
    assert verification["valid"] is True


def test_a_check_in_is_written_in_one_transaction_of_seven_statements(
    app: Flask, couple: Couple, count_queries: Any
) -> None:
    statements_at_each_commit: list[int] = []
    with app.app_context():
        engine = db.engine
    with count_queries() as counter:

        def on_commit(_connection: object) -> None:
            statements_at_each_commit.append(counter.count)

        event.listen(engine, "commit", on_commit)
        try:
            check_in(couple.hurt, couple, felt_safety=6, note="a hard day")
        finally:
            event.remove(engine, "commit", on_commit)
    # The login session's user, the space lock (taken only for a member), every member's
    # access (read once, for the author's permission and the live event's audience), the
    # check-in, the ledger head, the ledger entry, and which of the audience want activity
    # notices (mend.reminders.activity: nobody here, so no marker is written), then the one
    # commit: nothing after it.
    assert statements_at_each_commit == [7], counter.statements
    assert counter.count == 7, counter.statements
    lock, members = (statement.lstrip().upper() for statement in counter.statements[1:3])
    assert "JOIN MEMBERSHIP" in lock, lock
    if engine.dialect.name == "postgresql":  # SQLite's BEGIN IMMEDIATE needs no row lock
        assert lock.rstrip().endswith("FOR NO KEY UPDATE OF SPACE"), lock
    assert members.startswith("SELECT MEMBERSHIP"), members
    assert "FROM REMINDER_SETTINGS" in counter.statements[-1].upper()


def test_therapist_cannot_check_in(app: Flask, couple: Couple, therapist: ApiClient) -> None:
    response = therapist.post(checkins_path(couple), json={"regulation": 5})

    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LedgerEntry)) == 0


def test_member_of_another_space_gets_404(couple: Couple, stranger: ApiClient) -> None:
    path = checkins_path(couple)

    assert stranger.post(path, json={"felt_safety": 5}).status_code == 404
    assert stranger.get(path).status_code == 404
    assert (
        stranger.get(f"{path}/{check_in(couple.hurt, couple, felt_safety=5)['id']}").status_code
        == 404
    )
    assert stranger.get(f"/spaces/{couple.space_id}/trends/safety").status_code == 404


def test_anonymous_caller_gets_401(client: ApiClient, couple: Couple) -> None:
    assert client.get(checkins_path(couple)).status_code == 401
    assert client.post(checkins_path(couple), json={"felt_safety": 5}).status_code == 401
    assert client.get(f"/spaces/{couple.space_id}/trends/safety").status_code == 401


@pytest.mark.parametrize(
    ("role", "body", "field"),
    [
        ("hurt", {}, "felt_safety"),
        ("hurt", {"felt_safety": None}, "felt_safety"),
        ("hurt", {"regulation": 5}, "felt_safety"),
        ("hurt", {"felt_safety": 5, "predicted_safety": 5}, "predicted_safety"),
        ("repairing", {"felt_safety": 5}, "felt_safety"),
        ("repairing", {"felt_safety": 0, "predicted_safety": 5}, "felt_safety"),
        ("hurt", {"felt_safety": -1}, "felt_safety"),
        ("hurt", {"felt_safety": 11}, "felt_safety"),
        ("hurt", {"felt_safety": "3"}, "felt_safety"),
        ("hurt", {"felt_safety": 3.5}, "felt_safety"),
        ("hurt", {"felt_safety": True}, "felt_safety"),
        ("hurt", {"felt_safety": 10**30}, "felt_safety"),
        ("hurt", {"felt_safety": 5, "regulation": 11}, "regulation"),
        ("hurt", {"felt_safety": 5, "regulation": "5"}, "regulation"),
        ("repairing", {"predicted_safety": -1}, "predicted_safety"),
        ("repairing", {"predicted_safety": 2.0000001}, "predicted_safety"),
        ("repairing", {"predicted_safety": False}, "predicted_safety"),
        ("hurt", {"felt_safety": 5, "note": "x" * 5001}, "note"),
        ("hurt", {"felt_safety": 5, "note": 42}, "note"),
        ("hurt", {"felt_safety": 5, "note_private": "true"}, "note_private"),
        ("hurt", {"felt_safety": 5, "note_private": 1}, "note_private"),
        ("hurt", {"felt_safety": 5, "note_private": None}, "note_private"),
        ("hurt", {"felt_safety": 5, "tags": [f"t{i}" for i in range(11)]}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": [""]}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": ["   "]}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": ["x" * 33]}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": [3]}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": "calm"}, "tags"),
        ("hurt", {"felt_safety": 5, "tags": None}, "tags"),
        ("hurt", {"felt_safety": 5, "mood": "ok"}, "mood"),
    ],
)
def test_checkin_validation_names_the_field(
    app: Flask, couple: Couple, role: str, body: dict[str, Any], field: str
) -> None:
    response = getattr(couple, role).post(checkins_path(couple), json=body)

    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(LedgerEntry)) == 0


def test_longest_note_and_most_tags_are_accepted(couple: Couple) -> None:
    tags = [f"{i:02d}" + "x" * 30 for i in range(10)]
    checkin = check_in(couple.hurt, couple, felt_safety=0, note="x" * 5000, tags=tags)

    assert len(checkin["note"]) == 5000 and checkin["tags"] == tags


@pytest.mark.parametrize("method", ["DELETE", "PATCH", "PUT"])
def test_checkins_cannot_be_changed_or_deleted(couple: Couple, method: str) -> None:
    checkin = check_in(couple.hurt, couple, felt_safety=5)

    for path in (checkins_path(couple), f"{checkins_path(couple)}/{checkin['id']}"):
        response = couple.hurt.request(method, path, json={"felt_safety": 9})
        assert response.status_code == 405
        assert response.content_type == "application/problem+json"
    assert listed(couple.hurt, couple)[0]["felt_safety"] == 5


@pytest.mark.parametrize(
    "body",
    [
        {"note": "I can't put a number on today."},
        {"tags": ["numb"]},
        {"note": "Only for me.", "note_private": True, "regulation": 3},
    ],
)
def test_hurt_partner_may_check_in_with_words_and_no_number(
    couple: Couple, body: dict[str, Any]
) -> None:
    checkin = check_in(couple.hurt, couple, **body)
    assert checkin["felt_safety"] is None
    assert [c["id"] for c in listed(couple.hurt, couple)] == [checkin["id"]]


def test_an_empty_check_in_asks_for_a_number_or_words_in_plain_words(couple: Couple) -> None:
    response = couple.hurt.post(checkins_path(couple), json={"note": None, "tags": []})
    assert response.status_code == 422
    message = response.get_json()["errors"]["felt_safety"][0]
    assert "a number" in message and "a few words" in message


def test_a_check_in_in_words_only_leaves_the_trend_alone(couple: Couple) -> None:
    check_in(couple.hurt, couple, felt_safety=6)
    check_in(couple.hurt, couple, note="Words only today.")
    trend = couple.hurt.get(f"/spaces/{couple.space_id}/trends/safety").get_json()
    counted = [(point["mean"], point["count"]) for point in trend["points"] if point["count"]]
    assert counted == [(6.0, 1)]
