"""Fixtures for the authorization matrix: one world per module, put back after each write.

The suite empties the database after every test; here the world is built once
for the module instead (it takes a second), and a test that may have changed it
(any unsafe method) restores every row from the snapshot afterwards, so each
case meets the same world and the table does not depend on the order of cases.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from mend.extensions import db, limiter
from tests.authz.world import World, build_world


def empty_database(app: Flask) -> None:
    """Delete every row and reset rate limits, as the suite does after each test."""
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        limiter.reset()


@pytest.fixture(autouse=True)
def _empty_database() -> Iterator[None]:
    """Overrides the suite's: here the module's world outlives each test and is emptied once."""
    yield


@pytest.fixture(scope="module")
def built_world(app: Flask) -> Iterator[World]:
    """The world, built once for the module; the database is emptied when the module ends."""
    try:
        yield build_world(app)
    finally:
        empty_database(app)


@pytest.fixture
def world(built_world: World) -> Iterator[World]:
    """The world as it was built; rows a test may have changed are put back afterwards, and
    rate-limit counters start afresh (the second-factor rows fail for every principal)."""
    yield built_world
    with built_world.app.app_context():
        limiter.reset()
    if built_world.dirty:
        built_world.restore()
