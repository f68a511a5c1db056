"""Where you're signed in: a person sees their devices and signs a lost one out."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.axe import AXE, describe, scan
from tests.e2e.conftest import NewPage
from tests.e2e.steps import PASSWORD, log_in, open_nav, section, shoot, unique_email


def make_account(page: Any, name: str) -> str:
    """Register an account through the API from this browser (it needs no verifying to log in)."""
    email = unique_email(name)
    token = page.request.get("/api/v1/auth/csrf").json()["csrf_token"]
    body = {"email": email, "password": PASSWORD, "display_name": name, "account_type": "partner"}
    response = page.request.post("/api/v1/auth/register", data=body, headers={"X-CSRFToken": token})
    assert response.status in (201, 202), response.text()
    return email


def test_a_person_signs_out_another_device_from_the_account_page(
    new_page: NewPage, artifacts: Path
) -> None:
    laptop = new_page(bypass_csp=True)
    email = make_account(laptop, "Jordan")
    log_in(laptop, email, PASSWORD)
    lost_phone = new_page(width=390, height=844)
    log_in(lost_phone, email, PASSWORD)

    open_nav(laptop, "Account")
    sessions = section(laptop, "Where you’re signed in")
    expect(sessions.get_by_role("listitem")).to_have_count(2)
    # Newest first: the phone that just signed in, then this laptop.
    expect(sessions.get_by_role("listitem").first).not_to_contain_text("This device")
    expect(sessions.get_by_role("listitem").last).to_contain_text("This device")
    expect(sessions.get_by_role("listitem").first).to_contain_text("Chrome on Linux")
    shoot(laptop, artifacts, "account-sessions")
    if AXE.is_file():
        violations = scan(laptop)
        assert not violations, describe(violations)

    sessions.get_by_role("button", name=re.compile(r"^Sign out: Chrome on Linux")).click()

    expect(sessions.get_by_role("listitem")).to_have_count(1)
    expect(sessions.get_by_role("listitem")).to_contain_text("This device")
    expect(sessions.get_by_role("status")).to_contain_text("has been signed out")
    lost_phone.reload()
    expect(lost_phone.get_by_role("heading", name="Welcome to Mend", level=1)).to_be_visible()
    laptop.reload()
    expect(laptop.get_by_role("heading", name="Your account", level=1)).to_be_visible()


def test_signing_out_here_returns_to_the_login_page(new_page: NewPage) -> None:
    page = new_page()
    log_in(page, make_account(page, "Casey"), PASSWORD)
    open_nav(page, "Account")
    page.get_by_role("button", name=re.compile(r"^Sign out here")).click()
    expect(page.get_by_role("heading", name="Welcome to Mend", level=1)).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Welcome to Mend", level=1)).to_be_visible()
