"""Deciding an event's audience: inside a write a database error fails the write, a failing
audience check only loses the event, and after a commit nothing undoes the write."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from mend import policy
from tests.builders import Couple
from tests.live.conftest import Connect, types


def checkins_path(couple: Couple) -> str:
    return f"/spaces/{couple.space_id}/checkins"


def connection_lost(*_args: object) -> list[policy.Access]:
    raise OperationalError("SELECT membership ...", {}, Exception("connection lost"))


@pytest.mark.parametrize(
    "where",
    [
        # the members' access, read with the space lock for the permission and the audience
        "mend.policy.loader.member_accesses",
        # who of the audience wants activity notices: after the check-in's row is written
        "mend.reminders.activity._wanting_notices",
    ],
)
def test_a_database_error_while_deciding_the_audience_saves_nothing_and_answers_503(
    couple: Couple, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.setattr(where, connection_lost)
    response = couple.hurt.post(checkins_path(couple), json={"felt_safety": 4})
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    monkeypatch.undo()

    assert couple.hurt.get(checkins_path(couple)).get_json()["items"] == []
    verification = couple.hurt.get(f"/spaces/{couple.space_id}/record/verify").get_json()
    assert verification == {**verification, "valid": True, "entries": 0}


def test_an_audience_check_that_fails_drops_the_event_and_keeps_the_write(
    couple: Couple, connect: Connect, monkeypatch: pytest.MonkeyPatch
) -> None:
    repairing_socket = connect(couple.repairing)

    can_see = policy.Access.can_see

    def broken_can_see(self: policy.Access, owner_id: int, category: str) -> bool:
        if category == "checkins":  # the check-in event's audience asks this; the write doesn't
            raise ValueError("a policy bug")
        return can_see(self, owner_id, category)

    monkeypatch.setattr(policy.Access, "can_see", broken_can_see)
    response = couple.hurt.post(checkins_path(couple), json={"felt_safety": 4})
    assert response.status_code == 201
    monkeypatch.undo()

    assert "checkin.created" not in types(repairing_socket)
    listed = couple.repairing.get(checkins_path(couple)).get_json()["items"]
    assert [item["id"] for item in listed] == [response.get_json()["id"]]
    # The socket itself works: once the check does, the next check-in reaches it.
    assert couple.hurt.post(checkins_path(couple), json={"felt_safety": 5}).status_code == 201
    assert types(repairing_socket) == ["checkin.created"]


def test_a_database_error_after_the_commit_loses_only_the_event(
    couple: Couple, connect: Connect, monkeypatch: pytest.MonkeyPatch
) -> None:
    hurt_socket = connect(couple.hurt)
    commitments = f"/spaces/{couple.space_id}/commitments"
    monkeypatch.setattr(policy, "member_accesses", connection_lost)
    response = couple.repairing.post(
        commitments, json={"title": "Call at noon", "cadence": "daily"}
    )
    monkeypatch.undo()

    assert response.status_code == 201
    assert types(hurt_socket) == []
    listed = couple.hurt.get(commitments).get_json()["items"]
    assert [item["id"] for item in listed] == [response.get_json()["id"]]
