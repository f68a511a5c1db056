"""The busiest requests compile none of their statements anew.

SQLAlchemy caches a statement's compiled form under its cache key; a construct without
one (a custom element that declares no cache key, say) is compiled again on every
execution. The login-session lookup once carried such an element (`LockTimeout`), and
every signed-in request paid about a third of its CPU time for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.engine.interfaces import CacheStats

from mend.auth.service import SESSION_USER
from mend.database import LockTimeout
from mend.extensions import db
from tests.builders import ApiClient, Couple, add_therapist
from tests.engine_events import each_statement


@contextmanager
def uncached(app: Flask) -> Iterator[list[str]]:
    """The statements run while active that had no cache key."""
    found: list[str] = []

    def listen(_conn: Any, _cursor: Any, statement: str, _params: Any, context: Any, *_: Any):
        if context.compiled is not None and context.cache_hit is CacheStats.NO_CACHE_KEY:
            found.append(statement)

    with each_statement(app, listen):
        yield found


def test_the_lock_bound_and_the_session_lookup_have_cache_keys() -> None:
    assert select(LockTimeout())._generate_cache_key() is not None
    assert SESSION_USER._generate_cache_key() is not None


def test_the_listener_sees_a_statement_without_a_cache_key(app: Flask) -> None:
    class Uncacheable(LockTimeout):
        inherit_cache = False  # and no _traverse_internals of its own: no key

    with uncached(app) as found, app.app_context():
        db.session.execute(select(Uncacheable()))
        db.session.rollback()
    assert len(found) == 1


def test_the_busiest_requests_run_only_cacheable_statements(app: Flask, couple: Couple) -> None:
    therapist: ApiClient = add_therapist(app, couple)
    space = f"/spaces/{couple.space_id}"
    with uncached(app) as found:
        assert couple.hurt.put(f"{space}/consents/{therapist.id}/checkins", json={"granted": True})
        assert couple.hurt.post(f"{space}/checkins", json={"felt_safety": 6}).status_code == 201
        for path in ("checkins", "disclosures", "commitments", "trends/safety"):
            assert couple.hurt.get(f"{space}/{path}").status_code == 200, path
        assert therapist.get("/therapist/caseload").status_code == 200
    assert found == []
