"""The People page: removing a therapist and withdrawing an invitation, in the browser."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import NewPage
from tests.e2e.steps import (
    join,
    make_invite,
    open_nav,
    register,
    section,
    start_space,
    unique_email,
)


def test_a_partner_removes_a_therapist_and_withdraws_an_invitation(new_page: NewPage) -> None:
    hurt, therapist, latecomer = new_page(), new_page(), new_page()
    register(hurt, name="Robin", email=unique_email("robin"))
    start_space(hurt)
    hurt.get_by_role("radio", name=re.compile("I was hurt")).check()
    hurt.get_by_label("A name for your space").fill("Robin and Kai")
    hurt.get_by_role("button", name="Create our space").click()
    expect(hurt.get_by_role("heading", name="Hello, Robin", level=1)).to_be_visible()

    # Alone in the space, Robin's invitation is all the approval a therapist needs.
    code = make_invite(hurt, therapist=True)
    register(therapist, name="Dr. Mbeki", email=unique_email("mbeki"), therapist=True)
    open_nav(therapist, "Join a couple")
    join(therapist, code)
    expect(therapist.get_by_role("heading", name="Robin and Kai", level=1)).to_be_visible()

    open_nav(hurt, "People")
    members = section(hurt, "Who’s here")
    expect(members.get_by_text("Dr. Mbeki", exact=True)).to_be_visible()
    hurt.once("dialog", lambda dialog: dialog.accept())
    members.get_by_role("button", name="Remove Dr. Mbeki").click()
    expect(members.get_by_text("Dr. Mbeki", exact=True)).to_have_count(0)
    # The therapist's caseload lets go of the couple, live.
    open_nav(therapist, "Caseload")
    expect(therapist.get_by_role("link", name="Robin and Kai")).to_have_count(0)

    # An invitation made and then withdrawn no longer works.
    hurt.reload()
    code = make_invite(hurt, therapist=True)
    invitations = section(hurt, "Invitations not used yet")
    expect(invitations.get_by_text(re.compile("An invitation for a Therapist"))).to_have_count(1)
    invitations.get_by_role("button", name="Withdraw this invitation").click()
    expect(invitations.get_by_text("No invitations are waiting to be used.")).to_be_visible()
    register(latecomer, name="Dr. Sato", email=unique_email("sato"), therapist=True)
    open_nav(latecomer, "Join a couple")
    join(latecomer, code)
    expect(latecomer.get_by_text(re.compile("withdrawn"))).to_be_visible()
