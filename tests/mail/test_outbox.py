"""The outbox: a mail exists exactly when the change that caused it commits, and says nothing
private; delivery retries through an outage and sends each mail once."""

from __future__ import annotations

import email
import email.policy
import time
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from mend.extensions import db
from mend.mail.models import OutboxMail
from mend.mail.outbox import public_link, queue
from mend.mail.templates import TEMPLATES
from tests.builders import PASSWORD, make_user
from tests.mail.smtp import MailServer, text_of


def outbox_files(app: Flask) -> list[Path]:
    """The .eml files the embedded default wrote."""
    folder = Path(app.config["MEND"].instance_path) / "outbox"
    return sorted(folder.glob("*.eml")) if folder.exists() else []


def test_a_committed_mail_is_written_to_the_outbox_folder_without_smtp(app: Flask) -> None:
    before = len(outbox_files(app))
    with app.test_request_context():
        queue(
            to="someone@example.org",
            template="password-reset",
            link=public_link("/reset-password", token="tok123"),
        )
        db.session.commit()
        row = db.session.scalars(select(OutboxMail)).one()
        # The token and the address leave the database once the mail is out.
        assert row.sent_at is not None and row.link is None and row.to == ""
    files = outbox_files(app)
    assert len(files) == before + 1
    message = email.message_from_bytes(files[-1].read_bytes(), policy=email.policy.default)
    assert message["To"] == "someone@example.org"
    assert "/reset-password#token=tok123" in text_of(message)
    assert message.get_content_type() == "multipart/alternative"


def test_a_mail_queued_in_a_rolled_back_change_is_never_sent(app: Flask) -> None:
    before = len(outbox_files(app))
    with app.test_request_context():
        queue(to="someone@example.org", template="verify-email", link="http://x/verify#token=a")
        db.session.flush()
        db.session.rollback()
        db.session.commit()
        assert db.session.scalars(select(OutboxMail)).all() == []
    assert len(outbox_files(app)) == before


def test_an_unknown_template_is_refused(app: Flask) -> None:
    with app.test_request_context(), pytest.raises(ValueError):
        queue(to="someone@example.org", template="your-partner-wrote")


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_every_mail_has_text_and_html_a_neutral_subject_and_the_link(
    queued_app: Flask, running_consumer: None, smtp_server: MailServer, template: str
) -> None:
    with queued_app.test_request_context():
        queue(
            to="a@example.org",
            template=template,
            link="http://127.0.0.1:5000/x#token=T0K",
            detail="Firefox on Linux",
        )
        db.session.commit()
    (message,) = smtp_server.wait_for(1)
    assert message["Subject"] == "Account notice"
    assert message["From"] == "Account notice <no-reply@localhost>"
    kinds = [part.get_content_type() for part in message.walk()]
    assert "text/plain" in kinds and "text/html" in kinds
    assert "http://127.0.0.1:5000/x#token=T0K" in text_of(message)
    assert "betrayal" not in text_of(message).lower()


def test_an_smtp_outage_loses_nothing_and_sends_each_mail_once(
    queued_app: Flask, running_consumer: None, smtp_server: MailServer
) -> None:
    smtp_server.stop()
    addresses = [f"person{n}@example.org" for n in range(5)]
    with queued_app.test_request_context():
        for address in addresses:
            queue(to=address, template="verify-email", link="http://x/verify#token=abc")
        db.session.commit()
    _wait_until(lambda: _attempts(queued_app) >= 2 * len(addresses))  # tried, failed, retried
    assert smtp_server.received() == []
    smtp_server.start()
    received = smtp_server.wait_for(len(addresses), timeout=30)
    time.sleep(1.5)  # long enough for any second copy (retries are 0.3 s apart) to arrive
    received = smtp_server.received()
    assert sorted(m["To"] for m in received) == addresses
    assert len({m["Message-ID"] for m in received}) == len(addresses)
    with queued_app.app_context():
        rows = db.session.scalars(select(OutboxMail)).all()
        assert all(row.sent_at is not None and row.link is None for row in rows)


def _attempts(app: Flask) -> int:
    with app.app_context():
        db.session.remove()
        return sum(db.session.scalars(select(OutboxMail.attempts)))


def _wait_until(condition, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_deleting_an_account_drops_its_waiting_mail_and_sent_mail_keeps_no_address(
    queued_app: Flask,
) -> None:
    user = make_user(queued_app)  # its verification mail waits: no worker is running
    email_address = user.user["email"]  # type: ignore[index]
    with queued_app.app_context():
        assert db.session.scalars(select(OutboxMail.to)).all() == [email_address]
    response = user.request("DELETE", "/account", json={"password": PASSWORD})
    assert response.status_code == 204
    with queued_app.app_context():
        db.session.remove()
        assert db.session.scalars(select(OutboxMail)).all() == []


def test_a_slow_mail_server_never_holds_up_the_apps_writes(
    queued_app: Flask, running_consumer: None, smtp_server: MailServer
) -> None:
    smtp_server.stall.set()
    try:
        with queued_app.test_request_context():
            queue(to="slow@example.org", template="verify-email", link="http://x/v#token=s")
            db.session.commit()
        assert smtp_server.delivery_started.wait(timeout=20)
        started = time.monotonic()
        make_user(queued_app)  # writes while the worker is in the middle of the SMTP talk
        assert time.monotonic() - started < 5
    finally:
        smtp_server.stall.clear()
    smtp_server.wait_for(1)
