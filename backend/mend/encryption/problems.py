"""The problem a request meets when a stored value cannot be opened (its key is missing
or wrong): registered by the app factory next to mend.errors' handlers, so that errors
knows nothing of encryption."""

from __future__ import annotations

import logging

from flask import Flask, Response, request

from mend.encryption.cipher import DataKeyError
from mend.errors import problem

log = logging.getLogger(__name__)


def register_data_key_handler(app: Flask) -> None:
    """Answer a DataKeyError with a 500 problem that says nothing is lost."""

    @app.errorhandler(DataKeyError)
    def _data_key_error(error: DataKeyError) -> Response:
        # The message names a column and a key id, never the value.
        log.error("data key error on %s %s: %s", request.method, request.path, error)
        return problem(
            500,
            "Mend cannot open some of the words kept here right now. Nothing has been lost; "
            "please try again a little later.",
            slug="data-key-unavailable",
        )
