"""Honesty of the record, as each partner sees it: joining, amending after "taken in", leaving."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import NewPage
from tests.e2e.steps import make_invite, open_nav, register, section, start_space, unique_email

LIVE = 10_000


def test_join_amend_and_leave_are_each_said_plainly(new_page: NewPage) -> None:
    hurt, repairing = new_page(), new_page(width=390, height=844)

    register(hurt, name="Robin", email=unique_email("robin"))
    start_space(hurt)
    hurt.get_by_role("radio", name=re.compile("I was hurt")).check()
    hurt.get_by_label("A name for your space").fill("Robin and Kai")
    hurt.get_by_role("button", name="Create our space").click()
    code = make_invite(hurt)

    # Before joining, the partner reads what joining means; after, which role they took.
    register(repairing, name="Kai", email=unique_email("kai"))
    repairing.get_by_role("button", name="Yes, I have a code").click()
    expect(
        repairing.get_by_text(re.compile("check-in scores are shared with your partner by default"))
    ).to_be_visible()
    repairing.get_by_role("textbox", name="Invite code").fill(code)
    repairing.get_by_role("button", name="Join").click()
    expect(repairing.get_by_role("heading", name="Hello, Kai", level=1)).to_be_visible()
    expect(repairing.get_by_text(re.compile("You joined as the Repairing partner"))).to_be_visible()

    # A disclosure, taken in, then amended: home shows it as new again, and says why.
    repairing.get_by_role("button", name="Write a disclosure").click()
    repairing.get_by_label("In a few words, what is this about?").fill("The trip in May")
    repairing.get_by_label("What happened, and how it affected you both").fill(
        "I said I went alone. I did not. It made you doubt your own memory of that week."
    )
    repairing.get_by_role("button", name="Share this with Robin").click()
    expect(repairing.get_by_text("Saved and shared.", exact=False)).to_be_visible()

    open_nav(hurt, "Home")
    news = section(hurt, "New from Kai")
    news.get_by_role("button", name="I have taken this in").click()
    expect(news.get_by_text("Nothing new to read.")).to_be_visible(timeout=LIVE)

    open_nav(repairing, "Record")
    repairing.get_by_role("link", name="The trip in May").click()
    repairing.get_by_role("button", name="Amend this disclosure…").click()
    repairing.get_by_label("What happened, and how it affected you both").fill(
        "I said I went alone. I did not, and I kept it up for months."
    )
    repairing.get_by_label("Why are you amending it?").fill("I left out how long I kept it up.")
    repairing.get_by_role("button", name="Save the amendment").click()

    expect(news.get_by_text(re.compile("This was amended on"))).to_be_visible(timeout=LIVE)
    expect(news.get_by_role("button", name="I have taken in the amended words")).to_be_visible()

    # Kai leaves: Robin's home and record say what happened, not "hasn't joined yet".
    open_nav(repairing, "Account")
    repairing.get_by_role("button", name="Leave the space…").click()
    repairing.get_by_role("button", name="Yes, leave the space").click()
    expect(repairing.get_by_role("heading", name="Set up your shared space")).to_be_visible()

    hurt.reload()
    expect(hurt.get_by_text(re.compile("Kai left this space on"))).to_be_visible()
    expect(hurt.get_by_text("Your partner hasn’t joined yet.", exact=False)).to_have_count(0)
    open_nav(hurt, "Record")
    expect(hurt.get_by_text(re.compile("Kai left this space on"))).to_be_visible()
    expect(hurt.get_by_role("link", name="The trip in May")).to_be_visible()
