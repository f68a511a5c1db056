"""A PostgreSQL outage: every request answers 503 problem details within 5 s, then service resumes.

A real Mend server process runs against a private PostgreSQL cluster, which the
tests stop (crash-like and clean), freeze (SIGSTOP) and cut off from the network,
and whose rows they lock, while partners keep using the API.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.live.servers import mend_server
from tests.resilience.outage_probes import (
    Couple,
    assert_service_resumed,
    assert_unavailable,
    count_checkins,
    meet,
    probe_everything,
    seconds_until_healthy,
)
from tests.resilience.processes import (
    PrivatePostgres,
    migrate,
    missing_network_namespace_reason,
    missing_postgres_reason,
    network_namespace,
    private_postgres,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        missing_postgres_reason() is not None, reason=str(missing_postgres_reason())
    ),
]

Recorder = Any  # pytest's record_property fixture


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivatePostgres]:
    """A private PostgreSQL cluster, migrated, that the tests may stop, freeze and restart."""
    with private_postgres() as postgres:
        migrate(postgres.url, tmp_path_factory.mktemp("migrate"))
        yield postgres


@pytest.fixture(scope="module")
def server(cluster: PrivatePostgres, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One Mend server process on the private cluster, never restarted by the tests."""
    instance = tmp_path_factory.mktemp("instance")
    with mend_server(database_url=cluster.url, instance=instance, redis_url=None) as url:
        yield url


@pytest.fixture
def couple(server: str) -> Couple:
    """A couple using the server, with data written before anything goes wrong."""
    return meet(server)


@pytest.mark.parametrize("mode", ["immediate", "fast"])
def test_a_stopped_database_gets_quick_503s_and_service_resumes_without_a_restart(
    cluster: PrivatePostgres, couple: Couple, mode: str, record_property: Recorder
) -> None:
    checkins_before = count_checkins(couple)
    cluster.stop(mode)
    try:
        first = assert_unavailable(probe_everything(couple))
        again = assert_unavailable(probe_everything(couple))
    finally:
        restarting = time.monotonic()
        cluster.start()
    ready = time.monotonic()
    recovery = seconds_until_healthy(couple)
    record_property("seconds_for_postgres_to_start", round(ready - restarting, 3))
    record_property("max_seconds_to_503", round(max(first, again), 3))
    record_property("seconds_to_recover", round(recovery, 3))
    assert_service_resumed(couple, checkins_before)


def test_writes_stuck_behind_a_held_lock_get_503_within_the_deadline(
    cluster: PrivatePostgres, couple: Couple, record_property: Recorder
) -> None:
    """A transaction that never ends (a stuck client, a long migration) must not hang writers."""
    space = f"/spaces/{couple.space_id}"
    with psycopg.connect(cluster.url.replace("+psycopg", "")) as blocker:
        blocker.execute("SELECT id FROM space WHERE id = %s FOR UPDATE", (couple.space_id,))
        write = couple.request(couple.hurt, "POST", f"{space}/checkins", json={"felt_safety": 2})
        read = couple.request(couple.hurt, "GET", f"{space}/checkins")
        slowest = assert_unavailable([write])
        assert read.status == 200, "reads do not wait for the writers' lock"
        blocker.rollback()
    record_property("seconds_to_503", round(slowest, 3))
    written = couple.request(couple.hurt, "POST", f"{space}/checkins", json={"felt_safety": 2})
    assert written.status == 201


@pytest.mark.parametrize("write", ["check-in", "grant"])
def test_a_pool_exhausted_by_stuck_writes_answers_503_never_500(
    cluster: PrivatePostgres, couple: Couple, record_property: Recorder, write: str
) -> None:
    """More stuck writers than connections: the ones left waiting for a connection get 503 too.

    Both writes take the space lock (the grant as its first wait, the check-in with its
    membership check): behind a row stuck FOR UPDATE, none may queue two lock waits long.
    """
    writers = 50  # more than pool_size + max_overflow (40)
    space = f"/spaces/{couple.space_id}"
    if write == "check-in":
        method, path, body, done = "POST", f"{space}/checkins", {"felt_safety": 1}, 201
    else:
        me = couple.request(couple.repairing, "GET", "/auth/me").response
        assert me is not None and me.status_code == 200
        method, path = "PUT", f"{space}/consents/{me.json()['id']}/checkin_notes"
        body, done = {"granted": True}, 200
    with psycopg.connect(cluster.url.replace("+psycopg", "")) as blocker:
        blocker.execute("SELECT id FROM space WHERE id = %s FOR UPDATE", (couple.space_id,))
        with ThreadPoolExecutor(max_workers=writers) as pool:
            answers = list(
                pool.map(
                    lambda _: couple.request(couple.hurt, method, path, json=body), range(writers)
                )
            )
        blocker.rollback()
    record_property("max_seconds_to_503", round(assert_unavailable(answers), 3))
    assert couple.request(couple.hurt, method, path, json=body).status == done


def test_a_frozen_database_gets_503_within_the_deadline_and_service_resumes(
    cluster: PrivatePostgres, couple: Couple, record_property: Recorder
) -> None:
    """A hung server (SIGSTOP): new connections time out (connect_timeout) into 503s.

    The server's own connections are closed first (waiting until each has gone: a
    backend stopped before it ended would hang whoever used its connection), so
    every request needs a new one; a request on a connection that was open when the
    server hung is the case of the xfail test below.
    """
    checkins_before = count_checkins(couple)
    with psycopg.connect(cluster.url.replace("+psycopg", ""), autocommit=True) as admin:
        # Each call waits up to 5 s for the backends to exit; on a busy machine one once took
        # longer, so those still there are asked again (a precondition, not what is tested).
        for _attempt in range(3):
            ended = admin.execute(
                "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
            ).fetchall()
            if all(row[0] for row in ended):
                break
        assert all(row[0] for row in ended), "a connection outlived pg_terminate_backend's wait"
    frozen = cluster.freeze()
    try:
        slowest = assert_unavailable(probe_everything(couple))
    finally:
        cluster.thaw(frozen)
    recovery = seconds_until_healthy(couple)
    record_property("max_seconds_to_503", round(slowest, 3))
    record_property("seconds_to_recover", round(recovery, 3))
    assert_service_resumed(couple, checkins_before)


@pytest.mark.xfail(
    strict=True,
    reason=(
        "known gap: psycopg has no client-side read timeout, and a stopped server's kernel "
        "still acknowledges packets and keepalives, so a request on a pooled connection (its "
        "idle check, or its first statement) waits until the server wakes up"
    ),
)
def test_a_request_on_a_connection_open_when_the_database_froze_answers_in_time(
    cluster: PrivatePostgres, couple: Couple
) -> None:
    frozen = cluster.freeze()
    try:
        answer = couple.request(couple.visitor, "GET", "/health")
    finally:
        cluster.thaw(frozen)
    assert_unavailable([answer])


@pytest.mark.skipif(
    missing_network_namespace_reason() is not None,
    reason=str(missing_network_namespace_reason()),
)
def test_a_database_cut_off_by_the_network_gets_503_within_the_deadline(
    tmp_path: Path, record_property: Recorder
) -> None:
    """Packets to the database vanish (a partition): tcp_user_timeout ends the wait."""
    with (
        network_namespace() as link,
        private_postgres(host=link.namespace_address, netns=link.namespace) as remote,
    ):
        migrate(remote.url, tmp_path / "migrate")
        with mend_server(
            database_url=remote.url, instance=tmp_path / "instance", redis_url=None
        ) as url:
            couple = meet(url)
            checkins_before = count_checkins(couple)
            link.cut()
            try:
                slowest = assert_unavailable(probe_everything(couple))
            finally:
                link.mend()
            recovery = seconds_until_healthy(couple)
            assert_service_resumed(couple, checkins_before)
    record_property("max_seconds_to_503", round(slowest, 3))
    record_property("seconds_to_recover", round(recovery, 3))
