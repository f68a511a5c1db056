"""A local push service that records what it receives, and a browser's subscription keys."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask

from mend.vapid import b64url
from tests.push.local_service import PushService, running_push_service

__all__ = ["BrowserKeys", "PushService"]


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
    settings = app.config["MEND"]
    with running_push_service() as service:
        app.config["MEND"] = dataclasses.replace(settings, push_allowed_origins=(service.origin,))
        try:
            yield service
        finally:
            app.config["MEND"] = settings


@pytest.fixture
def browser_keys() -> BrowserKeys:
    """A fresh P-256 key pair and auth secret, as a browser makes for a subscription."""
    return BrowserKeys(ec.generate_private_key(ec.SECP256R1()), os.urandom(16))
