"""Helpers for reading what Socket.IO test clients received (the `connect` fixture is shared)."""

from __future__ import annotations

from flask_socketio.test_client import SocketIOTestClient

from tests.conftest import Connect

__all__ = ["Connect", "events", "types"]


def events(client: SocketIOTestClient) -> list[dict]:
    """The mend:event payloads received since the last call."""
    return [
        message["args"][0] for message in client.get_received() if message["name"] == "mend:event"
    ]


def types(client: SocketIOTestClient) -> list[str]:
    """The event types received since the last call."""
    return [event["type"] for event in events(client)]
