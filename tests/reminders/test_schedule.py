"""Time travel: the periodic job run every 15 minutes of simulated time, with an injected clock."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from sqlalchemy import select

from mend.checkins.models import Checkin
from mend.extensions import db
from mend.reminders import service
from mend.reminders.models import ReminderSent
from tests.builders import make_couple, make_space, make_user
from tests.commitments.conftest import make_commitment, report
from tests.reminders.conftest import choose, outbox, slot

TICK = timedelta(minutes=15)


def run(app: Flask, start: datetime, end: datetime) -> list[tuple[int, str, datetime]]:
    """Run the job at every tick in [start, end); returns (user id, kind, when) per reminder."""
    sent = []
    now = start
    with app.app_context():
        while now < end:
            before = set(db.session.scalars(select(ReminderSent.id)))
            service.send_due(now=now)
            for row in db.session.scalars(select(ReminderSent).order_by(ReminderSent.id)):
                if row.id not in before:
                    sent.append((row.user_id, row.kind, now))
            now += TICK
    return sent


def local_days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]


@pytest.mark.parametrize(
    ("timezone", "change_day"),
    [("Europe/London", date(2026, 10, 25)), ("America/New_York", date(2026, 11, 1))],
)
def test_a_week_across_the_clock_change_brings_one_reminder_a_day_at_the_local_time(
    app: Flask, timezone: str, change_day: date
) -> None:
    person = make_user(app, timezone=timezone)
    choose(person, checkin=slot("08:00"), quiet_hours={"from": "22:00", "to": "07:00"})
    zone = ZoneInfo(timezone)
    first = change_day - timedelta(days=3)
    start = datetime.combine(first, time(0), tzinfo=zone).astimezone(UTC)

    sent = run(app, start, start + timedelta(days=7))

    assert [kind for _, kind, _ in sent] == ["checkin"] * 7
    assert [when.astimezone(zone).date() for _, _, when in sent] == local_days(first, 7)
    assert {when.astimezone(zone).time() for _, _, when in sent} == {time(8, 0)}
    assert len(outbox(app)) == 7


def test_two_people_in_two_timezones_each_get_theirs_at_their_own_eight(app: Flask) -> None:
    london = make_user(app, timezone="Europe/London")
    new_york = make_user(app, timezone="America/New_York")
    for person in (london, new_york):
        choose(person, checkin=slot("08:00"))
    start = datetime(2026, 10, 22, tzinfo=UTC)

    sent = run(app, start, start + timedelta(days=14))

    per_person = Counter(user_id for user_id, _, _ in sent)
    assert per_person[london.id] == 14 and per_person[new_york.id] == 14
    hours = {(user_id, when.hour) for user_id, _, when in sent}
    # Eight in the morning is 07:00 or 08:00 UTC in London, 12:00 or 13:00 UTC in New York.
    assert hours == {
        (london.id, 7),
        (london.id, 8),
        (new_york.id, 12),
        (new_york.id, 13),
    }


def test_a_time_skipped_by_spring_forward_comes_at_the_first_moment_after(app: Flask) -> None:
    person = make_user(app, timezone="America/New_York")
    choose(person, checkin=slot("02:30"))
    zone = ZoneInfo("America/New_York")
    start = datetime(2026, 3, 7, 12, tzinfo=UTC)

    sent = run(app, start, start + timedelta(days=2))

    local = [when.astimezone(zone) for _, _, when in sent]
    assert [moment.date() for moment in local] == [date(2026, 3, 8), date(2026, 3, 9)]
    assert local[0].time() == time(3, 0)
    assert local[1].time() == time(2, 30)


def test_nothing_is_sent_in_quiet_hours(app: Flask) -> None:
    person = make_user(app, timezone="Europe/London")
    choose(person, checkin=slot("23:00"), quiet_hours={"from": "22:00", "to": "07:00"})
    start = datetime(2026, 10, 22, tzinfo=UTC)

    assert run(app, start, start + timedelta(days=7)) == []
    assert outbox(app) == []


def test_only_the_chosen_days(app: Flask) -> None:
    person = make_user(app, timezone="Europe/London")
    choose(person, checkin=slot("09:00", ["sat", "sun"]))
    start = datetime(2026, 10, 19, tzinfo=UTC)  # a Monday

    sent = run(app, start, start + timedelta(days=7))

    assert [when.date() for _, _, when in sent] == [date(2026, 10, 24), date(2026, 10, 25)]


def test_no_check_in_reminder_on_a_day_they_already_checked_in(app: Flask) -> None:
    person = make_user(app, timezone="Europe/London")
    choose(person, checkin=slot("20:00"))
    space_id = make_space(person, my_role="hurt")
    checked_in_at = datetime(2026, 10, 23, 9, tzinfo=UTC)
    with app.app_context():
        db.session.add(
            Checkin(space_id=space_id, author_id=person.id, felt_safety=3, created_at=checked_in_at)
        )
        db.session.commit()
    start = datetime(2026, 10, 22, tzinfo=UTC)

    sent = run(app, start, start + timedelta(days=3))

    assert [when.date() for _, _, when in sent] == [date(2026, 10, 22), date(2026, 10, 24)]


def test_a_snooze_holds_reminders_until_it_ends(app: Flask) -> None:
    person = make_user(app, timezone="UTC")
    choose(person, checkin=slot("08:00"), snoozed_until="2026-10-24T00:00:00+00:00")
    start = datetime(2026, 10, 22, tzinfo=UTC)

    sent = run(app, start, start + timedelta(days=3))

    assert [when.date() for _, _, when in sent] == [date(2026, 10, 24)]


def test_a_repeated_run_sends_nothing_twice(app: Flask) -> None:
    person = make_user(app, timezone="UTC")
    choose(person, checkin=slot("08:00"))
    now = datetime(2026, 10, 22, 9, tzinfo=UTC)

    with app.app_context():
        first = service.send_due(now=now)
        again = service.send_due(now=now)
        later = service.send_due(now=now + timedelta(hours=3))

    assert (first, again, later) == (1, 0, 0)
    assert len(outbox(app)) == 1


def test_reminder_mail_is_content_free(app: Flask) -> None:
    person = make_user(app, timezone="UTC", display_name="Robin Secretname")
    choose(person, checkin=slot("08:00"))

    with app.app_context():
        service.send_due(now=datetime(2026, 10, 22, 9, tzinfo=UTC))
    (mail,) = outbox(app)

    assert mail.template == "reminder-checkin"
    assert mail.detail is None
    assert "Secretname" not in (mail.link or "")


def test_a_commitment_reminder_only_when_a_period_is_unreported(app: Flask) -> None:
    couple = make_couple(app)
    commitment = make_commitment(couple.repairing, couple.space_id, starts_on="2026-10-20")
    reported = report(couple.repairing, couple.space_id, commitment["id"], date(2026, 10, 23))
    assert reported.status_code == 201, reported.get_json()
    for person in (couple.hurt, couple.repairing):
        choose(person, commitments=slot("18:00"))
    start = datetime(2026, 10, 22, tzinfo=UTC)

    sent = run(app, start, start + timedelta(days=3))

    assert [(user_id, kind, when.date()) for user_id, kind, when in sent] == [
        (couple.repairing.id, "commitments", date(2026, 10, 22)),
        (couple.repairing.id, "commitments", date(2026, 10, 24)),
    ]
    assert [mail.template for mail in outbox(app)] == ["reminder-commitments"] * 2


def test_turning_a_reminder_on_after_its_time_does_not_fire_it_at_once(app: Flask) -> None:
    person = make_user(app, timezone="UTC")
    choose(person, checkin=slot("08:00"))

    with app.app_context():
        assert service.send_due(now=datetime(2026, 10, 22, 20, tzinfo=UTC)) == 0
