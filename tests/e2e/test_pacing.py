"""Pacing in the browser: the hurt partner holds new disclosures and opens them when ready."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_hurt_partner_holds_a_disclosure_and_opens_it_when_ready(
    new_page: NewPage, artifacts: Path
) -> None:
    hurt, repairing = new_page(), new_page()
    register(hurt, name="Avery", email=unique_email("avery"))
    start_space(hurt)
    hurt.get_by_role("radio", name=re.compile("I was hurt")).check()
    hurt.get_by_role("button", name="Create our space").click()
    code = make_invite(hurt)
    register(repairing, name="Quinn", email=unique_email("quinn"))
    join(repairing, code)
    expect(repairing.get_by_role("heading", name="Hello, Quinn", level=1)).to_be_visible()

    open_nav(hurt, "Record")
    pace = section(hurt, "Your pace")
    pace.get_by_label("Hold new disclosures until I’m ready to read them").click()
    expect(pace.get_by_label("Hold new disclosures until I’m ready to read them")).to_be_checked()

    repairing.get_by_role("button", name="Write a disclosure").click()
    repairing.get_by_label("In a few words, what is this about?").fill("The trip I lied about")
    repairing.get_by_label("What happened, and how it affected you both").fill(
        "I said the trip was for work. It was not, and it made you doubt yourself."
    )
    repairing.get_by_role("button", name="Share this with Avery").click()
    expect(repairing.get_by_text("Saved and shared.")).to_be_visible()

    held = hurt.get_by_role("article", name="A disclosure you are holding")
    expect(held).to_be_visible(timeout=LIVE)
    expect(hurt.get_by_text("The trip I lied about")).to_have_count(0)
    expect(
        section(hurt, "Your pace").get_by_role("button", name="Open all 1 waiting")
    ).to_be_visible()
    shoot(hurt, artifacts, "pacing-held")

    held.get_by_role("button", name="I’m ready to read this one").click()
    expect(hurt.get_by_text("The trip I lied about")).to_be_visible()
    expect(hurt.get_by_role("article", name="A disclosure you are holding")).to_have_count(0)

    # The repairing partner's record shows the disclosure as it always did.
    open_nav(repairing, "Record")
    expect(repairing.get_by_text("The trip I lied about")).to_be_visible()
    expect(section(repairing, "Your pace")).to_have_count(0)
