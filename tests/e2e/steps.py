"""What a person does in the web app, step by step, as Playwright actions."""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.e2e.server import mailed_link

DEMO_PASSWORD = "demo-password-123"
PASSWORD = "a long and private passphrase"
_numbers = itertools.count(1)


def unique_email(name: str) -> str:
    """An address no other test uses."""
    return f"{name.lower()}-{time.time_ns()}-{next(_numbers)}@e2e.mend"


def register(page: Page, *, name: str, email: str, therapist: bool = False) -> None:
    """Create an account from the register page, open the mailed link (which logs in) and
    continue past the safety note."""
    page.goto("/register")
    if therapist:
        page.get_by_role("radio", name="I am a therapist").check()
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Check your inbox", level=1)).to_be_visible()
    # Opened in place of the "check your inbox" page, as the app keeps one history entry
    # (test_story's quick exit checks that Back shows nothing of the person's).
    link = mailed_link(origin(page), email, "/verify")
    page.evaluate("url => window.location.replace(url)", link)
    expect(page.get_by_role("heading", name="Before you begin", level=1)).to_be_visible()
    expect(page.get_by_text("Is this device safe to use?")).to_be_visible()
    page.get_by_role("link", name="I’ve read this — continue").click()


def origin(page: Page) -> str:
    """The base URL of the server the page is on."""
    parts = urlsplit(page.url)
    return f"{parts.scheme}://{parts.netloc}"


def log_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in from the login page."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def make_invite(page: Page, *, therapist: bool = False) -> str:
    """Make an invite code on the People page and read it off the screen."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    label = (
        "Make an invite code for your therapist"
        if therapist
        else "Make an invite code for your partner"
    )
    page.get_by_role("button", name=label).click()
    code = page.get_by_label("Invite code").inner_text().strip()
    assert code, "no invite code shown"
    return code


def join(page: Page, code: str) -> None:
    """Join a space with an invite code (partner: onboarding page; therapist: join page)."""
    page.get_by_role("textbox", name="Invite code").fill(code)
    page.get_by_role("button", name="Join").click()


def open_nav(page: Page, name: str) -> None:
    """Follow a link in the main navigation."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def shoot(page: Page, folder: Path, name: str) -> None:
    """Save a full-page screenshot for the test artifacts."""
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def section(page: Page, title: str | re.Pattern[str]) -> Any:
    """The page section (card) with this heading."""
    return page.get_by_role("region", name=title)
