"""The device a login comes from: a plain name for people, and the signed device cookie.

The device cookie (OWASP "device cookies") marks a browser that signed in to an
account before. It names the accounts by a keyed digest of their email address,
never the address itself, so neither the cookie nor a rate-limit key reveals it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeSerializer

from mend.auth.schemas import normalise_email
from mend.tokens import new_token

DEVICE_COOKIE = "mend_device"
DEVICE_COOKIE_DAYS = 365
# One browser may be shared (a family laptop): remember this many accounts on it.
ACCOUNTS_PER_DEVICE = 5
UNKNOWN_DEVICE = "Unknown device"
_SALT = "mend-device-cookie"

# First match wins: Edge and Opera also say "Chrome", Chrome also says "Safari".
_BROWSERS = (
    ("Edge", r"Edg(e|A|iOS)?/"),
    ("Opera", r"OPR/|Opera"),
    ("Samsung Internet", r"SamsungBrowser/"),
    ("Firefox", r"Firefox/|FxiOS/"),
    ("Chrome", r"Chrome/|CriOS/"),
    ("Safari", r"Safari/"),
)
_SYSTEMS = (
    ("iOS", r"iPhone|iPad|iPod"),
    ("Android", r"Android"),
    ("ChromeOS", r"CrOS"),
    ("Windows", r"Windows"),
    ("macOS", r"Macintosh|Mac OS X"),
    ("Linux", r"Linux|X11"),
)


def _first_match(table: tuple[tuple[str, str], ...], user_agent: str) -> str | None:
    return next((name for name, pattern in table if re.search(pattern, user_agent)), None)


def describe(user_agent: str | None) -> str:
    """A plain name for the device, e.g. "Firefox on Linux"; never an address or version."""
    user_agent = user_agent or ""
    browser = _first_match(_BROWSERS, user_agent)
    system = _first_match(_SYSTEMS, user_agent)
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else UNKNOWN_DEVICE)


def account_key(secret_key: str, email: str) -> str:
    """A keyed digest naming an account by its email address without revealing it."""
    message = normalise_email(email).encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class DeviceCookie:
    """What a device cookie says: this browser's id and the accounts that signed in on it."""

    device_id: str
    accounts: tuple[str, ...] = ()

    def knows(self, account: str) -> bool:
        """Whether this account signed in successfully on this device before."""
        return account in self.accounts

    def with_account(self, account: str) -> DeviceCookie:
        """The cookie after a successful sign-in to account (the newest accounts are kept)."""
        others = [known for known in self.accounts if known != account]
        kept = (*others, account)[-ACCOUNTS_PER_DEVICE:]
        return DeviceCookie(self.device_id, tuple(kept))


def new_device() -> DeviceCookie:
    """A device seen for the first time."""
    return DeviceCookie(new_token(16))


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=_SALT)


def encode(cookie: DeviceCookie, *, secret_key: str) -> str:
    """The signed cookie value."""
    return _serializer(secret_key).dumps({"d": cookie.device_id, "a": list(cookie.accounts)})


def decode(value: str | None, *, secret_key: str) -> DeviceCookie | None:
    """The device cookie this value carries, or None when it is missing, forged or malformed."""
    if not value:
        return None
    try:
        data = _serializer(secret_key).loads(value)
    except BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    device_id, accounts = data.get("d"), data.get("a")
    if not isinstance(device_id, str) or not isinstance(accounts, list):
        return None
    if not all(isinstance(account, str) for account in accounts):
        return None
    return DeviceCookie(device_id, tuple(accounts[-ACCOUNTS_PER_DEVICE:]))
