"""Listening to the statements an app's engine runs, for as long as a block lasts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event

from mend.extensions import db

# listener(connection, cursor, statement, parameters, context, executemany)
Listener = Callable[..., Any]


@contextmanager
def each_statement(app: Flask, listener: Listener) -> Iterator[None]:
    """Call listener before each statement the app's engine sends while the block runs."""
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", listener)
