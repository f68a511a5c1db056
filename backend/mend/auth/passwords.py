"""argon2id password hashing (argon2-cffi's defaults, which meet OWASP ASVS)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import CHEAPEST
from flask import current_app

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


def hash_password(password: str) -> str:
    """Hash a password for storage."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether the password matches; spends the same effort when there is no hash."""
    hasher = _hasher()
    try:
        return hasher.verify(password_hash or _DUMMY_HASHES[id(hasher)], password) and bool(
            password_hash
        )
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the stored hash uses weaker parameters than the current ones."""
    return _hasher().check_needs_rehash(password_hash)
