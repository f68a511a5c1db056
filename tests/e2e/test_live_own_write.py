"""The tab that writes refetches once: its own answer refreshes the list, and the server
does not echo the write's live event back to it. The author's other tab still hears."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import NewPage
from tests.e2e.steps import join, make_invite, open_nav, register, start_space, unique_email

COMMITMENT_LIST = re.compile(r"/api/v1/spaces/\d+/commitments(\?|$)")
SETTLE_MS = 2000  # for a live event (and any refetch it causes) to arrive


def fetches(page: Any, pattern: re.Pattern[str]) -> list[str]:
    """The GETs matching pattern that page makes from now on."""
    seen: list[str] = []

    def note(request: Any) -> None:
        if request.method == "GET" and pattern.search(request.url):
            seen.append(request.url)

    page.on("request", note)
    return seen


def wait_for(condition: Callable[[], bool], page: Any, timeout_ms: int = 10_000) -> bool:
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline and not condition():
        page.wait_for_timeout(100)
    return condition()


def test_the_writing_tab_refetches_once_and_the_authors_other_tab_hears(
    new_page: NewPage,
) -> None:
    hurt, repairing = new_page(), new_page()
    register(hurt, name="Morgan", email=unique_email("morgan"))
    start_space(hurt)
    hurt.get_by_role("radio", name=re.compile("I was hurt")).check()
    hurt.get_by_label("A name for your space").fill("Morgan and Jordan")
    hurt.get_by_role("button", name="Create our space").click()
    code = make_invite(hurt)
    register(repairing, name="Jordan", email=unique_email("jordan"))
    join(repairing, code)
    expect(repairing.get_by_role("heading", name="Hello, Jordan", level=1)).to_be_visible()

    # The same person in a second tab; both on the commitments page, both connected.
    other_tab = repairing.context.new_page()
    other_tab.goto("/")
    polls = {
        page: fetches(page, re.compile(r"/socket\.io/.*sid=")) for page in (repairing, other_tab)
    }
    for page in (repairing, other_tab):
        open_nav(page, "Commitments")
        expect(page.get_by_role("heading", name="Commitments", level=1)).to_be_visible()
    open_nav(hurt, "Commitments")
    writing, other, partner = (
        fetches(page, COMMITMENT_LIST) for page in (repairing, other_tab, hurt)
    )
    for page in (repairing, other_tab):
        page.reload()  # a fresh socket, seen connecting
        expect(page.get_by_role("heading", name="Commitments", level=1)).to_be_visible()
        assert wait_for(lambda page=page: bool(polls[page]), page), "no live socket"
    repairing.wait_for_timeout(SETTLE_MS)
    writing.clear(), other.clear(), partner.clear()

    repairing.get_by_role("button", name="Make a commitment").click()
    repairing.get_by_label("I will…").fill("Keep my phone open to you")
    repairing.get_by_role("button", name="Make this commitment").click()
    expect(repairing.get_by_role("heading", name="Keep my phone open to you")).to_be_visible()

    assert wait_for(lambda: bool(other), other_tab), "the author's other tab heard nothing"
    assert wait_for(lambda: bool(partner), hurt), "the partner heard nothing"
    repairing.wait_for_timeout(SETTLE_MS)
    assert len(writing) == 1, writing
    assert len(other) == len(partner) == 1, (other, partner)
    expect(other_tab.get_by_role("heading", name="Keep my phone open to you")).to_be_visible()
