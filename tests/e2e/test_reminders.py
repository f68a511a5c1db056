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


def test_a_partner_turns_on_activity_notices_and_mutes_them(new_page: NewPage) -> None:
    page = new_page()
    register(page, name="Rowan", email=unique_email("rowan"))
    start_space(page)
    page.get_by_role("radio", name=re.compile("I was hurt")).check()
    page.get_by_role("button", name="Create our space").click()
    expect(page.get_by_role("heading", name="Hello, Rowan", level=1)).to_be_visible()

    open_nav(page, "Account")
    reminders = section(page, "Reminders")
    expect(reminders.get_by_label(re.compile("weekly digest"))).to_have_count(0)
    notices = reminders.get_by_label(re.compile("Tell me when something new"))
    expect(notices).not_to_be_checked()
    notices.focus()
    page.keyboard.press("Space")  # by keyboard alone
    expect(notices).to_be_checked()
    reminders.get_by_role("button", name="Save my reminders").click()
    expect(reminders.get_by_text("Your reminders are saved.")).to_be_visible()

    reminders.get_by_label("Mute notices for").select_option("7")
    reminders.get_by_role("button", name="Mute notices").click()
    expect(reminders.get_by_text(re.compile("Notices are muted until"))).to_be_visible()

    page.reload()
    reminders = section(page, "Reminders")
    expect(reminders.get_by_label(re.compile("Tell me when something new"))).to_be_checked()
    expect(reminders.get_by_text(re.compile("Notices are muted until"))).to_be_visible()
    saved = page.evaluate(
        "() => fetch('/api/v1/account/reminders').then((response) => response.json())"
    )
    assert saved["activity"]["enabled"] is True
    assert saved["activity"]["muted_until"] is not None

    # Saving the other choices keeps the mute; unmuting ends it.
    reminders.get_by_role("button", name="Save my reminders").click()
    expect(reminders.get_by_text("Your reminders are saved.")).to_be_visible()
    expect(reminders.get_by_text(re.compile("Notices are muted until"))).to_be_visible()
    reminders.get_by_role("button", name="Unmute notices").click()
    expect(reminders.get_by_role("button", name="Mute notices")).to_be_visible()


def test_a_therapist_sees_the_weekly_digest_and_not_the_partner_reminders(
    new_page: NewPage,
) -> None:
    page = new_page()
    register(page, name="Dr. Quinn", email=unique_email("quinn"), therapist=True)

    page.goto("/account")
    reminders = section(page, "Reminders")
    expect(reminders.get_by_label("Remind me to check in")).to_have_count(0)
    expect(reminders.get_by_label(re.compile("Tell me when something new"))).to_have_count(0)
    reminders.get_by_label(re.compile("Send me a weekly digest")).check()
    reminders.get_by_label("Digest day").select_option("fri")
    reminders.get_by_label("Digest time").fill("16:30")
    reminders.get_by_role("button", name="Save my reminders").click()
    expect(reminders.get_by_text("Your reminders are saved.")).to_be_visible()

    saved = page.evaluate(
        "() => fetch('/api/v1/account/reminders').then((response) => response.json())"
    )
    assert saved["digest"] == {"enabled": True, "day": "fri", "time": "16:30"}
