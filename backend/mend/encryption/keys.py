"""The data key ring: MEND_DATA_KEYS (`id:base64key,...`, the first is current)."""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32  # AES-256
KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
KEY_FILE_NAME = "data_keys"


class KeyRingError(ValueError):
    """MEND_DATA_KEYS does not describe a usable key ring (the message never holds key material)."""


@dataclass(frozen=True)
class KeyRing:
    """Named AES-256 keys; new values are sealed under `current_id`, any held key opens."""

    keys: dict[str, bytes]
    current_id: str
    _ciphers: dict[str, AESGCM] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for key_id, key in self.keys.items():
            self._ciphers[key_id] = AESGCM(key)

    def __repr__(self) -> str:
        return f"KeyRing(ids={list(self.keys)}, current={self.current_id!r})"

    def cipher(self, key_id: str) -> AESGCM | None:
        """The cipher for a key id, or None when the ring does not hold that key."""
        return self._ciphers.get(key_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """The key ids, current first."""
        return tuple(self.keys)


def parse_key_ring(text: str) -> KeyRing:
    """Parse `id:base64key,...`; every key must be 32 bytes and every id unique."""
    keys: dict[str, bytes] = {}
    for position, item in enumerate(part.strip() for part in text.split(",")):
        if not item:
            continue
        key_id, separator, encoded = item.partition(":")
        key_id = key_id.strip()
        if not separator or not KEY_ID.match(key_id):
            raise KeyRingError(
                f"MEND_DATA_KEYS entry {position + 1} must look like 'id:base64key' "
                "(id: letters, digits, '-' or '_')"
            )
        if key_id in keys:
            raise KeyRingError(f"MEND_DATA_KEYS names key {key_id!r} twice")
        keys[key_id] = _decode_key(key_id, encoded.strip())
    if not keys:
        raise KeyRingError("MEND_DATA_KEYS holds no key")
    return KeyRing(keys=keys, current_id=next(iter(keys)))


def _decode_key(key_id: str, encoded: str) -> bytes:
    try:
        key = base64.b64decode(encoded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        raise KeyRingError(f"MEND_DATA_KEYS key {key_id!r} is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise KeyRingError(
            f"MEND_DATA_KEYS key {key_id!r} must be {KEY_BYTES} bytes (AES-256), got {len(key)}"
        )
    return key


def new_key_entry(key_id: str) -> str:
    """A fresh `id:base64key` entry, e.g. for the front of MEND_DATA_KEYS before a rotation."""
    if not KEY_ID.match(key_id):
        raise KeyRingError("a key id is letters, digits, '-' or '_' (at most 32)")
    return f"{key_id}:{base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()}"


def instance_key_ring(instance_path: Path) -> str:
    """Development: a key ring generated once into the instance folder, then reused.

    The file appears whole or not at all (written aside, then linked into
    place), so processes starting together all read the same complete key.
    """
    key_file = instance_path / KEY_FILE_NAME
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        draft = instance_path / f".{KEY_FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(new_key_entry("dev1"))
        try:
            os.link(draft, key_file)
        except FileExistsError:  # another process put its key there first: use that one
            pass
        finally:
            draft.unlink()
    return key_file.read_text().strip()
