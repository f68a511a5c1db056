"""On a phone: every person's column of the sharing table is on screen, and scrollable
tables can be reached by keyboard."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import NewPage
from tests.e2e.steps import log_in

PHONE = {"width": 390, "height": 844}


def right_edge(locator: Any) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"]


def test_the_sharing_table_shows_the_therapist_column_on_a_phone(new_page: NewPage) -> None:
    page = new_page(**PHONE)
    log_in(page, "sam@demo.mend")
    page.goto("/sharing")
    grid = page.get_by_role("table", name="What you share with each person")
    expect(grid).to_be_visible()
    headers = grid.get_by_role("columnheader")
    expect(headers.filter(has_text="Therapist")).to_have_count(1)
    for index in range(headers.count()):
        assert right_edge(headers.nth(index)) <= PHONE["width"], headers.nth(index).inner_text()
    region = page.get_by_role("region", name="What you share with each person")
    assert region.get_attribute("tabindex") == "0"


def test_the_numbers_under_the_chart_are_reachable_by_keyboard(new_page: NewPage) -> None:
    page = new_page(**PHONE)
    log_in(page, "sam@demo.mend")
    page.get_by_text("Show the numbers").first.click()
    region = page.get_by_role("region", name="Felt safety numbers")
    expect(region).to_be_visible()
    region.focus()
    expect(region).to_be_focused()
    assert region.get_attribute("tabindex") == "0"


def test_the_repairing_home_leaves_no_blank_column_on_a_desktop(new_page: NewPage) -> None:
    page = new_page(width=1280, height=900)
    log_in(page, "alex@demo.mend")
    page.wait_for_load_state("networkidle")
    checkin = page.get_by_role("region", name="Your check-in").bounding_box()
    tell = page.get_by_role("region", name="Tell Sam something").bounding_box()
    commitments = page.get_by_role("region", name="Today’s commitments").bounding_box()
    assert checkin and tell and commitments
    # The disclosure section follows the check-in in the left column, beside the commitments.
    assert tell["x"] == checkin["x"] < commitments["x"]
    assert tell["y"] - (checkin["y"] + checkin["height"]) < 64
