"""The session-prep report by grant: everything with every grant, less with fewer,
and the partners' own report."""

from __future__ import annotations

import base64
import hashlib
import re

from flask import Flask

from tests.builders import (
    add_therapist,
)
from tests.therapist.report_helpers import (
    ALL_GRANTS,
    CANARY_CHECK_NOTE,
    CANARY_DISCLOSURE,
    CANARY_PRIVATE_NOTE,
    CANARY_REVIEW_NOTE,
    Story,
    access_log,
    csv_sections,
    days_ago,
    grant,
    report_path,
    text_of,
    today,
)

# --- a therapist with every grant ------------------------------------------------------------


def test_therapist_with_all_grants_gets_a_printable_page_of_everything(
    app: Flask, story: Story
) -> None:
    therapist = add_therapist(app, story.couple)
    grant(story.couple, therapist, ALL_GRANTS)

    response = therapist.get(report_path(story.couple.space_id))

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    page = text_of(response)
    assert '<html lang="en">' in page
    assert "Session preparation: Sam and Alex" in page
    assert "How safe Sam has felt" in page
    assert "Commitments and how they went" in page
    assert "What Alex has disclosed" in page
    assert "Not shared" not in page
    assert f"{days_ago(27).day} {days_ago(27):%B %Y} to {today().day} {today():%B %Y}" in page
    assert "<polyline" in page and "<script" not in page
    assert "<caption>Felt safety on each day with a check-in (0 to 10)</caption>" in page
    assert '<th scope="col">Day</th>' in page and '<th scope="row">' in page
    assert "Share my phone openly" in page and "Partly kept" in page
    assert f"Disputed: {CANARY_REVIEW_NOTE}" in page
    assert "I hid messages" in page and CANARY_DISCLOSURE in page
    assert CANARY_PRIVATE_NOTE not in page


def test_page_allows_its_own_stylesheet_and_nothing_else(app: Flask, story: Story) -> None:
    therapist = add_therapist(app, story.couple)

    response = therapist.get(report_path(story.couple.space_id))

    css = re.search(r"<style>(.*?)</style>", text_of(response), re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = response.headers["Content-Security-Policy"]
    assert f"style-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "unsafe-inline" not in policy
    assert " style=" not in text_of(response)


def test_therapist_with_all_grants_gets_a_csv_of_everything(app: Flask, story: Story) -> None:
    therapist = add_therapist(app, story.couple)
    grant(story.couple, therapist, ALL_GRANTS)
    first, last = days_ago(6), days_ago(1)

    response = therapist.get(
        report_path(story.couple.space_id, format="csv", **{"from": str(first), "to": str(last)})
    )

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    expected_name = f"mend-report-{story.couple.space_id}-{first}-{last}.csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{expected_name}"'
    sections = csv_sections(response)
    assert [row["date"] for row in sections["safety"]] == [
        str(days_ago(n)) for n in range(6, 0, -1)
    ]
    assert [row["mean"] for row in sections["safety"]] == [
        "3.00", "4.00", "", "6.00", "5.00", "7.00"
    ]  # fmt: skip
    assert sections["safety"][-1]["rolling_mean_7d"] == "5.00"
    assert sections["safety_overall"] == [
        {"section": "safety_overall", "mean": "5.00", "count": "5"}
    ]
    assert [(c["title"], c["status"], c["streak"]) for c in sections["commitment"]] == [
        ("Share my phone openly", "active", "0")
    ]
    checks = [(c["period"], c["outcome"], c["review"]) for c in sections["commitment_check"]]
    assert checks == [(str(days_ago(4)), "kept", "disputed"), (str(days_ago(3)), "partial", "")]
    assert sections["disclosure"] == []  # told today, after the range
    assert CANARY_PRIVATE_NOTE not in text_of(response)


def test_csv_covers_the_last_28_days_by_default(app: Flask, story: Story) -> None:
    therapist = add_therapist(app, story.couple)
    grant(story.couple, therapist, ALL_GRANTS)

    sections = csv_sections(therapist.get(report_path(story.couple.space_id, format="csv")))

    assert sections["report"][0]["from"] == str(days_ago(27))
    assert sections["report"][0]["to"] == str(today())
    assert len(sections["safety"]) == 28
    assert [row["title"] for row in sections["disclosure"]] == ["I hid messages"]


# --- partial grants and no grants -------------------------------------------------------------


def test_sections_not_granted_read_not_shared_and_leave_no_trace(app: Flask, story: Story) -> None:
    therapist = add_therapist(app, story.couple)
    grant(story.couple, therapist, {"hurt": ("checkins", "commitments")})

    page = text_of(therapist.get(report_path(story.couple.space_id)))
    sheet = therapist.get(report_path(story.couple.space_id, format="csv"))

    assert "How safe Sam has felt" in page and "<polyline" in page
    # Alex's disclosures, commitments and questionnaires:
    assert page.count("Not shared. Alex has not chosen to share this with you.") == 3
    assert set(csv_sections(sheet)) == {"report", "safety", "safety_overall"}
    for canary in (CANARY_DISCLOSURE, CANARY_CHECK_NOTE, CANARY_REVIEW_NOTE, CANARY_PRIVATE_NOTE):
        assert canary not in page
        assert canary not in text_of(sheet)
    assert "Share my phone openly" not in page + text_of(sheet)


def test_reviews_show_only_when_the_reviewer_shares_commitments(app: Flask, story: Story) -> None:
    therapist = add_therapist(app, story.couple)
    grant(story.couple, therapist, {"repairing": ("commitments",)})

    page = text_of(therapist.get(report_path(story.couple.space_id)))
    sheet = therapist.get(report_path(story.couple.space_id, format="csv"))

    assert "Share my phone openly" in page and CANARY_CHECK_NOTE in page
    assert "Sam's reviews of these checks: not shared with you." in page
    assert "Disputed" not in page and CANARY_REVIEW_NOTE not in page
    checks = csv_sections(sheet)["commitment_check"]
    assert [set(row) for row in checks] == [
        {"section", "commitment", "period", "outcome", "note"}
    ] * 2
    assert "disputed" not in text_of(sheet) and CANARY_REVIEW_NOTE not in text_of(sheet)


def test_therapist_without_grants_sees_only_not_shared(app: Flask, story: Story) -> None:
    therapist = add_therapist(app, story.couple)

    page = text_of(therapist.get(report_path(story.couple.space_id)))
    sheet = therapist.get(report_path(story.couple.space_id, format="csv"))

    assert page.count("Not shared.") == 5  # three sections, and each partner's questionnaires
    assert "<svg" not in page and "Share my phone openly" not in page
    assert set(csv_sections(sheet)) == {"report"}
    assert access_log(story.couple.hurt, story.couple.space_id) == set()


def test_revoked_grant_leaves_the_next_report(app: Flask, story: Story) -> None:
    therapist = add_therapist(app, story.couple)
    grant(story.couple, therapist, ALL_GRANTS)
    path = f"/spaces/{story.couple.space_id}/consents/{therapist.id}/disclosures"
    assert story.couple.repairing.put(path, json={"granted": False}).status_code == 200

    page = text_of(therapist.get(report_path(story.couple.space_id)))

    assert "Not shared. Alex has not chosen to share this with you." in page
    assert CANARY_DISCLOSURE not in page


# --- partners ---------------------------------------------------------------------------------


def test_hurt_partner_sees_everything_they_may_see(app: Flask, story: Story) -> None:
    page = text_of(story.couple.hurt.get(report_path(story.couple.space_id)))

    assert "Not shared" not in page
    assert CANARY_DISCLOSURE in page and f"Disputed: {CANARY_REVIEW_NOTE}" in page
    assert CANARY_PRIVATE_NOTE not in page


def test_repairing_partner_sees_felt_safety_only_while_shared(app: Flask, story: Story) -> None:
    couple = story.couple
    sections = csv_sections(couple.repairing.get(report_path(couple.space_id, format="csv")))
    assert {"safety", "commitment_check", "disclosure"} <= set(sections)

    path = f"/spaces/{couple.space_id}/consents/{couple.repairing.id}/checkins"
    assert couple.hurt.put(path, json={"granted": False}).status_code == 200
    page = text_of(couple.repairing.get(report_path(couple.space_id)))

    assert "Not shared. Sam has not chosen to share this with you." in page
    assert "<svg" not in page and CANARY_PRIVATE_NOTE not in page
    assert CANARY_REVIEW_NOTE in page  # Sam's commitment reviews are still shared with Alex


def test_partners_reading_their_report_leaves_no_access_log(app: Flask, story: Story) -> None:
    couple = story.couple
    for partner in (couple.hurt, couple.repairing):
        assert partner.get(report_path(couple.space_id)).status_code == 200

    assert access_log(couple.hurt, couple.space_id) == set()
    assert access_log(couple.repairing, couple.space_id) == set()
