"""Random secrets handed to users (session tokens, invite codes) and their stored digests."""

from __future__ import annotations

import hashlib
import secrets


def new_token(num_bytes: int = 32) -> str:
    """A URL-safe random secret with num_bytes of entropy."""
    return secrets.token_urlsafe(num_bytes)


def digest(token: str) -> str:
    """What is stored instead of the secret itself (the secret is random, so no salt needed)."""
    return hashlib.sha256(token.encode()).hexdigest()
