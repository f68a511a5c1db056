"""The session-prep report's range: what it holds, whose days, since the last
session; and the printed chart's colours."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import update
from werkzeug.test import TestResponse

from mend.extensions import db
from mend.therapist.models import TherapistNote
from tests.builders import (
    ApiClient,
    Couple,
    add_therapist,
    approve,
    invite_code,
    join,
    make_user,
)
from tests.therapist.report_helpers import (
    ALL_GRANTS,
    Story,
    backdate_disclosure,
    check,
    checkin_at,
    commit_to,
    csv_sections,
    days_ago,
    disclose,
    felt,
    grant,
    report_path,
    revise,
    text_of,
    today,
)

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
