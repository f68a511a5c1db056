"""JSON request bodies nested too deeply are refused before anything parses them.

Python's JSON parser recurses once per level: 50,000 nested brackets exhaust
the stack (a RecursionError, which would be a 500). No Mend request needs more
than a few levels, so bodies deeper than MAX_DEPTH are a 400 problem naming
the body. The scan runs at C speed: strings are blanked by one regex, the
brackets kept by one `translate`, and the depth is a running sum over them.
"""

from __future__ import annotations

import re
from itertools import accumulate

from flask import Flask, request

from mend.errors import DomainError

MAX_DEPTH = 32
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def depth(body: bytes) -> int:
    """How deeply the JSON text's arrays and objects nest (0 for a bare value)."""
    brackets = _STRING.sub(b'""', body).translate(None, _NOT_BRACKETS)
    return max(accumulate(_STEP[b] for b in brackets), default=0)


def refuse_deep_json() -> None:
    """Before each request: a JSON body nested beyond MAX_DEPTH is a 400 problem."""
    if not request.is_json:
        return
    body = request.get_data(cache=True)
    if body.count(b"[") + body.count(b"{") > MAX_DEPTH and depth(body) > MAX_DEPTH:
        message = f"Please send JSON nested at most {MAX_DEPTH} levels deep."
        raise DomainError(
            "This request's body is nested too deeply to be read.",
            errors={"body": [message]},
            slug="malformed-request",
        )


def init_json_depth(app: Flask) -> None:
    """Check every JSON body's depth before a view (or anything else) parses it."""
    app.before_request(refuse_deep_json)
