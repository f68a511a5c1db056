"""VAPID keys for Web Push (RFC 8292): from MEND_VAPID_* in production, generated in development.

Without keys in production, push is off (the web app says so) and mail still works.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

KEY_FILE = "vapid.json"


def b64url(data: bytes) -> str:
    """Unpadded base64url, as Web Push writes keys."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def new_key_pair() -> dict[str, str]:
    """A fresh P-256 pair: the raw private scalar and the uncompressed public point."""
    private = ec.generate_private_key(ec.SECP256R1())
    scalar = private.private_numbers().private_value.to_bytes(32, "big")
    point = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {"private_key": b64url(scalar), "public_key": b64url(point)}


def push_settings(environ: dict[str, str], *, env: str, instance_path: Path) -> dict[str, object]:
    """MEND_VAPID_PUBLIC_KEY/_PRIVATE_KEY/_SUBJECT and MEND_PUSH_ALLOWED_ORIGINS."""
    public = environ.get("MEND_VAPID_PUBLIC_KEY") or None
    private = environ.get("MEND_VAPID_PRIVATE_KEY") or None
    if not (public and private) and env != "production":
        pair = _instance_pair(instance_path)
        public, private = pair["public_key"], pair["private_key"]
    origins = environ.get("MEND_PUSH_ALLOWED_ORIGINS", "")
    return {
        "vapid_public_key": public if private else None,
        "vapid_private_key": private if public else None,
        "vapid_subject": environ.get("MEND_VAPID_SUBJECT") or "mailto:admin@localhost",
        "push_allowed_origins": tuple(
            o.strip().rstrip("/") for o in origins.split(",") if o.strip()
        ),
    }


def _instance_pair(instance_path: Path) -> dict[str, str]:
    """A development key pair, generated once into the instance folder."""
    key_file = instance_path / KEY_FILE
    if key_file.exists():
        return json.loads(key_file.read_text())
    instance_path.mkdir(parents=True, exist_ok=True)
    pair = new_key_pair()
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return json.loads(key_file.read_text())
    with os.fdopen(fd, "w") as handle:
        json.dump(pair, handle)
    return pair
