"""A local push service that records what it receives, and a browser's subscription keys."""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask

from mend.vapid import b64url


@dataclass
class PushService:
    """A stand-in for a browser vendor's push service, on 127.0.0.1."""

    origin: str
    received: list[dict[str, Any]] = field(default_factory=list)
    status: int = 201

    def endpoint(self, name: str = "browser") -> str:
        return f"{self.origin}/push/{name}"


@dataclass
class BrowserKeys:
    """What a browser keeps to decrypt its push messages (RFC 8291)."""

    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes

    def subscription(self, endpoint: str) -> dict[str, Any]:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": endpoint,
            "expirationTime": None,
            "keys": {"p256dh": b64url(point), "auth": b64url(self.auth_secret)},
        }


@pytest.fixture
def push_service(app: Flask) -> Iterator[PushService]:
    """A local endpoint the app may post to (its origin is in push_allowed_origins)."""
    state: dict[str, PushService] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", 0))
            service = state["service"]
            service.received.append(
                {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": self.rfile.read(length),
                }
            )
            self.send_response(service.status)
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state["service"] = PushService(origin=f"http://127.0.0.1:{server.server_port}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings = app.config["MEND"]
    app.config["MEND"] = dataclasses.replace(
        settings, push_allowed_origins=(state["service"].origin,)
    )
    yield state["service"]
    app.config["MEND"] = settings
    server.shutdown()


@pytest.fixture
def browser_keys() -> BrowserKeys:
    """A fresh P-256 key pair and auth secret, as a browser makes for a subscription."""
    return BrowserKeys(ec.generate_private_key(ec.SECP256R1()), os.urandom(16))
