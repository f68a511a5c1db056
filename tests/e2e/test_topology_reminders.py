"""Reminders in the production topology (tests/topology): two app processes, one worker with
its periodic schedule, nginx, PostgreSQL, Redis, and mail to a local SMTP server (aiosmtpd).

A check-in reminder turned on in the browser through nginx is mailed exactly once though
the reminder task runs several times; and a worker killed with SIGKILL in the middle of
the reminder task, or in the middle of handing the mail to the SMTP server, loses no
reminder and sends none twice once it is started again. What proves it: the messages the
SMTP server accepted, the day's dedup rows (reminder_sent) and the outbox rows.

The worker's scheduler runs the reminder task every five minutes and the mail sweep every
minute; the test puts those same runs on the queue itself (tests.topology.worker.run_now)
rather than waiting for the clock. Each person's reminder time is their own wall-clock
time now, in their own timezone.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from mend.mail.delivery import sweep
from mend.reminders.tasks import send_due_reminders
from tests.builders import PASSWORD, unique_email
from tests.e2e.steps import section
from tests.live.servers import Person, wait_until
from tests.mail.smtp import MailServer, text_of
from tests.reminders.conftest import choices, slot
from tests.topology.production import (
    MAIL_LEASE_SECONDS,
    Stack,
    https_person,
    mail_server,
    production_stack,
    topology_database,
)
from tests.topology.worker import redis_queue, run_now

pytestmark = pytest.mark.slow
REMINDER_WORDS = "a moment to check in"
SETTLE_SECONDS = 1.5  # room for a second copy to arrive, once nothing is left to do
# The worker waits at most this long for a lock (mend.database.LOCK_TIMEOUT is 2 s).
LOCK_WAIT_SECONDS = 2.0


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[Stack, MailServer, Engine]]:
    """The topology, its SMTP server, and a way into its database."""
    with (
        topology_database(tmp_path) as database_url,
        mail_server() as mail,
        production_stack(tmp_path, database_url=database_url, smtp_url=mail.url) as stack,
    ):
        engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
        try:
            yield stack, mail, engine
        finally:
            engine.dispose()


def zone_and_time_now() -> tuple[str, str]:
    """A timezone where it is nowhere near midnight, and its wall-clock time now (HH:MM):
    a reminder at that time is due now and stays due through the test."""
    for zone in ("Pacific/Auckland", "America/New_York", "Asia/Kolkata"):
        local = datetime.now(ZoneInfo(zone))
        if 1 <= local.hour <= 21:
            return zone, local.strftime("%H:%M")
    raise AssertionError("one of three timezones is always away from midnight")


def sign_up(stack: Stack, name: str, zone: str) -> tuple[Person, str, int]:
    """An account made and signed in through nginx: (person, address, user id)."""
    person = https_person(stack.origin, stack.certificate)
    address = unique_email(name.lower())
    body = {
        "email": address,
        "password": PASSWORD,
        "display_name": f"{name} Secretname",
        "account_type": "partner",
        "timezone": zone,
    }
    assert person.call("POST", "/auth/register", json=body).status_code == 202
    login = person.call("POST", "/auth/login", json={"email": address, "password": PASSWORD})
    assert login.status_code == 200, login.text
    return person, address, int(login.json()["id"])


def reminders_to(mail: MailServer, address: str) -> list[EmailMessage]:
    """The check-in reminders the SMTP server accepted for address."""
    return [m for m in mail.received() if m["To"] == address and REMINDER_WORDS in text_of(m)]


def rows(engine: Engine, query: str, **values: Any) -> list[Any]:
    with engine.connect() as connection:
        return list(connection.execute(text(query), values))


def unsent_mail(engine: Engine) -> int:
    return len(rows(engine, "SELECT id FROM mail_outbox WHERE sent_at IS NULL"))


def settle(stack: Stack, engine: Engine) -> None:
    """Wait until the queue is empty and every mail is sent, then a little longer."""
    with redis_queue(stack.redis_url) as queue:
        idle = lambda: queue.queue_size() == 0 and unsent_mail(engine) == 0  # noqa: E731
        assert wait_until(idle, timeout=30), f"work left over:\n{stack.worker.output()}"
    time.sleep(SETTLE_SECONDS)


def wait_for_reminder(mail: MailServer, address: str, stack: Stack) -> None:
    found = wait_until(lambda: reminders_to(mail, address), timeout=30)
    assert found, f"no reminder reached {address}; the worker said:\n{stack.worker.output()}"


def blocked_on_reminder_rows(engine: Engine) -> list[int]:
    """The sessions waiting for the lock on reminder_sent (the worker, claiming a day)."""
    waiting = rows(
        engine,
        "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        " AND query ILIKE 'INSERT INTO reminder_sent%'",
    )
    return [row.pid for row in waiting]


def gone(engine: Engine, sessions: list[int]) -> bool:
    """Whether those database sessions have ended (a killed worker's roll back when they do)."""
    alive = rows(engine, "SELECT pid FROM pg_stat_activity WHERE pid = ANY(:pids)", pids=sessions)
    return not alive


def turn_on_in_the_browser(browser: Any, stack: Stack, address: str, at: str) -> None:
    """Through nginx: log in, and turn on the check-in reminder at `at` on the account page."""
    context = browser.new_context(base_url=stack.origin, ignore_https_errors=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Email").fill(address)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto("/account")
    reminders = section(page, "Reminders")
    reminders.get_by_label("Remind me to check in").check()
    reminders.get_by_label("Check-in reminder time").fill(at)
    reminders.get_by_role("button", name="Save my reminders").click()
    expect(reminders.get_by_text("Your reminders are saved.")).to_be_visible()
    context.close()


def test_a_due_reminder_is_mailed_once_and_a_killed_worker_loses_none_and_doubles_none(
    browser: Any, running: tuple[Stack, MailServer, Engine]
) -> None:
    stack, mail, engine = running
    zone, now = zone_and_time_now()
    robin, robin_address, robin_id = sign_up(stack, "Robin", zone)
    kai, kai_address, kai_id = sign_up(stack, "Kai", zone)
    ash, ash_address, ash_id = sign_up(stack, "Ash", zone)
    settle(stack, engine)  # the three welcome mails are out of the way

    # Once, though the reminder task runs three times (as three ticks of the schedule would).
    turn_on_in_the_browser(browser, stack, robin_address, now)
    with redis_queue(stack.redis_url) as queue:
        for _ in range(3):
            run_now(queue, send_due_reminders)
    wait_for_reminder(mail, robin_address, stack)
    settle(stack, engine)
    assert len(reminders_to(mail, robin_address)) == 1

    # Killed in the middle of the reminder task: while it waits to write the day's dedup row.
    # (Locked first, so that a tick of the worker's own schedule cannot send it before.)
    body = choices(checkin=slot(now))
    with engine.connect() as holder, redis_queue(stack.redis_url) as queue:
        holder = holder.execution_options(isolation_level="READ COMMITTED")
        lock = holder.begin()
        holder.execute(text("LOCK TABLE reminder_sent IN SHARE MODE"))
        assert kai.call("PUT", "/account/reminders", json=body).status_code == 200
        run_now(queue, send_due_reminders)
        assert wait_until(lambda: blocked_on_reminder_rows(engine), timeout=LOCK_WAIT_SECONDS * 5)
        stack.worker.kill()
        orphans = blocked_on_reminder_rows(engine)
        assert orphans, "the worker's run ended before it was killed"
        lock.rollback()
        assert wait_until(lambda: gone(engine, orphans), timeout=10)
        assert reminders_to(mail, kai_address) == []
        stack.worker.start()
        run_now(queue, send_due_reminders)  # the schedule's next tick
    wait_for_reminder(mail, kai_address, stack)

    # Killed in the middle of handing the reminder to the SMTP server (which stalls from
    # before the reminder is on, whichever tick sends it).
    settle(stack, engine)
    mail.delivery_started.clear()
    mail.stall.set()
    assert ash.call("PUT", "/account/reminders", json=body).status_code == 200
    with redis_queue(stack.redis_url) as queue:
        run_now(queue, send_due_reminders)
        assert mail.delivery_started.wait(timeout=30), "the worker never started sending"
        in_flight = rows(engine, "SELECT template FROM mail_outbox WHERE sent_at IS NULL")
        assert [row.template for row in in_flight] == ["reminder-checkin"]
        stack.worker.kill()
        mail.stall.clear()
        assert reminders_to(mail, ash_address) == []
        time.sleep(MAIL_LEASE_SECONDS + 0.5)  # the dead worker's claim on the mail runs out
        stack.worker.start()
        run_now(queue, sweep)  # what the worker's once-a-minute schedule does
        run_now(queue, send_due_reminders)
    wait_for_reminder(mail, ash_address, stack)
    settle(stack, engine)

    everyone = {robin_id: robin_address, kai_id: kai_address, ash_id: ash_address}
    for address in everyone.values():
        assert len(reminders_to(mail, address)) == 1, address
    sent = [m for address in everyone.values() for m in reminders_to(mail, address)]
    assert len({m["Message-ID"] for m in sent}) == 3
    for message in sent:
        assert "Secretname" not in text_of(message) + str(message["Subject"])
    days = rows(engine, "SELECT user_id, kind, local_day FROM reminder_sent")
    today = datetime.now(ZoneInfo(zone)).date()
    expected = [(user_id, "checkin", today) for user_id in sorted(everyone)]
    assert sorted(tuple(row) for row in days) == expected
    outbox = rows(engine, "SELECT sent_at FROM mail_outbox WHERE template = 'reminder-checkin'")
    assert len(outbox) == 3 and all(row.sent_at is not None for row in outbox)
