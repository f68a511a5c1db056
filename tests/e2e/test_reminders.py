"""Reminders in the browser: turning them on from the account page, and they stay on."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import NewPage
from tests.e2e.steps import open_nav, register, section, start_space, unique_email


def test_a_partner_turns_on_a_check_in_reminder_with_quiet_hours(new_page: NewPage) -> None:
    page = new_page()
    register(page, name="Sky", email=unique_email("sky"))
    start_space(page)
    page.get_by_role("radio", name=re.compile("I was hurt")).check()
    page.get_by_role("button", name="Create our space").click()
    expect(page.get_by_role("heading", name="Hello, Sky", level=1)).to_be_visible()

    open_nav(page, "Account")
    reminders = section(page, "Reminders")
    expect(reminders.get_by_label("Remind me to check in")).not_to_be_checked()
    expect(reminders.get_by_label(re.compile("commitment report"))).to_have_count(0)
    reminders.get_by_label("Remind me to check in").check()
    reminders.get_by_label("Check-in reminder time").fill("08:15")
    reminders.get_by_label(re.compile("Keep quiet at night")).check()
    reminders.get_by_role("button", name="Save my reminders").click()
    expect(reminders.get_by_text("Your reminders are saved.")).to_be_visible()

    page.reload()
    reminders = section(page, "Reminders")
    expect(reminders.get_by_label("Remind me to check in")).to_be_checked()
    expect(reminders.get_by_label("Check-in reminder time")).to_have_value("08:15")
    expect(reminders.get_by_label(re.compile("Keep quiet at night"))).to_be_checked()
    saved = page.evaluate(
        "() => fetch('/api/v1/account/reminders').then((response) => response.json())"
    )
    assert saved["checkin"]["enabled"] is True and saved["checkin"]["time"] == "08:15"
    assert saved["quiet_hours"] == {"from": "22:00", "to": "07:00"}
