"""Canonical content hashes for ledgered rows."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from typing import Any

GENESIS_HASH = "0" * 64


def canonical(value: Any) -> str:
    """A stable text form of a value, for hashing."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__}")


def content_hash(content: dict[str, Any]) -> str:
    """sha256 of the content as sorted, compact JSON."""
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), default=canonical)
    return hashlib.sha256(text.encode()).hexdigest()


def entry_hash(
    *, prev_hash: str, kind: str, ref_id: int, content_hash: str, created_at: datetime
) -> str:
    """sha256(prev_hash | kind | ref_id | content_hash | created_at), fields joined by '|'."""
    parts = (prev_hash, kind, str(ref_id), content_hash, canonical(created_at))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
