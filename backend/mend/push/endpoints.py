"""Which push endpoints the server may post to: https on a public host, nothing private (SSRF).

Origins in MEND_PUSH_ALLOWED_ORIGINS (for tests, e.g. a local endpoint) are allowed as given.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from mend.errors import Invalid

REFUSED = "This notification address can't be used. Please try turning notifications on again."


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def require_public(endpoint: str, *, allowed_origins: tuple[str, ...]) -> None:
    """Invalid (422) unless the endpoint is an allowed origin or https on a public address."""
    if origin_of(endpoint) in allowed_origins:
        return
    parts = urlsplit(endpoint)
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        raise Invalid("endpoint", REFUSED)
    if not all(_is_public(address) for address in _addresses(parts.hostname, parts.port)):
        raise Invalid("endpoint", REFUSED)


def _addresses(host: str, port: int | None) -> list[str]:
    """Every address the host resolves to (none if it doesn't resolve)."""
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise Invalid("endpoint", REFUSED) from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise Invalid("endpoint", REFUSED)
    return addresses


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
