"""The whole story in three browsers: a couple pairs, invites a therapist, and works in the open.

Each person has their own browser context (their own cookies, like their own
device). What one does appears in the others' open pages through the live
event stream, without reloading.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import NewPage
from tests.e2e.steps import (
    join,
    make_invite,
    open_nav,
    register,
    section,
    shoot,
    start_space,
    unique_email,
)

LIVE = 10_000  # ms to wait for a live update to reach another browser


def test_a_couple_and_their_therapist_work_through_mend(new_page: NewPage, artifacts: Path) -> None:
    hurt, repairing, therapist = new_page(), new_page(), new_page()

    # The hurt partner registers, reads the safety note, and starts a space.
    register(hurt, name="Morgan", email=unique_email("morgan"))
    expect(hurt.get_by_role("heading", name="Set up your shared space")).to_be_visible()
    start_space(hurt)
    hurt.get_by_role("radio", name=re.compile("I was hurt")).check()
    hurt.get_by_label("A name for your space").fill("Morgan and Jordan")
    hurt.get_by_role("button", name="Create our space").click()
    expect(hurt.get_by_role("heading", name="Hello, Morgan", level=1)).to_be_visible()
    expect(hurt.get_by_text("Your partner hasn’t joined yet.")).to_be_visible()
    partner_code = make_invite(hurt)

    # The repairing partner registers and joins with the code.
    register(repairing, name="Jordan", email=unique_email("jordan"))
    join(repairing, partner_code)
    expect(repairing.get_by_role("heading", name="Hello, Jordan", level=1)).to_be_visible()

    # The hurt partner invites a therapist, who joins and sees nothing yet.
    therapist_code = make_invite(hurt, therapist=True)
    register(therapist, name="Dr. Okafor", email=unique_email("okafor"), therapist=True)
    expect(therapist.get_by_role("heading", name="Your caseload", level=1)).to_be_visible()
    open_nav(therapist, "Join a couple")
    join(therapist, therapist_code)
    # Jordan did not invite them: until Jordan approves, no names and nothing else (rule 9).
    expect(therapist.get_by_role("heading", name="Awaiting approval", level=1)).to_be_visible()
    expect(therapist.get_by_text("Morgan")).to_have_count(0)
    open_nav(repairing, "People")
    repairing.get_by_role("button", name="Approve Dr. Okafor").click()
    expect(repairing.get_by_text("Waiting for approval")).to_have_count(0)
    # The therapist's open page follows, live.
    expect(therapist.get_by_role("heading", name="Morgan and Jordan", level=1)).to_be_visible()
    open_nav(repairing, "Home")
    felt_safety = section(therapist, "Morgan’s felt safety")
    expect(felt_safety.get_by_text("Not shared", exact=True)).to_be_visible()

    # A disclosure appears live on the hurt partner's open home page.
    open_nav(hurt, "Home")
    expect(section(hurt, "New from Jordan").get_by_text("Nothing new to read.")).to_be_visible()
    repairing.get_by_role("button", name="Write a disclosure").click()
    repairing.get_by_label("In a few words, what is this about?").fill("The messages I deleted")
    repairing.get_by_label("What happened, and how it affected you both").fill(
        "I deleted messages before you looked at my phone. It made you doubt what you saw."
    )
    repairing.get_by_role("button", name="Share this with Morgan").click()
    expect(repairing.get_by_text("Saved and shared.")).to_be_visible()
    new_from_jordan = section(hurt, "New from Jordan")
    expect(new_from_jordan.get_by_text("The messages I deleted")).to_be_visible(timeout=LIVE)
    new_from_jordan.get_by_role("button", name="I have taken this in").click()
    expect(new_from_jordan.get_by_text("Nothing new to read.")).to_be_visible()

    # The hurt partner checks in.
    checkin = section(hurt, "How are you today?")
    checkin.get_by_role("group", name=re.compile("How safe do you feel")).get_by_role(
        "radio", name="3"
    ).check()
    checkin.get_by_role("button", name="anxious").click()
    checkin.get_by_role("button", name="Save my check-in").click()
    expect(checkin.get_by_text("You checked in today. Thank you.")).to_be_visible()
    shoot(hurt, artifacts, "story-hurt-home")

    # The repairing partner makes a commitment and reports today as kept.
    open_nav(repairing, "Commitments")
    repairing.get_by_role("button", name="Make a commitment").click()
    repairing.get_by_label("I will…").fill(
        "Tell you the same day if anyone from that time contacts me"
    )
    repairing.get_by_role("button", name="Make this commitment").click()
    repairing.get_by_role(
        "link", name="Tell you the same day if anyone from that time contacts me"
    ).click()
    expect(repairing.get_by_role("heading", name="Commitment", level=1)).to_be_visible()
    open_nav(repairing, "Home")
    today = section(repairing, "Today’s commitments")
    today.get_by_role("radio", name="Kept", exact=True).check()
    today.get_by_role("button", name="Report").click()
    expect(today.get_by_text("Kept", exact=True)).to_be_visible()
    repairing.get_by_role(
        "link", name="Tell you the same day if anyone from that time contacts me"
    ).click()
    checks = section(repairing, "Check-ins")
    expect(checks.get_by_text("Kept", exact=True)).to_be_visible()

    # The hurt partner sees the report live and disputes it; the dispute reaches the other live.
    reports = section(hurt, "Jordan’s recent reports")
    expect(
        reports.get_by_text("Tell you the same day if anyone from that time contacts me")
    ).to_be_visible(timeout=LIVE)
    reports.get_by_role("button", name="That doesn’t match what I saw…").click()
    reports.get_by_label("What doesn’t ring true?").fill("You were texting late on Tuesday.")
    reports.get_by_role("button", name="Send my dispute").click()
    expect(reports.get_by_text("Nothing waiting for you.")).to_be_visible()
    expect(checks.get_by_text("Morgan disputed this")).to_be_visible(timeout=LIVE)
    shoot(repairing, artifacts, "story-repairing-commitment")

    # Sharing check-in scores with the therapist shows the chart on their open page, live.
    open_nav(hurt, "Sharing")
    hurt.get_by_role("switch", name="Share Check-in scores with Dr. Okafor").click()
    hurt.get_by_role("radio", name="For one week").check()
    hurt.get_by_role("button", name="Share", exact=True).click()
    expect(
        hurt.get_by_role("switch", name="Share Check-in scores with Dr. Okafor")
    ).to_have_attribute("aria-checked", "true")
    expect(felt_safety.get_by_role("img", name=re.compile("Felt safety by day"))).to_be_visible(
        timeout=LIVE
    )
    shoot(therapist, artifacts, "story-therapist-couple-shared")

    # Revoking it makes the chart vanish from the therapist's open page, live.
    hurt.get_by_role("switch", name="Share Check-in scores with Dr. Okafor").click()
    expect(
        hurt.get_by_text("Stopped sharing check-in scores with Dr. Okafor.", exact=True)
    ).to_be_visible()
    expect(felt_safety.get_by_text("Not shared", exact=True)).to_be_visible(timeout=LIVE)
    expect(felt_safety.get_by_role("img")).to_have_count(0)

    # Nothing the app did needed an inline style or script, or broke in the browser.
    for page in (hurt, repairing, therapist):
        assert page.errors == []

    # Quick exit: Escape twice replaces Mend with a neutral page, and the session is over.
    quick_exit(hurt)


def quick_exit(page: Any) -> None:
    """Press Escape twice; Mend must be gone, unreachable with Back, and logged out."""
    mend_origin = page.url.split("/", 3)[:3]
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url("**/weather.html")
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    assert "Mend" not in page.title()
    assert page.url.split("/", 3)[:3] != mend_origin, "the neutral page must be on another site"
    page.go_back()
    # Back may reach Mend's own entry: it leaves again at once, before showing anything.
    page.wait_for_url("**/weather.html")
    expect(page.get_by_role("heading", name="Weather")).to_be_visible()
    expect(page.get_by_text("Hello, Morgan")).to_have_count(0)
    page.goto("/")
    expect(page.get_by_role("heading", name="Welcome to Mend")).to_be_visible()
