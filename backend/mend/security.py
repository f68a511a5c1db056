"""Deny by default: every API endpoint needs a login unless marked public; security headers."""

from __future__ import annotations

from typing import TypeVar

from flask import Flask, Response, current_app, request
from flask_login import current_user

from mend.errors import API_PREFIX, Unauthorized

V = TypeVar("V")
PUBLIC_ENDPOINTS = frozenset({"api-docs.openapi_json", "web.app_shell"})
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


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


def init_security(app: Flask) -> None:
    """Register the login wall and the response headers."""

    @app.before_request
    def _require_login() -> None:
        if not request.path.startswith(API_PREFIX) or _is_public(request.endpoint):
            return
        if not current_user.is_authenticated:
            raise Unauthorized("Please log in.")

    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("X-Frame-Options", "DENY")
        if request.path.startswith(API_PREFIX):
            headers["Cache-Control"] = "no-store"
        if current_app.config["MEND"].production:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
