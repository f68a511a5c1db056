"""The decorator that lets a client retry a trust-record write safely, and its OpenAPI notes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from copy import deepcopy
from functools import wraps
from hashlib import sha256
from typing import Any, Protocol, TypeVar, runtime_checkable

from flask import current_app, g, request

from mend.errors import DomainError
from mend.extensions import db
from mend.idempotency import answers
from mend.idempotency.answers import KEY_HEADER, REPLAYED_HEADER

# Where `saved` leaves the row a keyed write saved, for the decorator to remember.
SAVED_ROW = "idempotency_saved_row"
VALID_KEY = re.compile(r"[\x21-\x7e]{1,255}")
HEADER_DOC = {
    "in": "header",
    "name": KEY_HEADER,
    "required": False,
    "description": (
        "Any string of 1-255 visible ASCII characters, new for each write (a UUID is ideal). "
        "Repeating the request with the same key within 24 hours writes nothing again and "
        f"answers as the first time did, with `{REPLAYED_HEADER}: true`. The same key with a "
        "different request is 422; if the first request was saved but its answer was lost, 409."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
}


@runtime_checkable
class SavedRow(Protocol):
    """What a write's service returns when it saved a row of the trust record."""

    ledger_kind: str
    id: int


Returned = TypeVar("Returned")


def saved(returned: Returned) -> Returned:
    """The service's return value, handed through by a keyed route: when it names a saved row
    of the trust record (a SavedRow), the key remembers that row, for a retry whose answer is
    lost or forgotten. The trust record itself never calls up into this package."""
    if isinstance(returned, SavedRow):
        g.setdefault(SAVED_ROW, (returned.ledger_kind, returned.id))
    return returned


def idempotent(view: Callable[..., Any]) -> Callable[..., Any]:
    """Let clients retry this write safely with an Idempotency-Key header (outermost decorator)."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        header = request.headers.get(KEY_HEADER)
        if header is None:
            return view(*args, **kwargs)
        key, fingerprint = _checked(header), _fingerprint()
        earlier = answers.earlier(key)
        space_id = kwargs.get("space_id")
        record = None if earlier else answers.claim(key, fingerprint, space_id=space_id)
        if record is None:
            waiting = earlier is None or answers.in_flight(earlier)
            settled = answers.wait_for_answer(key) if waiting else earlier
            return answers.answer_again(settled, fingerprint)
        try:
            response = current_app.make_response(view(*args, **kwargs))
        except BaseException:
            db.session.rollback()
            raise
        answers.remember(record, response, saved=g.pop(SAVED_ROW, None))
        return response

    wrapper._apidoc = _documented(getattr(view, "_apidoc", {}))  # type: ignore[attr-defined]
    return wrapper


def _checked(header: str) -> str:
    if VALID_KEY.fullmatch(header) is None:
        message = "Please send 1 to 255 visible ASCII characters, such as a UUID."
        raise DomainError(
            f"This {KEY_HEADER} cannot be used. {message}",
            errors={KEY_HEADER: [message]},
            slug="invalid-idempotency-key",
        )
    return header


def _fingerprint() -> str:
    """sha256 of the method, the path and the body (JSON compared by meaning, not spacing)."""
    body = request.get_data(cache=True)
    try:
        body = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        pass  # not JSON: the bytes themselves (the view will refuse them anyway)
    digest = sha256()
    for part in (request.method.encode(), request.path.encode(), body):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _documented(apidoc: dict[str, Any]) -> dict[str, Any]:
    """The view's OpenAPI notes plus the header and the answers it adds.

    Only for views whose arguments are all in the body: a manual `parameters`
    list replaces the operation's own.
    """
    apidoc = deepcopy(apidoc)
    manual = apidoc.setdefault("manual_doc", {})
    manual["parameters"] = [*manual.get("parameters", []), HEADER_DOC]
    manual.setdefault("responses", {}).update({400: "BAD_REQUEST", 409: "CONFLICT"})
    return apidoc
