"""One error shape for the whole API: RFC 9457 problem details.

Services raise the DomainError subclasses below; the handlers registered here
turn them, HTTP errors and validation failures into
`application/problem+json` responses. Nothing else builds an error response.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from flask import Flask, Response, json, request
from flask_smorest import Api
from flask_wtf.csrf import CSRFError
from marshmallow import Schema, fields
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from mend.plain_words import plain_messages

PROBLEM_MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api/"
DATABASE_RETRY_AFTER_SECONDS = 5

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule of the domain said no; carries the HTTP status it maps to."""

    status = 400
    slug = "bad-request"

    def __init__(
        self,
        detail: str,
        *,
        errors: dict[str, list[str]] | None = None,
        slug: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers
        if slug:
            self.slug = slug


class Unauthorized(DomainError):
    status, slug = 401, "not-logged-in"


class Forbidden(DomainError):
    status, slug = 403, "forbidden"


class NotFound(DomainError):
    status, slug = 404, "not-found"


class Conflict(DomainError):
    status, slug = 409, "conflict"


class Gone(DomainError):
    status, slug = 410, "gone"


class Invalid(DomainError):
    """A value passed schema validation but breaks a domain rule; names the field."""

    status, slug = 422, "validation-error"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, errors={field: [message]})


class ProblemSchema(Schema):
    """RFC 9457 problem details, as every API error is answered."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


def problem(
    status: int,
    detail: str | None = None,
    *,
    slug: str | None = None,
    errors: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Build a problem-details response."""
    body: dict[str, Any] = {
        "type": f"urn:mend:problem:{slug}" if slug else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_MEDIA_TYPE)
    response.headers.update(headers or {})
    return response


class ProblemApi(Api):
    """flask-smorest's Api, answering and documenting errors as problem details."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self) -> None:
        """Register flask-smorest's shared responses, documenting errors as they are sent.

        flask-smorest would document them as application/json; clients (and
        schema-driven tests) need the media type the handlers really answer with.
        """
        problem_content = {PROBLEM_MEDIA_TYPE: {"schema": self.ERROR_SCHEMA}}
        for status in HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:
                response["content"] = problem_content
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "Default error response", "content": problem_content}
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, default, lazy=True)

    def handle_http_exception(self, error: HTTPException):  # type: ignore[override]
        """Answer HTTP errors under /api/ as problem details; leave other paths alone."""
        if not request.path.startswith(API_PREFIX):
            return error
        data = getattr(error, "data", None) or {}
        errors = _flatten_webargs_messages(data.get("messages"))
        status = error.code or 500
        if status == 400 and errors:
            detail = "The request body is not valid JSON."
            return problem(400, detail, slug="malformed-request", headers=_headers(error))
        if status == 422:
            detail = "Some fields need attention."
            return problem(422, detail, slug="validation-error", errors=errors)
        detail = error.description if status != 500 else None
        return problem(status, detail, headers=_headers(error))


def _headers(error: HTTPException) -> dict[str, str]:
    response = error.get_response()
    keep = ("Allow", "Retry-After")
    return {name: response.headers[name] for name in keep if name in response.headers}


def _flatten_webargs_messages(messages: Any) -> dict[str, list[str]]:
    """webargs nests messages under the location ("json", "query"); callers want fields."""
    if not isinstance(messages, dict):
        return {}
    flat: dict[str, list[str]] = {}
    for location, per_field in messages.items():
        if isinstance(per_field, dict):
            for name, field_messages in per_field.items():
                flat[str(name)] = _as_strings(field_messages)
        else:
            flat["body" if location == "json" else str(location)] = _as_strings(per_field)
    return flat


def _as_strings(messages: Any) -> list[str]:
    messages = plain_messages(messages)
    if isinstance(messages, list):
        return [m if isinstance(m, str) else json.dumps(m) for m in messages]
    if isinstance(messages, dict):
        return [json.dumps(messages)]
    return [str(messages)]


def register_error_handlers(app: Flask) -> None:
    """Route every error raised during a request to the one problem shape."""

    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError) -> Response:
        return problem(
            error.status, error.detail, slug=error.slug, errors=error.errors, headers=error.headers
        )

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError) -> Response:
        detail = "The X-CSRFToken header is missing or does not match this session."
        return problem(403, detail, slug="csrf-failed")

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def _database_unavailable(error: OperationalError | InterfaceError | PoolTimeout) -> Response:
        # PoolTimeout: every connection is busy (say, waiting on a stuck database) and none
        # came free within pool_timeout: as unavailable as a database that is down.
        log.error("database error: %s", type(getattr(error, "orig", None) or error).__name__)
        return problem(
            503,
            "Mend cannot reach its database right now. Please try again in a moment.",
            slug="database-unavailable",
            headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
        )

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return error  # type: ignore[return-value]
        log.exception("unexpected error on %s %s", request.method, request.path)
        return problem(500, "Something went wrong on our side. Please try again.")
