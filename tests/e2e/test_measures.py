"""Questionnaires in the browser: a partner answers one question per screen on a phone, by
keyboard alone, and a therapist reads the series with its cut-off (each screen axe-scanned)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import AXE
from tests.e2e.conftest import NewPage
from tests.e2e.steps import log_in
from tests.e2e.test_accessibility import PHONE, check, no_sideways_scroll


@pytest.fixture(autouse=True)
def _axe_available() -> None:
    """axe-core comes with the web app's packages (npm ci in frontend/)."""
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (run npm ci in frontend/)")


def test_a_partner_answers_the_phq2_on_a_phone_by_keyboard(
    new_page: NewPage, artifacts: Path
) -> None:
    page = new_page(**PHONE, bypass_csp=True)
    log_in(page, "jordan@demo.mend")
    section = page.get_by_role("region", name="Short questionnaires")
    section.get_by_role("button", name="Answer the PHQ-2").click()

    first = page.get_by_role("group", name="Little interest or pleasure in doing things")
    expect(first).to_be_visible()
    expect(page.get_by_text("Feeling down, depressed, or hopeless")).to_have_count(0)
    check(page, artifacts, "measures-question-1")
    no_sideways_scroll(page, "measures-question-1")
    page.keyboard.press("Tab")  # from the question to its first answer
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(first.get_by_role("radio", name="Nearly every day")).to_be_checked()
    page.keyboard.press("Enter")  # Next

    second = page.get_by_role("group", name="Feeling down, depressed, or hopeless")
    expect(second).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(second.get_by_role("radio", name="More than half the days")).to_be_checked()
    page.keyboard.press("Enter")  # Send my answers

    expect(page.get_by_role("heading", name="Thank you for answering")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Your PHQ-2 score is\s*5"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("have to carry this alone"))).to_be_visible()
    check(page, artifacts, "measures-support")
    no_sideways_scroll(page, "measures-support")


def test_the_therapist_sees_the_series_with_its_cutoff_and_reliable_change(
    new_page: NewPage, artifacts: Path
) -> None:
    page = new_page(bypass_csp=True)
    log_in(page, "dr.rivera@demo.mend")
    priya = page.get_by_role("article").filter(has_text="Priya & Tom")
    expect(priya.get_by_text(re.compile("a reliable change for the worse"))).to_be_visible()
    expect(
        priya.get_by_text("Priya CSI-4 10 (past cut-off, reliably worse)", exact=False)
    ).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Priya & Tom").click()
    expect(page.get_by_role("heading", name="Priya & Tom", level=1)).to_be_visible()

    section = page.get_by_role("region", name="Questionnaires")
    chart = section.get_by_role("img", name=re.compile(r"Priya's CSI-4 scores.*Cut-off 13\.5"))
    expect(chart).to_be_visible()
    expect(section.get_by_text("A reliable change.").first).to_be_visible()
    not_shared = section.get_by_text(re.compile("Tom hasn’t shared their questionnaires"))
    expect(not_shared).to_be_visible()
    check(page, artifacts, "measures-therapist-couple")
