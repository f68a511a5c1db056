"""Production as deployed, without Docker (helpers in tests/topology): a TLS proxy and
nginx (deploy/nginx.conf) in front of two app processes started with the Dockerfile's
command, one worker (`mend worker`), PostgreSQL and a private Redis.

A browser at the proxy's origin logs in, receives live events written through either
process, and keeps working through a kill -9 of one of them. Also measured: how the
proxy spreads browsers that share one address.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from playwright.sync_api import expect

from tests.builders import PASSWORD, unique_email
from tests.live.servers import Person, wait_until
from tests.mail.smtp import MailServer
from tests.topology.production import (
    Stack,
    https_person,
    mail_server,
    production_stack,
    topology_database,
)
from tests.topology.stack import kill

pytestmark = pytest.mark.slow
LIVE = 10_000  # ms for a live event to reach the open page
SPREAD_CLIENTS = 40


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database."""
    with topology_database(tmp_path) as url:
        yield url


@pytest.fixture
def smtp_server() -> Iterator[MailServer]:
    """The mail server the worker sends to."""
    with mail_server() as server:
        yield server


@pytest.fixture
def stack(database_url: str, smtp_server: MailServer, tmp_path: Path) -> Iterator[Stack]:
    """The whole topology (two apps, one worker), its mail going to smtp_server."""
    with production_stack(tmp_path, database_url=database_url, smtp_url=smtp_server.url) as up:
        yield up


def couple(origin: str, certificate: Path) -> tuple[str, Person, int]:
    """Morgan (hurt) and Jordan (repairing) in one space, through the proxies.

    Returns Morgan's email, Jordan (logged in) and the space id."""
    morgan, jordan = https_person(origin, certificate), https_person(origin, certificate)
    email = unique_email("morgan")
    for person, name, address in ((morgan, "Morgan", email), (jordan, "Jordan", None)):
        body = {
            "email": address or unique_email(name),
            "password": PASSWORD,
            "display_name": name,
            "account_type": "partner",
        }
        assert person.call("POST", "/auth/register", json=body).status_code == 202
        # Registering never logs in (the address is confirmed by mail); signing in does.
        login = {"email": body["email"], "password": PASSWORD}
        assert person.call("POST", "/auth/login", json=login).status_code == 200
    space_id = morgan.call("POST", "/spaces", json={"my_role": "hurt"}).json()["id"]
    invite = morgan.call("POST", f"/spaces/{space_id}/invites", json={"role": "repairing"}).json()
    assert jordan.call("POST", "/invites/accept", json={"code": invite["code"]}).ok
    return email, jordan, space_id


def disclose(jordan: Person, route: str, space_id: int, title: str) -> None:
    """Jordan writes a disclosure through the proxies, to the app process `route` leads to."""
    cookies = jordan.http.cookies
    for cookie in [cookie for cookie in cookies if cookie.name == "mend_route"]:
        cookies.clear(cookie.domain, cookie.path, cookie.name)
    cookies.set("mend_route", route)
    body = {"title": title, "body": "The whole truth.", "category": "other"}
    response = jordan.call("POST", f"/spaces/{space_id}/disclosures", json=body)
    assert response.status_code == 201, response.text


def served_by(logs: list[Path], marker: str, *, total: int) -> list[int]:
    """How many of `total` requests for `marker` each app's access log shows."""
    counts = lambda: [log.read_text().count(marker) for log in logs]  # noqa: E731
    wait_until(lambda: sum(counts()) >= total, timeout=5)
    return counts()


def routes_to_each_app(origin: str, certificate: Path, logs: list[Path]) -> list[str]:
    """A `mend_route` cookie value that nginx sends to each app, found by trying some."""
    found: dict[int, str] = {}
    for number in range(64):
        route = f"probe-{number}"
        requests.get(
            f"{origin}/api/v1/health?route={route}",
            cookies={"mend_route": route},
            verify=str(certificate),
            timeout=5,
        ).raise_for_status()
        counts = served_by(logs, f"route={route} ", total=1)
        found.setdefault(counts.index(1), route)
        if len(found) == len(logs):
            return [found[index] for index in range(len(logs))]
    raise AssertionError(f"nginx sent every probe to one app: {found}")


def test_a_browser_behind_nginx_gets_live_events_from_both_processes_and_survives_a_kill(
    browser: Any, stack: Stack
) -> None:
    origin, certificate, logs, (one, two) = stack.origin, stack.certificate, stack.logs, stack.apps
    # Browsers behind one address are spread over both processes; one browser stays put.
    for number in range(SPREAD_CLIENTS):
        url = f"{origin}/api/v1/health?spread={number}"
        requests.get(url, verify=str(certificate), timeout=5).raise_for_status()
    spread = served_by(logs, "/api/v1/health?spread=", total=SPREAD_CLIENTS)
    one_browser = requests.Session()
    for _ in range(10):
        url = f"{origin}/api/v1/health?sticky"
        one_browser.get(url, verify=str(certificate), timeout=5).raise_for_status()
    print(f"\n{SPREAD_CLIENTS} cookie-less clients from one address, per process: {spread}")
    assert min(spread) >= SPREAD_CLIENTS // 8
    assert sorted(served_by(logs, "/api/v1/health?sticky", total=10)) == [0, 10]
    routes = routes_to_each_app(origin, certificate, logs)

    email, jordan, space_id = couple(origin, certificate)
    context = browser.new_context(
        base_url=origin, timezone_id="Europe/London", ignore_https_errors=True
    )
    context.set_default_timeout(LIVE)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    new_from_jordan = page.get_by_role("region", name="New from Jordan")
    expect(new_from_jordan.get_by_text("Nothing new to read.")).to_be_visible()

    # Written through each process in turn: one of them is not the browser's.
    for index, route in enumerate(routes):
        disclose(jordan, route, space_id, f"Written through app {index + 1}")
        expect(new_from_jordan.get_by_text(f"Written through app {index + 1}")).to_be_visible()
    assert served_by(logs, f"POST /api/v1/spaces/{space_id}/disclosures", total=2) == [1, 1]

    # kill -9 the process holding the browser's socket; the browser carries on with the other.
    sockets = served_by(logs, "GET /socket.io/", total=1)
    assert sockets.count(0) == 1, f"one browser, one process: {sockets}"
    holder = 0 if sockets[0] else 1
    kill((one, two)[holder])
    disclose(jordan, routes[1 - holder], space_id, "Written after a process died")
    expect(new_from_jordan.get_by_text("Written after a process died")).to_be_visible()
    page.reload()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(new_from_jordan.get_by_text("Written through app 1")).to_be_visible()
    context.close()
