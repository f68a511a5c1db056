"""Sealing one text value: `v1:<key id>:<base64 of nonce + AES-256-GCM ciphertext and tag>`.

The associated data names the column (`table.column`), so a sealed value
copied into another column (or another row kind) fails to open instead of
being read as something it is not.
"""

from __future__ import annotations

import base64
import binascii
import secrets

from cryptography.exceptions import InvalidTag

from mend.encryption.keys import KeyRing

VERSION = "v1"
NONCE_BYTES = 12


class DataKeyError(RuntimeError):
    """A stored value cannot be opened: its key is missing from the ring, or is not the right key.

    The message names the column and the key id only, never the value.
    """


def associated_data(column: str) -> bytes:
    """What each sealed value is bound to besides its key: the format and its column."""
    return f"mend:{VERSION}:{column}".encode()


def seal(ring: KeyRing, column: str, plaintext: str) -> str:
    """Encrypt text under the ring's current key."""
    cipher = ring.cipher(ring.current_id)
    assert cipher is not None  # the current key is always in its ring
    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = cipher.encrypt(nonce, plaintext.encode(), associated_data(column))
    return f"{VERSION}:{ring.current_id}:{base64.b64encode(nonce + sealed).decode()}"


def key_id_of(stored: str) -> str | None:
    """The key id a stored value was sealed under, or None if it is not a sealed value."""
    version, _, rest = stored.partition(":")
    key_id, separator, _ = rest.partition(":")
    return key_id if version == VERSION and separator else None


def open_sealed(ring: KeyRing, column: str, stored: str) -> str:
    """Decrypt a stored value; anything that does not authenticate raises DataKeyError.

    Every value a query reads passes through here (a list of 50 disclosures opens 100),
    so the value is parsed once.
    """
    version, _, rest = stored.partition(":")
    key_id, separator, payload = rest.partition(":")
    if version != VERSION or not separator:
        raise DataKeyError(f"a value in {column} is not encrypted (was migration 0014 applied?)")
    cipher = ring.cipher(key_id)
    if cipher is None:
        raise DataKeyError(
            f"a value in {column} is encrypted under data key {key_id!r}, "
            "which MEND_DATA_KEYS does not hold"
        )
    try:
        raw = binascii.a2b_base64(payload, strict_mode=True)  # b64decode(validate=True)
        plain = cipher.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], associated_data(column))
    except (InvalidTag, binascii.Error, ValueError):
        raise DataKeyError(
            f"a value in {column} does not open with data key {key_id!r}: "
            "the key is not the one it was written with, or the value was altered"
        ) from None
    return plain.decode()


def try_open(ring: KeyRing, column: str, stored: str) -> str | None:
    """The plaintext if the value is sealed and opens with the ring, else None."""
    try:
        return open_sealed(ring, column, stored)
    except DataKeyError:
        return None
