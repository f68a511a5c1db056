"""`queue(...)`: add a mail to the outbox in the caller's transaction; delivery starts after commit.

The row is added to the current database session and nothing is committed here, so the
mail exists exactly when the change that causes it does (a transactional outbox). Once
the session commits, each new row is handed to the task queue; if that hand-over fails
(Redis away), the periodic sweep in mend.mail.delivery picks the row up later.
"""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import delete, event
from sqlalchemy.orm import Session

from mend.extensions import db
from mend.mail.delivery import deliver
from mend.mail.models import OutboxMail
from mend.mail.templates import TEMPLATES

PENDING = "mend.mail.pending"
FLUSHED = "mend.mail.flushed"

log = logging.getLogger(__name__)


def queue(*, to: str, template: str, link: str | None = None, detail: str | None = None) -> None:
    """Add a mail to the outbox in the current transaction (the caller commits).

    `template` names one of mend.mail.templates.TEMPLATES; `link` is a full URL
    (see public_link); `detail` is a short non-personal note such as a device name.
    """
    if template not in TEMPLATES:
        raise ValueError(f"unknown mail template {template!r}")
    mail = OutboxMail(to=to, template=template, link=link, detail=detail)
    db.session.add(mail)
    db.session.info.setdefault(PENDING, []).append(mail)


def forget_address(*, email: str) -> None:
    """Drop mail still waiting for an address (account deletion), in the caller's transaction.

    Sent mail keeps no address (mend.mail.delivery clears it), so nothing else remains.
    """
    db.session.execute(delete(OutboxMail).where(OutboxMail.to == email))


def public_link(path: str, *, token: str | None = None) -> str:
    """A link into the web app at MEND_PUBLIC_URL; a token goes in the fragment, never the query,
    so it reaches neither server logs nor a Referer header."""
    base = current_app.config["MEND"].public_url
    return f"{base}{path}" + (f"#token={token}" if token else "")


@event.listens_for(Session, "after_flush")
def _remember_ids(session: Session, _context: object) -> None:
    pending = session.info.get(PENDING)
    if not pending:
        return
    flushed = session.info.setdefault(FLUSHED, [])
    for mail in list(pending):
        if mail.id is not None:
            flushed.append(mail.id)
            pending.remove(mail)


@event.listens_for(Session, "after_commit")
def _hand_over(session: Session) -> None:
    ids = session.info.pop(FLUSHED, None)
    if not ids:
        return
    for mail_id in ids:
        try:
            deliver(mail_id)
        except Exception:  # the sweep retries every row still unsent
            log.warning("Mail %s could not be queued now; the sweep will send it", mail_id)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, _previous: object) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(FLUSHED, None)
