"""Login limits live in Redis when it is configured, so every process shares them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask

from mend.auth.devices import account_key
from mend.extensions import limiter
from mend.live.sockets import init_live
from tests.builders import ApiClient, make_user
from tests.conftest import build_app

REDIS_URL = os.environ.get("MEND_TEST_REDIS_URL")


@pytest.fixture
def restore_limiter(app: Flask) -> Iterator[None]:
    """Building another app rebinds the shared extensions; put the suite's bindings back after."""
    saved = dict(vars(limiter))
    yield
    vars(limiter).update(saved)
    init_live(app)


def test_limiter_uses_memory_storage_without_redis(app: Flask) -> None:
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"


@pytest.mark.skipif(not REDIS_URL, reason="set MEND_TEST_REDIS_URL to test Redis storage")
def test_failed_logins_are_counted_in_redis(
    app: Flask, tmp_path: Path, restore_limiter: None
) -> None:
    store = redis.Redis.from_url(str(REDIS_URL))
    store.flushdb()
    email = make_user(app).user["email"]  # type: ignore[index]
    with_redis = build_app(
        tmp_path, redis_url=REDIS_URL, database_url=app.config["SQLALCHEMY_DATABASE_URI"]
    )
    attempt = {"email": email, "password": "wrong password"}
    statuses = [
        ApiClient(with_redis).post("/auth/login", json=attempt).status_code for _ in range(6)
    ]
    assert statuses == [401] * 5 + [429]
    keys = [key.decode() for key in store.keys("*")]
    account = account_key(with_redis.config["SECRET_KEY"], email)
    assert any(f"account:{account}" in key for key in keys), keys
    # Keys name the account by a keyed digest: the address never reaches Redis.
    assert not any(email in key or email.split("@")[0] in key for key in keys), keys
    store.flushdb()
