"""Preparing an event inside a write: a database error fails the write, a render error
only loses the event."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from mend import policy
from mend.checkins import events as checkin_events
from tests.builders import Couple
from tests.live.conftest import Connect, types


def checkins_path(couple: Couple) -> str:
    return f"/spaces/{couple.space_id}/checkins"


def test_a_database_error_while_preparing_the_event_saves_nothing_and_answers_503(
    couple: Couple, monkeypatch: pytest.MonkeyPatch
) -> None:
    def connection_lost(space_id: int) -> list[policy.Access]:
        raise OperationalError("SELECT membership ...", {}, Exception("connection lost"))

    monkeypatch.setattr(policy, "member_accesses", connection_lost)
    response = couple.hurt.post(checkins_path(couple), json={"felt_safety": 4})
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    monkeypatch.undo()

    assert couple.hurt.get(checkins_path(couple)).get_json()["items"] == []
    verification = couple.hurt.get(f"/spaces/{couple.space_id}/record/verify").get_json()
    assert verification == {**verification, "valid": True, "entries": 0}


def test_an_event_that_cannot_be_rendered_is_dropped_and_the_write_kept(
    couple: Couple, connect: Connect, monkeypatch: pytest.MonkeyPatch
) -> None:
    repairing_socket = connect(couple.repairing)

    def broken_dump(view: object) -> dict:
        raise ValueError("a render bug")

    monkeypatch.setattr(checkin_events.CHECKIN_OUT, "dump", broken_dump)
    response = couple.hurt.post(checkins_path(couple), json={"felt_safety": 4})
    assert response.status_code == 201
    monkeypatch.undo()

    assert "checkin.created" not in types(repairing_socket)
    listed = couple.repairing.get(checkins_path(couple)).get_json()["items"]
    assert [item["id"] for item in listed] == [response.get_json()["id"]]
    # The socket itself works: once rendering does, the next check-in reaches it.
    assert couple.hurt.post(checkins_path(couple), json={"felt_safety": 5}).status_code == 201
    assert types(repairing_socket) == ["checkin.created"]
