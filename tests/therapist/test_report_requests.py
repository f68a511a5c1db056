"""The session-prep report: who may not read it, bad requests, its access log, and hostile text."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.builders import (
    ApiClient,
    Couple,
    add_therapist,
    make_couple,
)
from tests.therapist.report_helpers import (
    ALL_GRANTS,
    Story,
    access_log,
    check,
    commit_to,
    csv_sections,
    days_ago,
    disclose,
    grant,
    report_path,
    text_of,
    today,
)

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
