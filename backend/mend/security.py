"""Deny by default: every API endpoint needs a login unless marked public; security headers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, request
from flask_login import current_user

from mend.errors import API_PREFIX, Forbidden, Unauthorized

V = TypeVar("V")
PUBLIC_ENDPOINTS = frozenset({"api-docs.openapi_json", "web.app_shell"})
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"
SOCKET_PATH = "/socket.io/"


def public(view: V) -> V:
    """Mark a view (function or MethodView class) as reachable without logging in."""
    view.mend_public = True  # type: ignore[attr-defined]
    return view


def _is_public(endpoint: str | None) -> bool:
    if endpoint is None or endpoint in PUBLIC_ENDPOINTS:
        return True
    view = current_app.view_functions.get(endpoint)
    target = getattr(view, "view_class", view)
    return bool(getattr(target, "mend_public", False))


def require_same_origin() -> None:
    """Refuse a request a browser says came from another site (for the few token-free writes)."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in {"same-origin", "none"}:
        raise Forbidden("This request must come from Mend itself.", slug="csrf-failed")
    origin = request.headers.get("Origin")
    allowed = {request.host_url.rstrip("/"), *current_app.config["MEND"].allowed_origins}
    if origin and origin.rstrip("/") not in allowed:
        raise Forbidden("This request must come from Mend itself.", slug="csrf-failed")


def init_security(app: Flask) -> None:
    """Register the login wall and the response headers (Socket.IO's answers included)."""
    production = app.config["MEND"].production

    @app.before_request
    def _require_login() -> None:
        if not request.path.startswith(API_PREFIX) or _is_public(request.endpoint):
            return
        if not current_user.is_authenticated:
            raise Unauthorized("Please log in.")

    @app.after_request
    def _security_headers(response: Response) -> Response:
        for name, value in _headers(production=production):
            response.headers.setdefault(name, value)
        if request.path.startswith(API_PREFIX):
            response.headers["Cache-Control"] = "no-store"
        return response

    socket_headers = [*_headers(production=production), ("Cache-Control", "no-store")]
    app.wsgi_app = _SocketHeaders(app.wsgi_app, socket_headers)  # type: ignore[method-assign]


def _headers(*, production: bool) -> list[tuple[str, str]]:
    """The headers every answer carries unless it sets its own (HSTS in production only)."""
    headers = [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        # same-origin, not no-referrer: over https the CSRF check (WTF_CSRF_SSL_STRICT) needs
        # a same-origin Referer, so no-referrer refused every write (tests/topology).
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ]
    if production:
        headers.append(("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY))
    return headers


class _SocketHeaders:
    """Socket.IO answers its own requests before Flask sees them; add the headers there too."""

    def __init__(
        self, wsgi_app: Callable[..., Iterable[bytes]], headers: list[tuple[str, str]]
    ) -> None:
        self.wsgi_app = wsgi_app
        self.headers = headers

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if not environ.get("PATH_INFO", "").startswith(SOCKET_PATH):
            return self.wsgi_app(environ, start_response)

        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            present = {name.lower() for name, _value in headers}
            extra = [(name, value) for name, value in self.headers if name.lower() not in present]
            return start_response(status, [*headers, *extra], exc_info)

        return self.wsgi_app(environ, start)
