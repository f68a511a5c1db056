"""The tab that made a write is not told of it (its own answer refreshes it), so the
author's screen refetches once; the author's other tabs and everyone else still hear."""

from __future__ import annotations

from flask_socketio.test_client import SocketIOTestClient

from mend.extensions import socketio
from mend.live.origin import HEADER
from tests.builders import Couple
from tests.live.conftest import Connect, types


def socket_id(client: SocketIOTestClient) -> str:
    """The Socket.IO id the web app reads as `socket.id`."""
    return str(socketio.server.manager.sid_from_eio_sid(client.eio_sid, "/"))


def disclose(couple: Couple, headers: dict[str, str]) -> None:
    body = {"title": "What happened", "body": "The whole truth.", "category": "contact"}
    response = couple.repairing.post(
        f"/spaces/{couple.space_id}/disclosures", json=body, headers=headers
    )
    assert response.status_code == 201


def test_the_writing_tab_is_skipped_and_the_authors_other_tabs_hear(
    couple: Couple, connect: Connect
) -> None:
    writing_tab, other_tab = connect(couple.repairing), connect(couple.repairing)
    partner = connect(couple.hurt)

    disclose(couple, {HEADER: socket_id(writing_tab)})

    assert types(writing_tab) == []
    assert types(other_tab) == types(partner) == ["disclosure.created"]


def test_a_write_without_the_header_reaches_every_tab(couple: Couple, connect: Connect) -> None:
    first_tab, second_tab = connect(couple.repairing), connect(couple.repairing)
    disclose(couple, {})
    assert types(first_tab) == types(second_tab) == ["disclosure.created"]


def test_naming_someone_elses_socket_silences_nothing(couple: Couple, connect: Connect) -> None:
    partner = connect(couple.hurt)
    disclose(couple, {HEADER: socket_id(partner)})
    assert types(partner) == ["disclosure.created"]


def test_the_skip_holds_for_events_decided_after_the_commit(
    couple: Couple, connect: Connect
) -> None:
    writing_tab, partner = connect(couple.repairing), connect(couple.hurt)
    response = couple.repairing.post(
        f"/spaces/{couple.space_id}/commitments",
        json={"title": "Phone open to you", "cadence": "daily"},
        headers={HEADER: socket_id(writing_tab)},
    )
    assert response.status_code == 201
    assert types(writing_tab) == []
    assert types(partner) == ["commitment.created"]
