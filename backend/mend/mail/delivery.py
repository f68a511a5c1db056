"""Delivering outbox rows: claim a row, send it, mark it sent; retry with backoff on failure.

Delivery is at-least-once with the smallest window we can make: a row is claimed with a
lease in one UPDATE (so two workers never send the same row at once), sent, then marked
sent in one UPDATE. A failed attempt is retried with exponential backoff and never
marked sent, so an outage loses nothing and a refused send is never counted. The one
case that can send twice is a worker killed after the mail server accepted the message
and before the row was marked (a few milliseconds); the row is then re-sent when its
lease runs out, with the same Message-ID so mail clients can fold the two. Choosing
at-most-once instead would lose a password-reset mail on every such crash, which is
worse for the person waiting for it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from huey import crontab
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from mend.database import utcnow
from mend.extensions import db
from mend.mail.models import OutboxMail
from mend.mail.transport import compose, send
from mend.tasks import app_context, huey

MAX_ATTEMPTS = 12
MAX_BACKOFF_SECONDS = 3600.0
# The sweep leaves fresh rows to the task queued at commit (for this long, or the lease if
# shorter), so the two rarely meet; if they do, the claim lets only one of them send.
SWEEP_GRACE_SECONDS = 30.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claimed:
    """What a worker needs to send one row, read in the UPDATE that claimed it."""

    id: int
    to: str
    template: str
    link: str | None
    detail: str | None
    created_at: datetime
    attempts: int

    @property
    def key(self) -> str:
        """The row's lasting name (see OutboxMail.key)."""
        return OutboxMail.key_for(self.created_at, self.id)


@huey.task()
def deliver(mail_id: int) -> None:
    """Send one outbox row, unless it was sent already or another worker holds it.

    No transaction stays open while the mail server is talked to: SQLite's write
    lock (and a PostgreSQL connection) is held only for the claim and the marking.
    """
    with app_context() as app:
        settings = app.config["MEND"]
        with Session(db.engine) as session:
            mail = _claim(session, mail_id, lease=timedelta(seconds=settings.mail_lease_seconds))
            if mail is None:
                return
            try:
                message = compose(
                    settings,
                    mail_key=mail.key,
                    to=mail.to,
                    template=mail.template,
                    link=mail.link,
                    detail=mail.detail,
                )
                send(settings, message, mail_key=mail.key, link=mail.link)
            except Exception as error:  # noqa: BLE001  any failure is retried later
                _failed(session, mail, base_seconds=settings.mail_retry_seconds, error=error)
                return
            _mark_sent(session, mail.id)


def _claim(session: Session, mail_id: int, *, lease: timedelta) -> Claimed | None:
    """Take the row for this worker for the lease, in one UPDATE; None if it is not ours."""
    now = utcnow()
    row = session.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == mail_id,
            OutboxMail.sent_at.is_(None),
            OutboxMail.failed_at.is_(None),
            or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
        )
        .values(claimed_until=now + lease, attempts=OutboxMail.attempts + 1)
        .returning(
            OutboxMail.id,
            OutboxMail.to,
            OutboxMail.template,
            OutboxMail.link,
            OutboxMail.detail,
            OutboxMail.created_at,
            OutboxMail.attempts,
        )
        .execution_options(synchronize_session=False)
    ).one_or_none()
    session.commit()
    return Claimed(*row) if row is not None else None


def _mark_sent(session: Session, mail_id: int) -> None:
    """Sent: the row keeps its template and times; the address and the token-bearing link go."""
    session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == mail_id)
        .values(sent_at=utcnow(), claimed_until=None, link=None, to="")
        .execution_options(synchronize_session=False)
    )
    session.commit()
    log.info("Mail %s sent", mail_id)


def _failed(session: Session, mail: Claimed, *, base_seconds: float, error: Exception) -> None:
    """Release the row and schedule the next try, or give up after MAX_ATTEMPTS."""
    attempts = mail.attempts
    delay = min(base_seconds * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS)
    gave_up = attempts >= MAX_ATTEMPTS
    values = {"claimed_until": None, "next_attempt_at": utcnow() + timedelta(seconds=delay)}
    if gave_up:
        values.update(failed_at=utcnow(), link=None, to="")
    session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == mail.id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    # The error's class only: an SMTP answer may quote the recipient's address.
    if gave_up:
        log.error(
            "Mail %s failed %s times (%s); giving up", mail.id, attempts, type(error).__name__
        )
        return
    log.warning(
        "Mail %s attempt %s failed (%s); retrying in %.0f s",
        mail.id,
        attempts,
        type(error).__name__,
        delay,
    )
    deliver.schedule((mail.id,), delay=delay)


@huey.periodic_task(crontab(minute="*"))
def sweep() -> None:
    """Queue every row still unsent whose next try is due (lost hand-overs, expired leases)."""
    for mail_id in due_mail_ids():
        deliver(mail_id)


def due_mail_ids() -> list[int]:
    """Unsent rows that no worker holds and whose next try is due."""
    now = utcnow()
    with app_context() as app, Session(db.engine) as session:
        grace = min(SWEEP_GRACE_SECONDS, app.config["MEND"].mail_lease_seconds)
        return list(
            session.scalars(
                select(OutboxMail.id).where(
                    OutboxMail.sent_at.is_(None),
                    OutboxMail.failed_at.is_(None),
                    OutboxMail.next_attempt_at < now - timedelta(seconds=grace),
                    or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
                )
            )
        )
