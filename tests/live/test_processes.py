"""Live updates across real server processes, the origin check, and Redis outages."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import redis
import socketio
from flask import Flask

from tests.live.servers import Person, make_pair, mend_server, private_redis, wait_until

pytestmark = pytest.mark.slow
SHARED_REDIS = os.environ.get("MEND_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_reachable(SHARED_REDIS) and not os.environ.get("CI"),
    reason="no Redis on this machine (CI always has one)",
)


def disclose(person: Person, space_id: int, title: str = "What happened") -> int:
    body = {"title": title, "body": "The whole truth.", "category": "other"}
    response = person.call("POST", f"/spaces/{space_id}/disclosures", json=body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def database(app: Flask) -> str:
    return str(app.config["SQLALCHEMY_DATABASE_URI"])


@needs_redis
def test_an_event_written_through_one_process_reaches_a_client_on_another(
    app: Flask, tmp_path: Path
) -> None:
    with (
        mend_server(
            database_url=database(app), instance=tmp_path / "a", redis_url=SHARED_REDIS
        ) as process_a,
        mend_server(
            database_url=database(app), instance=tmp_path / "b", redis_url=SHARED_REDIS
        ) as process_b,
    ):
        hurt, repairing = Person(process_a), Person(process_a)
        space_id = make_pair(hurt, repairing)
        hurt.connect(process_b)
        try:
            disclosure_id = disclose(repairing, space_id)
            assert wait_until(lambda: hurt.events, timeout=10)
            assert hurt.events[0]["type"] == "disclosure.created"
            assert hurt.events[0]["data"] == {"id": disclosure_id}
        finally:
            hurt.close()


def test_sockets_from_another_origin_are_refused(app: Flask, tmp_path: Path) -> None:
    with mend_server(database_url=database(app), instance=tmp_path, redis_url=None) as url:
        hurt, repairing = Person(url), Person(url)
        make_pair(hurt, repairing)
        with pytest.raises(socketio.exceptions.ConnectionError):
            hurt.connect(transport="polling", Origin="http://evil.example")
        hurt.connect(transport="polling", Origin=url)
        assert hurt.socket is not None and hurt.socket.connected
        hurt.close()


def test_origins_listed_in_settings_are_allowed(app: Flask, tmp_path: Path) -> None:
    with mend_server(
        database_url=database(app),
        instance=tmp_path,
        redis_url=None,
        MEND_ALLOWED_ORIGINS="http://partner-app.example",
    ) as url:
        hurt, repairing = Person(url), Person(url)
        make_pair(hurt, repairing)
        hurt.connect(transport="polling", Origin="http://partner-app.example")
        assert hurt.socket is not None and hurt.socket.connected
        hurt.close()
        hurt.connect(transport="polling", Origin=url)
        assert hurt.socket.connected
        hurt.close()
        with pytest.raises(socketio.exceptions.ConnectionError):
            hurt.connect(transport="polling", Origin="http://evil.example")


def test_a_single_process_works_without_redis(app: Flask, tmp_path: Path) -> None:
    with mend_server(database_url=database(app), instance=tmp_path, redis_url=None) as url:
        hurt, repairing = Person(url), Person(url)
        space_id = make_pair(hurt, repairing)
        hurt.connect()
        try:
            disclose(repairing, space_id)
            assert wait_until(lambda: hurt.events, timeout=10)
        finally:
            hurt.close()


@needs_redis
def test_losing_redis_keeps_the_api_answering_and_live_delivery_resumes(
    app: Flask, tmp_path: Path
) -> None:
    with private_redis() as (redis_url, stop_redis, start_redis):
        with mend_server(database_url=database(app), instance=tmp_path, redis_url=redis_url) as url:
            hurt, repairing = Person(url), Person(url)
            space_id = make_pair(hurt, repairing)
            hurt.connect()
            try:
                stop_redis()
                started = time.monotonic()
                disclose(repairing, space_id, "Written while Redis was down")
                assert repairing.call("GET", f"/spaces/{space_id}/disclosures").status_code == 200
                assert time.monotonic() - started < 10

                start_redis()

                def write_until_delivered() -> bool:
                    written = disclose(repairing, space_id, "Written after Redis came back")
                    return wait_until(
                        lambda: any(e["data"] == {"id": written} for e in hurt.events), timeout=2
                    )

                assert wait_until(write_until_delivered, timeout=30, interval=0.5)
            finally:
                hurt.close()
