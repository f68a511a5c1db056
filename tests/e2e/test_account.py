"""Leaving, exporting and deleting: each person can do it alone, from the web app."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import NewPage
from tests.e2e.steps import PASSWORD, open_nav, register, shoot, start_space, unique_email


def test_a_partner_exports_their_data_leaves_and_deletes_their_account(
    new_page: NewPage, artifacts: Path
) -> None:
    page = new_page()
    register(page, name="Riley", email=unique_email("riley"))
    start_space(page)
    page.get_by_role("radio", name=re.compile("I broke trust")).check()
    page.get_by_role("button", name="Create our space").click()
    expect(page.get_by_role("heading", name="Hello, Riley", level=1)).to_be_visible()

    open_nav(page, "Account")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my data").click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["user"]["display_name"] == "Riley"
    expect(page.get_by_text(re.compile("is downloading"))).to_be_visible()

    page.get_by_role("button", name="Leave the space…").click()
    page.get_by_role("button", name="Yes, leave the space").click()
    expect(page.get_by_role("heading", name="Set up your shared space", level=1)).to_be_visible()

    open_nav(page, "Account")
    page.get_by_role("button", name="Delete my account…").click()
    page.get_by_label("Your password, to confirm").fill("not my password")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_label("Your password, to confirm")).to_have_accessible_description(
        re.compile("That password doesn't match")
    )
    shoot(page, artifacts, "account-delete-wrong-password")
    page.get_by_label("Your password, to confirm").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("Your account has been deleted.")).to_be_visible()
    expect(page.get_by_role("heading", name="Welcome to Mend", level=1)).to_be_visible()
