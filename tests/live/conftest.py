"""Socket.IO test clients that share the HTTP client's session cookie."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask_socketio.test_client import SocketIOTestClient

from mend.extensions import socketio
from mend.live.sockets import init_live
from tests.builders import ApiClient

Connect = Callable[[ApiClient], SocketIOTestClient]


@pytest.fixture
def connect(app: Flask) -> Iterator[Connect]:
    """Open a socket as the given API client's user (rebinding Socket.IO to the suite's app)."""
    init_live(app)
    opened: list[SocketIOTestClient] = []

    def open_socket(api: ApiClient) -> SocketIOTestClient:
        client = socketio.test_client(app, flask_test_client=api.http)
        opened.append(client)
        return client

    yield open_socket
    for client in opened:
        if client.is_connected():
            client.disconnect()


def events(client: SocketIOTestClient) -> list[dict]:
    """The mend:event payloads received since the last call."""
    return [
        message["args"][0] for message in client.get_received() if message["name"] == "mend:event"
    ]


def types(client: SocketIOTestClient) -> list[str]:
    """The event types received since the last call."""
    return [event["type"] for event in events(client)]
