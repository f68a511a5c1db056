"""argon2id password hashing (argon2-cffi's defaults, which meet OWASP ASVS)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import CHEAPEST
from flask import current_app

T = TypeVar("T")

_default_hasher = PasswordHasher()
# Only for the test suite, where hundreds of accounts are made: never in config.
_cheapest_hasher = PasswordHasher.from_parameters(CHEAPEST)
# Verified against when the email is unknown, so both failures take as long.
_DUMMY_HASHES = {
    id(h): h.hash("mend-timing-equaliser") for h in (_default_hasher, _cheapest_hasher)
}


def _hasher() -> PasswordHasher:
    if current_app.config.get("TESTING_FAST_PASSWORD_HASHING"):
        return _cheapest_hasher
    return _default_hasher


def _off_the_event_loop(work: Callable[..., T], *args: object) -> T:
    """Run argon2 in gevent's thread pool when gevent serves us (argon2 releases the GIL),
    so hashing never freezes every open connection of the process; else just run it."""
    monkey = sys.modules.get("gevent.monkey")
    if monkey is not None and monkey.is_module_patched("socket"):
        import gevent

        return gevent.get_hub().threadpool.apply(work, args)
    return work(*args)


def hash_password(password: str) -> str:
    """Hash a password for storage."""
    return _off_the_event_loop(_hasher().hash, password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether the password matches; spends the same effort when there is no hash."""
    hasher = _hasher()
    try:
        matches = _off_the_event_loop(
            hasher.verify, password_hash or _DUMMY_HASHES[id(hasher)], password
        )
        return matches and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the stored hash uses weaker parameters than the current ones."""
    return _hasher().check_needs_rehash(password_hash)
