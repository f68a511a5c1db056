"""What a therapist sees around a couple's felt-safety chart, with the demo's Jordan & Casey:
disclosure markers with their days listed in words, disclosures not yet taken in (only once the
hurt partner shares that), and who stopped sharing what; axe clean on a desktop and a phone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.axe import AXE, describe, scan
from tests.e2e.conftest import NewPage
from tests.e2e.steps import log_in, section, shoot

PHONE = {"width": 390, "height": 844}


def share(partner: Any, category: str, *, granted: bool) -> None:
    """The partner shares (or stops sharing) a category with Dr. Rivera, through the API."""
    space = partner.request.get("/api/v1/spaces").json()["items"][0]
    rivera = next(m["user_id"] for m in space["members"] if m["role"] == "therapist")
    token = partner.request.get("/api/v1/auth/csrf").json()["csrf_token"]
    response = partner.request.put(
        f"/api/v1/spaces/{space['id']}/consents/{rivera}/{category}",
        data={"granted": granted},
        headers={"X-CSRFToken": token},
    )
    assert response.ok, response.text()


def open_jordan_and_casey(page: Any) -> None:
    log_in(page, "dr.rivera@demo.mend")
    page.get_by_role("main").get_by_role("link", name="Jordan & Casey").click()
    expect(page.get_by_role("heading", name="Jordan & Casey", level=1)).to_be_visible()


def six_months(page: Any) -> Any:
    """The felt-safety section, showing six months (the demo's disclosures are weeks old)."""
    trend = section(page, "Jordan’s felt safety")
    trend.get_by_text("6 months").click()
    expect(trend.get_by_role("img", name=re.compile("Felt safety by day"))).to_be_visible()
    return trend


def test_therapist_sees_markers_not_taken_in_and_stopped_sharing(
    new_page: NewPage, artifacts: Path
) -> None:
    therapist = new_page(bypass_csp=True)
    open_jordan_and_casey(therapist)
    trend = six_months(therapist)

    # Casey shares disclosures: a marker per day one was logged or amended, listed in words.
    days = trend.get_by_role("list", name="Disclosures on this chart")
    expect(days.get_by_role("listitem")).to_have_count(4)
    expect(days.get_by_role("listitem").filter(has_text="1 disclosure amended")).to_have_count(1)
    expect(therapist.locator(".chart__marker")).to_have_count(4)
    expect(trend.get_by_role("img", name=re.compile("Upright lines mark 4 days"))).to_be_visible()

    # Jordan keeps their reviews to themselves: the commitments say so rather than differ silently.
    expect(
        section(therapist, "Casey’s commitments").get_by_text(
            re.compile(
                "Jordan’s reviews .* are not shared with you, so reliability here leaves any"
            )
        )
    ).to_be_visible()

    # Whether Jordan took them in is Jordan's to share.
    disclosures = section(therapist, "Casey’s disclosures")
    expect(
        disclosures.get_by_text("Whether Jordan has taken these in is not shared with you.")
    ).to_be_visible()

    jordan, casey = new_page(), new_page()
    log_in(jordan, "jordan@demo.mend")
    share(jordan, "disclosures", granted=True)
    log_in(casey, "casey@demo.mend")
    share(casey, "measures", granted=False)

    therapist.reload()
    expect(
        section(therapist, "Casey’s disclosures").get_by_text(
            re.compile(r"Not yet taken in by Jordan: 1 disclosure \(an amended disclosure")
        )
    ).to_be_visible()
    expect(
        therapist.get_by_text(re.compile("^Casey stopped sharing questionnaires with you on "))
    ).to_be_visible()
    share(jordan, "disclosures", granted=False)  # as the demo had it

    for size, viewport in (("desktop", {}), ("phone", PHONE)):
        page = new_page(bypass_csp=True, **viewport)
        open_jordan_and_casey(page)
        six_months(page)
        page.wait_for_load_state("networkidle")
        shoot(page, artifacts, f"a11y-{size}-therapist-couple-context")
        if AXE.is_file():
            violations = scan(page)
            assert not violations, f"{size}:\n{describe(violations)}"


def test_a_couple_without_shared_disclosures_has_no_markers(new_page: NewPage) -> None:
    """Priya & Tom: Tom does not share disclosures, so no marker, list or count at all."""
    page = new_page()
    log_in(page, "dr.rivera@demo.mend")
    page.get_by_role("main").get_by_role("link", name="Priya & Tom").click()
    trend = section(page, "Priya’s felt safety")
    trend.get_by_text("6 months").click()
    expect(trend.get_by_role("img", name=re.compile("Felt safety by day"))).to_be_visible()
    expect(page.locator(".chart__marker")).to_have_count(0)
    expect(page.get_by_role("list", name="Disclosures on this chart")).to_have_count(0)
    expect(page.get_by_text(re.compile("taken in"))).to_have_count(0)
    # Tom shares his commitments but Priya not her reviews of them: the page says so.
    expect(
        page.get_by_text(re.compile("Priya’s reviews .* are not shared with you"))
    ).to_be_visible()


def test_reviews_shared_leave_no_notice(new_page: NewPage) -> None:
    """Sam shares commitments (reviews included) with Dr. Rivera: no "not shared" notice."""
    page = new_page()
    log_in(page, "dr.rivera@demo.mend")
    page.get_by_role("main").get_by_role("link", name="Sam & Alex").click()
    commitments = section(page, "Alex’s commitments")
    expect(commitments.get_by_role("heading").first).to_be_visible()
    expect(page.get_by_text(re.compile("reviews .* are not shared with you"))).to_have_count(0)
