"""Quick exit in every state: the session ends, Back shows nothing of Mend, unsent words wait.

And the browser's Back button inside Mend steps up a page instead of silently leaving.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import NewPage
from tests.e2e.steps import log_in, open_nav
from tests.live.servers import wait_until

WORDS = "Something I was not ready to send yet"


def open_checkin_form(page) -> None:  # type: ignore[no-untyped-def]
    """Today's check-in form on home (after any check-in made today, 'add another')."""
    another = page.get_by_role("button", name="Add another check-in")
    note = page.get_by_label("In your own words")
    expect(note.or_(another)).to_be_visible()
    if another.is_visible():
        another.click()


def test_quick_exit_before_any_save_ends_the_session_and_keeps_the_draft(
    new_page: NewPage, base_url: str, quick_exit_url: str
) -> None:
    page = new_page()
    log_in(page, "sam@demo.mend")
    open_checkin_form(page)
    note = page.get_by_label("In your own words")
    note.fill(WORDS)
    # Escape twice while typing: Mend goes at once, nothing was saved since logging in.
    note.press("Escape")
    note.press("Escape")
    page.wait_for_url(quick_exit_url)
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    assert not page.url.startswith(base_url)

    # The session is over on the server, not only on the screen. The page leaves at once
    # and ends it in the background (a keepalive request that outlives the page), so that
    # request may land a moment after the neutral page shows: wait for it, briefly.
    me = f"{base_url}/api/v1/auth/me"
    assert wait_until(lambda: page.request.get(me).status == 401, timeout=5), "still signed in"

    # Back reaches Mend's entry, which leaves again before showing anything.
    page.go_back()
    page.wait_for_url(quick_exit_url)
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    expect(page.get_by_text(WORDS)).to_have_count(0)

    # Coming back on purpose and logging in again, the unsent words are there, and said to be.
    log_in(page, "sam@demo.mend")
    expect(page.get_by_text("We kept what you were writing before.")).to_be_visible()
    expect(page.get_by_label("In your own words")).to_have_value(WORDS)


def test_back_inside_mend_steps_up_a_page_and_warns_before_leaving(new_page: NewPage) -> None:
    page = new_page()
    page.goto("about:blank")
    log_in(page, "alex@demo.mend")
    open_nav(page, "Record")
    expect(page.get_by_role("heading", name="The record", level=1)).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name="Hello, Alex", level=1)).to_be_visible()
    page.go_back()
    expect(page.get_by_text("Press Back again to leave Mend")).to_be_visible()
    expect(page.get_by_role("heading", name="Hello, Alex", level=1)).to_be_visible()
    page.go_back()
    page.wait_for_url("about:blank")


def test_an_unsent_disclosure_waits_open_after_a_quick_exit(
    new_page: NewPage, quick_exit_url: str
) -> None:
    page = new_page()
    log_in(page, "alex@demo.mend")
    page.get_by_role("button", name="Write a disclosure").click()
    body = page.get_by_label("What happened, and how it affected you both")
    body.fill("The part I have not said yet")
    page.get_by_role("button", name="Quick exit").click()
    page.wait_for_url(quick_exit_url)

    log_in(page, "alex@demo.mend")
    expect(page.get_by_label("What happened, and how it affected you both")).to_have_value(
        "The part I have not said yet"
    )
    expect(page.get_by_text("We kept what you were writing before.")).to_be_visible()
