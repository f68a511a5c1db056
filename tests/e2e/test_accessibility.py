"""Every main page passes an axe-core WCAG 2.2 AA scan (no serious or critical violations),
works at phone width without sideways scrolling, and is screenshotted for the artifacts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import AXE, describe, scan
from tests.e2e.conftest import NewPage
from tests.e2e.steps import log_in, register, shoot, unique_email

PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _axe_available() -> None:
    """axe-core comes with the web app's packages (npm ci in frontend/)."""
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (run npm ci in frontend/)")


def check(page: Any, artifacts: Path, name: str) -> None:
    """Wait for the page to settle, save a screenshot, and scan it."""
    page.wait_for_load_state("networkidle")
    expect(
        page.get_by_role("status").filter(has_text=re.compile("Loading|Opening|Checking"))
    ).to_have_count(0)
    shoot(page, artifacts, name)
    violations = scan(page)
    assert not violations, f"{name}:\n{describe(violations)}"


def no_sideways_scroll(page: Any, name: str) -> None:
    """At phone width the page fits: nothing needs scrolling sideways."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px wider than the screen"


SIZES = {"desktop": {}, "phone": PHONE}
LOGGED_OUT_PAGES = [
    ("/login", "Welcome to Mend"),
    ("/register", "Create your account"),
    ("/check-inbox", "Check your inbox"),
    ("/forgot-password", "Choose a new password"),
    ("/reset-password", "Choose a new password"),
    ("/help", "Safety and help"),
]


def check_pages(page: Any, artifacts: Path, pages: list[tuple[str, str]], prefix: str) -> None:
    """Open each page, wait for its heading, and scan it."""
    for path, heading in pages:
        page.goto(path)
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        check(page, artifacts, f"{prefix}{path.replace('/', '-') if path != '/' else '-home'}")


def open_first_commitment(page: Any) -> None:
    """From the commitments page to the first commitment's own page."""
    page.goto("/commitments")
    page.get_by_role("region", name="All commitments").get_by_role("heading").get_by_role(
        "link"
    ).first.click()
    expect(page.get_by_role("heading", name="Commitment", level=1)).to_be_visible()


def open_first_disclosure(page: Any) -> None:
    """From the record to the first disclosure's own page."""
    page.goto("/record")
    page.get_by_role("main").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Disclosure", level=1)).to_be_visible()


@pytest.mark.parametrize("size", SIZES)
def test_pages_for_someone_logged_out(new_page: NewPage, artifacts: Path, size: str) -> None:
    page = new_page(bypass_csp=True, **SIZES[size])
    check_pages(page, artifacts, LOGGED_OUT_PAGES, f"a11y-{size}-logged-out")


@pytest.mark.parametrize("size", SIZES)
def test_onboarding_pages(new_page: NewPage, artifacts: Path, size: str) -> None:
    page = new_page(bypass_csp=True, **SIZES[size])
    register(page, name="Avery", email=unique_email("avery"))
    expect(page.get_by_role("heading", name="Set up your shared space", level=1)).to_be_visible()
    check(page, artifacts, f"a11y-{size}-onboarding")
    page.get_by_role("button", name="Yes, I have a code").click()
    check(page, artifacts, f"a11y-{size}-onboarding-join")
    page.get_by_role("button", name="No, we are starting here").click()
    check(page, artifacts, f"a11y-{size}-onboarding-start")
    page.goto("/welcome")
    check(page, artifacts, f"a11y-{size}-welcome")


HURT_PAGES = [
    ("/", "Hello, Sam"),
    ("/record", "The record"),
    ("/commitments", "Commitments"),
    ("/reviews", "Reports to review"),
    ("/sharing", "Sharing and privacy"),
    ("/people", "People in your space"),
    ("/account", "Your account"),
    ("/help", "Safety and help"),
]
REPAIRING_PAGES = [
    ("/", "Hello, Alex"),
    ("/record", "The record"),
    ("/commitments", "Commitments"),
    ("/sharing", "Sharing and privacy"),
    ("/people", "People in your space"),
    ("/account", "Your account"),
]


@pytest.mark.parametrize("size", SIZES)
def test_hurt_partner_pages(new_page: NewPage, artifacts: Path, size: str) -> None:
    page = new_page(bypass_csp=True, **SIZES[size])
    log_in(page, "sam@demo.mend")
    check_pages(page, artifacts, HURT_PAGES, f"a11y-{size}-hurt")
    open_first_disclosure(page)
    check(page, artifacts, f"a11y-{size}-hurt-disclosure")
    open_first_commitment(page)
    check(page, artifacts, f"a11y-{size}-hurt-commitment")


@pytest.mark.parametrize("size", SIZES)
def test_repairing_partner_pages(new_page: NewPage, artifacts: Path, size: str) -> None:
    page = new_page(bypass_csp=True, **SIZES[size])
    log_in(page, "alex@demo.mend")
    check_pages(page, artifacts, REPAIRING_PAGES, f"a11y-{size}-repairing")
    page.goto("/")
    page.get_by_role("button", name="Write a disclosure").click()
    check(page, artifacts, f"a11y-{size}-repairing-disclosure-form")
    open_first_disclosure(page)
    check(page, artifacts, f"a11y-{size}-repairing-disclosure")
    open_first_commitment(page)
    check(page, artifacts, f"a11y-{size}-repairing-commitment")


@pytest.mark.parametrize("size", SIZES)
def test_therapist_pages(new_page: NewPage, artifacts: Path, size: str) -> None:
    page = new_page(bypass_csp=True, **SIZES[size])
    log_in(page, "dr.rivera@demo.mend")
    expect(page.get_by_role("heading", name="Your caseload", level=1)).to_be_visible()
    check(page, artifacts, f"a11y-{size}-therapist-caseload")
    page.get_by_role("main").get_by_role("link", name="Sam & Alex").click()
    expect(page.get_by_role("heading", name="Sam & Alex", level=1)).to_be_visible()
    check(page, artifacts, f"a11y-{size}-therapist-couple")
    page.goto("/join")
    check(page, artifacts, f"a11y-{size}-therapist-join")
    page.goto("/account")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check(page, artifacts, f"a11y-{size}-therapist-account")


@pytest.mark.parametrize("email", ["sam@demo.mend", "alex@demo.mend", "dr.rivera@demo.mend"])
def test_home_fits_a_phone_screen(new_page: NewPage, artifacts: Path, email: str) -> None:
    page = new_page(**PHONE)
    log_in(page, email)
    page.wait_for_load_state("networkidle")
    name = f"phone-{email.split('@')[0].replace('.', '-')}-home"
    shoot(page, artifacts, name)
    no_sideways_scroll(page, name)
    expect(page.get_by_role("button", name=re.compile("Quick exit"))).to_be_in_viewport()
