"""A person's own data rights: taking their data with them, and deleting their account."""

from __future__ import annotations

import logging
from functools import partial

from mend.account import erasure, export
from mend.auth.models import User
from mend.auth.passwords import verify_password
from mend.errors import Forbidden
from mend.extensions import db
from mend.live.events import publish
from mend.live.sockets import disconnect_user
from mend.spaces import events as space_events

WRONG_PASSWORD = "That password doesn't match. Your account is still here; nothing was deleted."

log = logging.getLogger(__name__)


def export_data(*, actor: User) -> export.ExportFile:
    """Everything the actor wrote or may see now, as a file to download."""
    return export.build(actor=actor)


def delete_account(*, actor: User, password: str) -> None:
    """Erase what the actor wrote, keep every ledger verifiable, and delete the account.

    One transaction: the erasure, and the deletion of the account with its
    memberships, grants, access log and every login session (so a copied
    cookie stops working too). Then its open sockets close, and the others
    in each remaining space hear that a member left.
    """
    if not verify_password(actor.password_hash, password):
        raise Forbidden(WRONG_PASSWORD, slug="wrong-password")
    user_id = actor.id
    spaces_left = erasure.erase_account(user=actor)
    db.session.commit()
    log.info("account %s deleted", user_id)
    disconnect_user(user_id)
    for space_id in spaces_left:
        publish(
            partial(
                space_events.membership_changed,
                "member.left",
                space_id=space_id,
                user_id=user_id,
                actor_id=user_id,
            )
        )
