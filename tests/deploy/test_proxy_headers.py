"""Behind proxies: the origin check uses the scheme said by the trusted proxies only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_app

HANDSHAKE = "/socket.io/?EIO=4&transport=polling"


def handshake(tmp_path: Path, *, proxy_count: int, origin: str, forwarded_proto: str) -> int:
    """The status of a Socket.IO handshake from `origin` through `proxy_count` proxies."""
    app = build_app(tmp_path, proxy_count=proxy_count)
    response = app.test_client().get(
        HANDSHAKE,
        headers={
            "Host": "mend.example:8443",
            "Origin": origin,
            "X-Forwarded-Proto": forwarded_proto,
            "X-Forwarded-For": "203.0.113.9, 10.0.0.2",
        },
    )
    return response.status_code


@pytest.mark.parametrize(
    ("proxy_count", "forwarded_proto", "origin", "status"),
    [
        # TLS in nginx: nginx appends its own scheme, the last value counts.
        (1, "https", "https://mend.example:8443", 200),
        (1, "https", "http://mend.example:8443", 400),
        # A browser claiming https through a plain-http nginx is not believed.
        (1, "https, http", "https://mend.example:8443", 400),
        (1, "https, http", "http://mend.example:8443", 200),
        # TLS in a load balancer in front of nginx: two proxies, the outer one counts.
        (2, "https, http", "https://mend.example:8443", 200),
        (2, "https, http", "http://mend.example:8443", 400),
        # The port is part of the origin.
        (1, "https", "https://mend.example", 400),
        (1, "https", "https://evil.example:8443", 400),
    ],
)
def test_origin_check_follows_the_trusted_proxies_scheme(
    tmp_path: Path, proxy_count: int, forwarded_proto: str, origin: str, status: int
) -> None:
    assert (
        handshake(tmp_path, proxy_count=proxy_count, origin=origin, forwarded_proto=forwarded_proto)
        == status
    )


def test_without_trusted_proxies_forwarded_headers_are_ignored(tmp_path: Path) -> None:
    assert (
        handshake(
            tmp_path, proxy_count=0, origin="https://mend.example:8443", forwarded_proto="https"
        )
        == 400
    )
    assert (
        handshake(
            tmp_path, proxy_count=0, origin="http://mend.example:8443", forwarded_proto="https"
        )
        == 200
    )
