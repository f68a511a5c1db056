"""The measures reminder (only while a questionnaire is due) and the therapist's weekly digest
(counts only, once a week, agreeing with the caseload), with an injected clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask

from mend.extensions import db
from mend.mail import templates
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.therapist.caseload import service as caseload
from tests.builders import (
    ApiClient,
    Couple,
    approve,
    invite_code,
    join,
    make_couple,
    make_user,
)
from tests.checkins.conftest import make_couple_in
from tests.reminders.conftest import choices, choose, slot
from tests.reminders.test_schedule import run

Queued = list[dict[str, Any]]


def schedule_phq2(app: Flask, couple: Couple, starts_at: datetime) -> None:
    """The hurt partner is offered the PHQ-2 every week from starts_at."""
    with app.app_context():
        db.session.add(
            MeasureSchedule(
                space_id=couple.space_id,
                respondent_id=couple.hurt.id,
                instrument="phq2",
                every_weeks=1,
                starts_at=starts_at,
            )
        )
        db.session.commit()


def answer_phq2(app: Flask, couple: Couple, at: datetime) -> None:
    with app.app_context():
        db.session.add(
            MeasureResponse(
                space_id=couple.space_id,
                respondent_id=couple.hurt.id,
                instrument="phq2",
                answers=[0, 0],
                score=0,
                band="minimal",
                created_at=at,
            )
        )
        db.session.commit()


@pytest.mark.parametrize(
    ("timezone", "change_day"),
    [("Europe/London", date(2026, 10, 25)), ("America/New_York", date(2026, 11, 1))],
)
def test_a_week_across_the_clock_change_reminds_daily_while_due_and_stops_once_answered(
    app: Flask, timezone: str, change_day: date
) -> None:
    couple = make_couple_in(app, hurt_timezone=timezone, repairing_timezone="UTC")
    zone = ZoneInfo(timezone)
    first = change_day - timedelta(days=3)
    start = datetime.combine(first, time(0), tzinfo=zone).astimezone(UTC)
    schedule_phq2(app, couple, starts_at=start)
    # Answered on the fifth local day, at noon: reminded on the first five mornings, not after.
    answer_phq2(app, couple, datetime.combine(first + timedelta(days=4), time(12), tzinfo=zone))
    choose(couple.hurt, measures=slot("09:00"), quiet_hours={"from": "22:00", "to": "07:00"})
    choose(couple.repairing, measures=slot("09:00"))  # nothing is scheduled for them

    sent = run(app, start, start + timedelta(days=7))

    assert {user_id for user_id, _, _ in sent} == {couple.hurt.id}
    assert [when.astimezone(zone).date() for _, _, when in sent] == [
        first + timedelta(days=n) for n in range(5)
    ]
    assert {when.astimezone(zone).time() for _, _, when in sent} == {time(9, 0)}
    assert {kind for _, kind, _ in sent} == {"measures"}


def test_the_measures_reminder_comes_again_when_the_next_period_is_due(
    app: Flask, queued: Queued
) -> None:
    couple = make_couple(app)
    start = datetime(2026, 10, 19, tzinfo=UTC)  # a Monday
    schedule_phq2(app, couple, starts_at=start)
    answer_phq2(app, couple, start + timedelta(hours=1))
    choose(couple.hurt, measures=slot("09:00", ["mon"]))

    sent = run(app, start, start + timedelta(days=15))

    assert [when.date() for _, _, when in sent] == [date(2026, 10, 26), date(2026, 11, 2)]
    assert [(mail["template"], mail["detail"]) for mail in queued] == [
        ("reminder-measures", None)
    ] * 2
    text = templates.render_text("reminder-measures", link=queued[0]["link"], detail=None)
    for secret in ("Sam", "Alex", "PHQ", "phq2", "score"):
        assert secret not in text


def test_no_measures_reminder_when_nothing_is_scheduled(app: Flask) -> None:
    person = make_user(app)
    choose(person, measures=slot("09:00"))
    start = datetime(2026, 10, 19, tzinfo=UTC)

    assert run(app, start, start + timedelta(days=3)) == []


# The therapist's digest ---------------------------------------------------------------


@pytest.fixture
def caseload_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The caseload looks ten days after the couples joined (so a quiet couple has an alert)."""
    later = datetime.now(UTC) + timedelta(days=10)
    monkeypatch.setattr(caseload, "utcnow", lambda: later)
    return later


def digest_on(therapist: ApiClient, day: str = "mon", at: str = "08:00") -> None:
    choose(therapist, digest={"enabled": True, "day": day, "time": at})


def therapist_with_couples(app: Flask, timezone: str = "UTC") -> tuple[ApiClient, list[Couple]]:
    """A therapist approved in two couples' spaces and invited, not yet approved, into a third.
    All are quiet; only the first couple's hurt partner shares check-ins, so only that couple
    has an alert (no check-in since joining)."""
    couples = [make_couple(app) for _ in range(3)]
    therapist = make_user(app, account_type="therapist", timezone=timezone)
    for couple in couples:
        code = invite_code(couple.hurt, couple.space_id, "therapist")
        assert join(therapist, code).status_code == 200
    for couple in couples[:2]:
        approve(couple.repairing, couple.space_id, therapist.id)
    path = f"/spaces/{couples[0].space_id}/consents/{therapist.id}/checkins"
    assert couples[0].hurt.put(path, json={"granted": True}).status_code == 200
    return therapist, couples


@pytest.mark.parametrize("timezone", ["Europe/London", "America/New_York"])
def test_the_digest_counts_what_the_caseload_shows_once_a_week(
    app: Flask, caseload_now: datetime, queued: Queued, timezone: str
) -> None:
    therapist, couples = therapist_with_couples(app, timezone)
    digest_on(therapist, "wed", "09:00")
    page = therapist.get("/therapist/caseload")
    assert page.status_code == 200, page.get_json()
    items = page.get_json()["items"]
    with_alerts = sum(1 for item in items if item["alerts"])
    waiting = sum(1 for item in items if item["awaiting_approval"])
    assert (with_alerts, waiting) == (1, 1)
    start = datetime(2026, 10, 19, tzinfo=UTC)  # a Monday; three weeks, both DST changes inside

    sent = run(app, start, start + timedelta(days=21))

    zone = ZoneInfo(timezone)
    assert [(kind, when.astimezone(zone).date()) for _, kind, when in sent] == [
        ("digest", date(2026, 10, 21)),
        ("digest", date(2026, 10, 28)),
        ("digest", date(2026, 11, 4)),
    ]
    assert {when.astimezone(zone).time() for _, _, when in sent} == {time(9, 0)}
    digests = [mail for mail in queued if mail["template"] == "reminder-digest"]
    assert len(digests) == 3
    expected = caseload_sentence(with_alerts, waiting)
    assert expected == "1 couple has alerts worth a look; 1 couple has not approved you yet."
    assert {mail["detail"] for mail in digests} == {expected}
    assert digests[0]["link"] == app.config["MEND"].public_url + "/"


def caseload_sentence(with_alerts: int, waiting: int) -> str:
    alerts = "No couple has alerts right now"
    if with_alerts:
        alerts = "1 couple has alerts" if with_alerts == 1 else f"{with_alerts} couples have alerts"
        alerts += " worth a look"
    tail = (
        ""
        if not waiting
        else "; "
        + ("1 couple has" if waiting == 1 else f"{waiting} couples have")
        + " not approved you yet"
    )
    return f"{alerts}{tail}."


def test_the_digest_is_content_free(app: Flask, caseload_now: datetime, queued: Queued) -> None:
    therapist, couples = therapist_with_couples(app)
    digest_on(therapist)
    run(app, datetime(2026, 10, 19, 7, tzinfo=UTC), datetime(2026, 10, 19, 9, tzinfo=UTC))

    (mail,) = [mail for mail in queued if mail["template"] == "reminder-digest"]
    text = templates.render_text("reminder-digest", link=mail["link"], detail=mail["detail"])
    for secret in ("Sam", "Alex", "Us", "felt", "check-in", "Dr. Lee"):
        assert secret not in text
    assert "couple" in text


def test_only_therapists_may_have_the_digest(partner: ApiClient) -> None:
    body = choices(digest={"enabled": True, "day": "mon", "time": "08:00"})
    response = partner.put("/account/reminders", json=body)

    assert response.status_code == 422
    assert "digest.enabled" in response.get_json()["errors"]


@pytest.mark.parametrize(
    "digest",
    [
        {"enabled": True, "day": "monday", "time": "08:00"},
        {"enabled": True, "day": "mon", "time": "8"},
        {"enabled": True, "day": "mon"},
    ],
)
def test_a_bad_digest_choice_is_a_clear_problem(app: Flask, digest: dict[str, Any]) -> None:
    therapist = make_user(app, account_type="therapist")
    response = therapist.put("/account/reminders", json=choices(digest=digest))

    assert response.status_code == 422
