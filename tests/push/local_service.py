"""A local push service that records what it receives, and checking a VAPID signature.

Used by the push tests in this folder (the app in this process) and by the browser test
(a real server process posts to it).
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


@dataclass
class PushService:
    """A stand-in for a browser vendor's push service, on 127.0.0.1."""

    origin: str
    received: list[dict[str, Any]] = field(default_factory=list)
    status: int = 201

    def endpoint(self, name: str = "browser") -> str:
        return f"{self.origin}/push/{name}"


@contextmanager
def running_push_service() -> Iterator[PushService]:
    """A PushService listening on a free loopback port until the block ends."""
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
    try:
        yield state["service"]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def unb64(text: str) -> bytes:
    """Unpadded base64url, decoded."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verify_vapid(header: str, endpoint_origin: str) -> dict[str, Any]:
    """Check a `vapid t=..., k=...` Authorization header; returns the JWT's claims."""
    scheme, _, params = header.partition(" ")
    assert scheme == "vapid"
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    token, key = fields["t"], fields["k"]
    head, claims, signature = token.split(".")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64(key))
    raw = unb64(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))  # raises if forged
    decoded = json.loads(unb64(claims))
    assert json.loads(unb64(head))["alg"] == "ES256"
    assert decoded["aud"] == endpoint_origin
    assert decoded["exp"] > datetime.now(UTC).timestamp()
    return {"claims": decoded, "key": key}
