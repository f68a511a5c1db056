"""Push subscriptions, and sending one neutral notification to a person's browsers.

The payload is fixed text (never a record's content, a name or a score), encrypted
for each browser (RFC 8291 aes128gcm) and signed with the server's VAPID key (RFC 8292).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from flask import current_app
from pywebpush import WebPushException, webpush
from sqlalchemy import delete, select

from mend.auth.models import User
from mend.config import Settings
from mend.errors import Invalid, NotFound
from mend.extensions import db
from mend.push.endpoints import require_public
from mend.push.models import PushSubscription

log = logging.getLogger(__name__)

NEUTRAL = {"title": "Mend", "body": "A gentle reminder you asked for.", "url": "/"}
GONE = (404, 410)
TIMEOUT_SECONDS = 10
PUSH_OFF = "Notifications on this device are not available on this server; email still works."


@dataclass(frozen=True)
class PushKey:
    """Whether push is on, and the key a browser subscribes with."""

    enabled: bool
    public_key: str | None


def _settings() -> Settings:
    return current_app.config["MEND"]


def push_key() -> PushKey:
    """The VAPID public key, or push switched off when the server has none."""
    key = _settings().vapid_public_key
    return PushKey(enabled=key is not None, public_key=key)


def subscribe(*, actor: User, endpoint: str, keys: dict[str, str]) -> PushSubscription:
    """Remember a browser's subscription (the same endpoint again replaces the old row)."""
    settings = _settings()
    if settings.vapid_private_key is None:
        raise Invalid("endpoint", PUSH_OFF)
    require_public(endpoint, allowed_origins=settings.push_allowed_origins)
    db.session.execute(delete(PushSubscription).where(PushSubscription.endpoint == endpoint))
    row = PushSubscription(
        user_id=actor.id, endpoint=endpoint, p256dh=keys["p256dh"], auth=keys["auth"]
    )
    db.session.add(row)
    db.session.commit()
    return row


def unsubscribe(*, actor: User, subscription_id: int) -> None:
    """Forget one of the actor's subscriptions; someone else's is 404."""
    row = db.session.get(PushSubscription, subscription_id)
    if row is None or row.user_id != actor.id:
        raise NotFound("We couldn't find that device.")
    db.session.delete(row)
    db.session.commit()


def notify(user_id: int, *, body: str = NEUTRAL["body"]) -> int:
    """Send a neutral notification to each of the person's browsers; returns how many took it.

    `body` is one of the fixed, content-free lines of the caller (never a record's words).

    Runs outside any transaction that matters: a browser that answers 404/410 has
    unsubscribed, and its row is deleted.
    """
    settings = _settings()
    if settings.vapid_private_key is None:
        return 0
    rows = db.session.scalars(
        select(PushSubscription).where(PushSubscription.user_id == user_id)
    ).all()
    delivered = 0
    for row in rows:
        delivered += _send(row, settings, {**NEUTRAL, "body": body})
    db.session.commit()
    return delivered


def _send(row: PushSubscription, settings: Settings, payload: dict[str, str]) -> int:
    try:
        require_public(row.endpoint, allowed_origins=settings.push_allowed_origins)
        webpush(
            subscription_info={
                "endpoint": row.endpoint,
                "keys": {"p256dh": row.p256dh, "auth": row.auth},
            },
            data=json.dumps(payload),
            vapid_private_key=settings.vapid_private_key,
            vapid_claims={"sub": settings.vapid_subject},
            content_encoding="aes128gcm",
            ttl=12 * 60 * 60,
            timeout=TIMEOUT_SECONDS,
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in GONE:
            db.session.delete(row)
        log.info("push not delivered: subscription=%s status=%s", row.id, status)
        return 0
    except Invalid:
        log.info("push not sent: subscription=%s address no longer public", row.id)
        return 0
    return 1
