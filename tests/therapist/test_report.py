"""The session-prep report: consented data only, as CSV and as a printable page, logged."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import update
from werkzeug.test import TestResponse

from mend.checkins.models import Checkin
from mend.disclosures.models import Disclosure, DisclosureRevision
from mend.extensions import db
from mend.record import service as record_service
from mend.therapist.models import TherapistNote
from tests.builders import (
    ApiClient,
    Couple,
    add_therapist,
    approve,
    invite_code,
    join,
    make_couple,
    make_user,
)

CANARY_DISCLOSURE = "canary-disclosure-5521"
CANARY_PRIVATE_NOTE = "canary-private-note-8812"
CANARY_CHECK_NOTE = "canary-check-note-3307"
CANARY_REVIEW_NOTE = "canary-review-note-6604"
ALL_GRANTS = {
    "hurt": ("checkins", "commitments", "measures"),
    "repairing": ("commitments", "disclosures", "measures"),
}


def today() -> date:
    """Today in UTC, the timezone every account here lives in unless told."""
    return datetime.now(UTC).date()


def days_ago(days: int) -> date:
    return today() - timedelta(days=days)


def report_path(space_id: int, **query: str) -> str:
    params = "&".join(f"{key}={value}" for key, value in query.items())
    return f"/spaces/{space_id}/report" + (f"?{params}" if params else "")


def grant(couple: Couple, viewer: ApiClient, grants: dict[str, tuple[str, ...]]) -> None:
    """Each partner shares the named categories with the viewer, through the API."""
    for role, categories in grants.items():
        owner = getattr(couple, role)
        for category in categories:
            path = f"/spaces/{couple.space_id}/consents/{viewer.id}/{category}"
            response = owner.put(path, json={"granted": True})
            assert response.status_code == 200, response.get_json()


def checkin_at(app: Flask, couple: Couple, author: ApiClient, moment: datetime, **fields: Any):
    """A check-in made at a chosen moment, chained into the ledger as the API would."""
    with app.app_context():
        row = Checkin(space_id=couple.space_id, author_id=author.id, created_at=moment, **fields)
        db.session.add(row)
        record_service.append(space_id=couple.space_id, row=row)
        db.session.commit()


def felt(app: Flask, couple: Couple, day: date, score: int, **fields: Any) -> None:
    """The hurt partner's felt safety at noon (UTC) on day."""
    moment = datetime.combine(day, time(12), tzinfo=UTC)
    checkin_at(app, couple, couple.hurt, moment, felt_safety=score, **fields)


def commit_to(couple: Couple, title: str, *, starts: date, **fields: Any) -> int:
    body = {"title": title, "cadence": "daily", "starts_on": str(starts), **fields}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/commitments", json=body)
    assert response.status_code == 201, response.get_json()
    return int(response.get_json()["id"])


def check(couple: Couple, commitment_id: int, day: date, outcome: str, **fields: Any) -> int:
    path = f"/spaces/{couple.space_id}/commitments/{commitment_id}/checks"
    body = {"period_start": str(day), "outcome": outcome, **fields}
    response = couple.repairing.post(path, json=body)
    assert response.status_code == 201, response.get_json()
    return int(response.get_json()["id"])


def review(couple: Couple, commitment_id: int, check_id: int, verdict: str, **fields: Any):
    path = f"/spaces/{couple.space_id}/commitments/{commitment_id}/checks/{check_id}/review"
    response = couple.hurt.post(path, json={"verdict": verdict, **fields})
    assert response.status_code == 201, response.get_json()


def disclose(couple: Couple, title: str, body: str = "What happened and how it hurt us.") -> int:
    payload = {"title": title, "body": body, "category": "dishonesty"}
    response = couple.repairing.post(f"/spaces/{couple.space_id}/disclosures", json=payload)
    assert response.status_code == 201, response.get_json()
    return int(response.get_json()["id"])


def revise(couple: Couple, disclosure_id: int, **fields: str) -> None:
    path = f"/spaces/{couple.space_id}/disclosures/{disclosure_id}/revisions"
    response = couple.repairing.post(path, json={"reason": "I left something out", **fields})
    assert response.status_code == 201, response.get_json()


def backdate_disclosure(app: Flask, disclosure_id: int, moment: datetime) -> None:
    """Move a disclosure and its first version back in time (as if told then)."""
    with app.app_context():
        db.session.execute(
            update(Disclosure).where(Disclosure.id == disclosure_id).values(created_at=moment)
        )
        db.session.execute(
            update(DisclosureRevision)
            .where(
                DisclosureRevision.disclosure_id == disclosure_id, DisclosureRevision.number == 1
            )
            .values(created_at=moment)
        )
        db.session.commit()


@dataclass
class Story:
    """A couple with a few weeks of record, and what the tests look for in it."""

    couple: Couple
    commitment_id: int
    disclosure_id: int


@pytest.fixture
def story(app: Flask, couple: Couple) -> Story:
    """Felt safety over the last days, a reviewed commitment, a disclosure; canaries hidden."""
    for offset, score in [(6, 3), (5, 4), (3, 6), (1, 7)]:
        felt(app, couple, days_ago(offset), score)
    felt(app, couple, days_ago(2), 5, note=CANARY_PRIVATE_NOTE, note_private=True)
    checkin_at(
        app,
        couple,
        couple.repairing,
        datetime.combine(days_ago(2), time(9), tzinfo=UTC),
        predicted_safety=6,
        note=CANARY_PRIVATE_NOTE,
        note_private=True,
    )
    commitment_id = commit_to(couple, "Share my phone openly", starts=days_ago(10))
    kept = check(couple, commitment_id, days_ago(4), "kept", note=CANARY_CHECK_NOTE)
    check(couple, commitment_id, days_ago(3), "partial")
    review(couple, commitment_id, kept, "disputed", note=CANARY_REVIEW_NOTE)
    disclosure_id = disclose(couple, "I hid messages", body=CANARY_DISCLOSURE)
    return Story(couple=couple, commitment_id=commitment_id, disclosure_id=disclosure_id)


def csv_sections(response: TestResponse) -> dict[str, list[dict[str, str]]]:
    """The CSV's rows grouped by their section, each read against its block's header row."""
    sections: dict[str, list[dict[str, str]]] = defaultdict(list)
    header: list[str] = []
    for row in csv.reader(io.StringIO(response.get_data(as_text=True))):
        if not row:
            continue
        if row[0] == "section":
            header = row
        else:
            sections[row[0]].append(dict(zip(header, row, strict=True)))
    return sections


def access_log(owner: ApiClient, space_id: int) -> set[tuple[str, str]]:
    items = owner.get(f"/spaces/{space_id}/access-log").get_json()["items"]
    return {(item["category"], item["records"]) for item in items}


def text_of(response: TestResponse) -> str:
    return response.get_data(as_text=True)


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


# --- who may not read it, and bad requests ----------------------------------------------------


def test_outsiders_get_404_and_anonymous_401(app: Flask, couple: Couple, client: ApiClient) -> None:
    other = make_couple(app)
    other_therapist = add_therapist(app, other)
    for outsider in (other.hurt, other.repairing, other_therapist):
        response = outsider.get(report_path(couple.space_id))
        assert response.status_code == 404
        assert response.content_type == "application/problem+json"
    assert client.get(report_path(couple.space_id)).status_code == 401


def test_therapist_who_left_gets_404(app: Flask, couple: Couple) -> None:
    therapist = add_therapist(app, couple)
    assert therapist.post(f"/spaces/{couple.space_id}/leave").status_code == 204

    assert therapist.get(report_path(couple.space_id)).status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-02-01", "to": "2026-01-31"}, "from"),
        ({"from": "2025-01-01", "to": "2026-01-02"}, "from"),
        ({"from": "2999-12-31"}, "from"),
        ({"format": "pdf"}, "format"),
        ({"format": "CSV"}, "format"),
        ({"from": "yesterday"}, "from"),
        ({"to": "1900-01-01"}, "to"),
        ({"to": "2026-02-30"}, "to"),
        ({"bucket": "week"}, "bucket"),
    ],
)
def test_bad_ranges_and_formats_are_422(couple: Couple, query: dict, field: str) -> None:
    response = couple.hurt.get(report_path(couple.space_id, **query))

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert list(response.get_json()["errors"]) == [field]


def test_a_whole_year_is_allowed(couple: Couple) -> None:
    query = {"from": "2024-01-01", "to": "2024-12-31", "format": "csv"}  # a leap year: 366 days
    response = couple.hurt.get(report_path(couple.space_id, **query))

    assert response.status_code == 200
    assert len(csv_sections(response)["safety"]) == 366


def test_non_get_methods_are_405(couple: Couple) -> None:
    for method in ("post", "put", "patch", "delete"):
        response = getattr(couple.hurt, method)(report_path(couple.space_id))
        assert response.status_code == 405


# --- the access log ---------------------------------------------------------------------------


def test_therapist_report_is_logged_for_each_owner_whose_data_it_holds(
    app: Flask, story: Story
) -> None:
    couple = story.couple
    therapist = add_therapist(app, couple)
    grant(couple, therapist, ALL_GRANTS)
    first, last = days_ago(13), days_ago(0)

    query = {"from": str(first), "to": str(last), "format": "csv"}
    assert therapist.get(report_path(couple.space_id, **query)).status_code == 200

    records = f"report {first} to {last}"
    assert access_log(couple.hurt, couple.space_id) == {
        ("checkins", records),
        ("commitments", records),
        ("measures", records),
    }
    assert access_log(couple.repairing, couple.space_id) == {
        ("commitments", records),
        ("disclosures", records),
        ("measures", records),
    }


def test_only_shared_categories_are_logged(app: Flask, story: Story) -> None:
    couple = story.couple
    therapist = add_therapist(app, couple)
    grant(couple, therapist, {"hurt": ("checkins",), "repairing": ("disclosures",)})

    assert therapist.get(report_path(couple.space_id)).status_code == 200

    records = f"report {days_ago(27)} to {today()}"
    assert access_log(couple.hurt, couple.space_id) == {("checkins", records)}
    assert access_log(couple.repairing, couple.space_id) == {("disclosures", records)}


# --- what the range holds ---------------------------------------------------------------------


def test_disclosures_appear_when_told_or_amended_in_the_range(app: Flask, couple: Couple) -> None:
    long_ago = datetime.combine(days_ago(90), time(12), tzinfo=UTC)
    amended = disclose(couple, "Told long ago, amended now", body="old words")
    backdate_disclosure(app, amended, long_ago)
    revise(couple, amended, body="the fuller truth")
    untouched = disclose(couple, "Told long ago only", body="quiet words")
    backdate_disclosure(app, untouched, long_ago)

    sheet = couple.hurt.get(report_path(couple.space_id, format="csv"))
    rows = csv_sections(sheet)["disclosure"]

    assert [(row["title"], row["revision"], row["body"]) for row in rows] == [
        ("Told long ago, amended now", "2", "the fuller truth")
    ]
    assert "old words" not in text_of(sheet) and "quiet words" not in text_of(sheet)
    page = text_of(couple.hurt.get(report_path(couple.space_id)))
    assert "Told long ago, amended now" in page and "I left something out" in page
    assert "Told long ago only" not in page


def test_days_are_the_callers_own(app: Flask, couple: Couple) -> None:
    therapist = make_user(app, account_type="therapist", timezone="Pacific/Kiritimati")  # UTC+14
    code = invite_code(couple.hurt, couple.space_id, "therapist")
    assert join(therapist, code).status_code == 200
    approve(couple.repairing, couple.space_id, therapist.id)
    grant(couple, therapist, {"hurt": ("checkins",), "repairing": ("disclosures",)})
    moment = datetime.combine(days_ago(1), time(11), tzinfo=UTC)  # 01:00 the next day at +14
    checkin_at(app, couple, couple.hurt, moment, felt_safety=2)
    backdate_disclosure(app, disclose(couple, "Told late at night"), moment)

    def day(which: date) -> dict[str, list[dict[str, str]]]:
        query = {"from": str(which), "to": str(which), "format": "csv"}
        return csv_sections(therapist.get(report_path(couple.space_id, **query)))

    assert [row["count"] for row in day(today())["safety"]] == ["1"]
    assert [row["title"] for row in day(today())["disclosure"]] == ["Told late at night"]
    assert [row["count"] for row in day(days_ago(1))["safety"]] == ["0"]
    assert day(days_ago(1))["disclosure"] == []


def test_query_count_does_not_grow_with_the_record(
    app: Flask, couple: Couple, count_queries: Any
) -> None:
    therapist = add_therapist(app, couple)
    grant(couple, therapist, ALL_GRANTS)

    def queries() -> int:
        with count_queries() as counter:
            assert therapist.get(report_path(couple.space_id)).status_code == 200
        return counter.count

    commitment_id = commit_to(couple, "First", starts=days_ago(5))
    check(couple, commitment_id, days_ago(2), "kept")
    disclose(couple, "First disclosure")
    few = queries()
    for index in range(4):
        more = commit_to(couple, f"More {index}", starts=days_ago(5))
        check(couple, more, days_ago(2), "missed")
        disclose(couple, f"More {index}")
        felt(app, couple, days_ago(index), 5)

    assert queries() == few


# --- hostile text -----------------------------------------------------------------------------


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_cells_that_look_like_formulas_are_defused(couple: Couple, title: str) -> None:
    commitment_id = commit_to(couple, title, starts=days_ago(3))
    check(couple, commitment_id, days_ago(1), "kept", note=title)
    disclose(couple, title)

    sections = csv_sections(couple.hurt.get(report_path(couple.space_id, format="csv")))

    assert sections["commitment"][0]["title"] == f"'{title}"
    assert sections["commitment_check"][0]["note"] == f"'{title}"
    assert sections["disclosure"][0]["title"] == f"'{title}"


def test_page_escapes_what_people_wrote(app: Flask, couple: Couple) -> None:
    hostile = '<script>alert("x")</script>'
    commit_to(couple, hostile, starts=days_ago(1))
    disclose(couple, hostile, body=f"</blockquote>{hostile}")

    page = text_of(couple.hurt.get(report_path(couple.space_id)))

    assert "<script" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert page.count("</blockquote>") == 1


def test_openapi_documents_both_media_types(client: ApiClient) -> None:
    document = client.get("/openapi.json").get_json()
    operation = document["paths"]["/api/v1/spaces/{space_id}/report"]["get"]

    assert set(operation["responses"]["200"]["content"]) == {"text/html", "text/csv"}
    assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} == {
        "from",
        "to",
        "since",
        "format",
    }


# --- since the last session ------------------------------------------------------------------


def write_note_on(app: Flask, couple: Couple, therapist: ApiClient, day: date) -> None:
    """A therapist note written at noon (UTC) on day, as after a session."""
    response = therapist.post(f"/spaces/{couple.space_id}/therapist-notes", json={"body": "Seen."})
    assert response.status_code == 201, response.get_json()
    with app.app_context():
        db.session.execute(
            update(TherapistNote)
            .where(TherapistNote.id == response.get_json()["id"])
            .values(created_at=datetime.combine(day, time(12), tzinfo=UTC))
        )
        db.session.commit()


def report_range(response: TestResponse) -> tuple[str, str]:
    row = csv_sections(response)["report"][0]
    return row["from"], row["to"]


def test_since_last_session_starts_on_the_day_of_the_latest_note(app: Flask, story: Story) -> None:
    therapist = add_therapist(app, story.couple)
    grant(story.couple, therapist, ALL_GRANTS)
    write_note_on(app, story.couple, therapist, days_ago(9))
    write_note_on(app, story.couple, therapist, days_ago(3))
    path = report_path(story.couple.space_id, since="last-session", format="csv")
    response = therapist.get(path)
    assert response.status_code == 200
    assert report_range(response) == (str(days_ago(3)), str(today()))
    assert [row["date"] for row in csv_sections(response)["safety"]][0] == str(days_ago(3))


def test_since_last_session_without_a_note_is_the_usual_28_days(app: Flask, story: Story) -> None:
    therapist = add_therapist(app, story.couple)
    response = therapist.get(report_path(story.couple.space_id, since="last-session", format="csv"))
    assert report_range(response) == (str(days_ago(27)), str(today()))


def test_since_last_session_and_a_start_date_together_are_422(couple: Couple) -> None:
    response = couple.hurt.get(
        report_path(couple.space_id, since="last-session", **{"from": "2026-01-01"})
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["since"]
    response = couple.hurt.get(report_path(couple.space_id, since="yesterday"))
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["since"]


def test_printed_chart_uses_the_apps_colours_for_the_same_series() -> None:
    """Dots (the day's mean) and line (7-day mean) keep the colours they have in the app."""
    root = Path(__file__).resolve().parents[2]
    app_css = (root / "frontend/src/styles/base.css").read_text(encoding="utf-8")
    report_css = (root / "backend/mend/therapist/report/templates/therapist/report.css").read_text(
        encoding="utf-8"
    )

    def variable(name: str) -> str:
        match = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", app_css)
        assert match, name
        return match.group(1).lower()

    def rule(selector: str, prop: str) -> str:
        match = re.search(rf"\.{selector} \{{[^}}]*?\b{prop}: (#[0-9a-fA-F]{{6}})", report_css)
        assert match, selector
        return match.group(1).lower()

    assert rule("daily", "fill") == rule("legend-daily", "color") == variable("chart-felt")
    assert rule("rolling", "stroke") == rule("legend-rolling", "color") == variable("chart-rolling")
