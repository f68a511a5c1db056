"""Erasing an account's words from the trust record while its ledger stays verifiable.

Rows a deleted account wrote are not removed: others' replies keep their place,
and the ledger keeps every entry. Instead each such row has its words blanked
and its author set to None (so no one sees it any more: nothing is visible
whose author is not a member), and one `Erasure` row per space lists them.
The erasure is itself chained into the ledger, and verification accepts a
changed content hash only for rows an erasure lists.

`AUTHORED` is the one table of what a person writes: which rows count as
theirs (through which author column, on the row or on its parent) and what
erasing writes into each of the row's own columns. Exports use it as well,
to list everything a person wrote, everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, delete, select, update

from mend import policy
from mend.auth.models import User
from mend.checkins.models import SCALES, Checkin
from mend.commitments import snapshots
from mend.commitments.models import (
    CheckReply,
    CheckReview,
    Commitment,
    CommitmentCheck,
    CommitmentStatusChange,
)
from mend.database import utcnow
from mend.disclosures.models import (
    Disclosure,
    DisclosureAcknowledgement,
    DisclosureResponse,
    DisclosureRevision,
)
from mend.extensions import db
from mend.idempotency import forget_answers
from mend.mail.outbox import forget_address
from mend.record import service as record_service
from mend.record.models import Erasure, Ledgered
from mend.spaces.models import Membership, Space

SCORES_BLANK = dict.fromkeys(SCALES)


@dataclass(frozen=True)
class AuthoredKind:
    """One kind of ledgered row: who wrote it, which space it is in, and how it is blanked."""

    model: type[Ledgered]
    author: Any  # the column naming the writer, on the row or on a parent joined below
    space: Any  # the column naming the row's space
    parents: tuple[type, ...]  # joined in order to reach those columns
    blanks: Mapping[str, Any]  # the row's own columns, and what erasing writes into them

    def written_by(self, user_id: int) -> Select[Any]:
        """Every row of this kind the user wrote, with its space id, oldest first."""
        query = select(self.model, self.space).select_from(self.model)
        for parent in self.parents:
            query = query.join(parent)
        return query.where(self.author == user_id).order_by(self.model.id)  # type: ignore[attr-defined]


AUTHORED: tuple[AuthoredKind, ...] = (
    AuthoredKind(
        Disclosure,
        Disclosure.author_id,
        Disclosure.space_id,
        (),
        {"author_id": None, "occurred_on": None},
    ),
    AuthoredKind(
        DisclosureRevision,
        Disclosure.author_id,
        Disclosure.space_id,
        (Disclosure,),
        {"title": "", "body": "", "reason": None},
    ),
    AuthoredKind(
        DisclosureResponse,
        DisclosureResponse.author_id,
        Disclosure.space_id,
        (Disclosure,),
        {"author_id": None, "body": ""},
    ),
    AuthoredKind(
        DisclosureAcknowledgement,
        DisclosureAcknowledgement.user_id,
        Disclosure.space_id,
        (Disclosure,),
        {"user_id": None},
    ),
    AuthoredKind(
        Commitment,
        Commitment.author_id,
        Commitment.space_id,
        (),
        {"author_id": None, "title": "", "description": None},
    ),
    AuthoredKind(
        CommitmentStatusChange,
        Commitment.author_id,
        Commitment.space_id,
        (Commitment,),
        {"author_id": None, "reason": ""},
    ),
    AuthoredKind(
        CommitmentCheck,
        Commitment.author_id,
        Commitment.space_id,
        (Commitment,),
        {"note": None},
    ),
    AuthoredKind(
        CheckReview,
        CheckReview.author_id,
        Commitment.space_id,
        (CommitmentCheck, Commitment),
        {"author_id": None, "note": None},
    ),
    AuthoredKind(
        CheckReply,
        CheckReply.author_id,
        Commitment.space_id,
        (CommitmentCheck, Commitment),
        {"author_id": None, "body": ""},
    ),
    AuthoredKind(
        Checkin,
        Checkin.author_id,
        Checkin.space_id,
        (),
        {"author_id": None, "note": None, "tags": [], **SCORES_BLANK},
    ),
)


@dataclass(frozen=True)
class AuthoredRow:
    """One row a person wrote, with its kind and space."""

    kind: AuthoredKind
    row: Any
    space_id: int

    @property
    def ref(self) -> list[Any]:
        """The row as an erasure lists it: [ledger kind, id]."""
        return [self.kind.model.ledger_kind, self.row.id]


def authored_rows(user_id: int) -> list[AuthoredRow]:
    """Every ledgered row the user wrote, in every space: one query per kind."""
    return [
        AuthoredRow(kind=kind, row=row, space_id=space_id)
        for kind in AUTHORED
        for row, space_id in db.session.execute(kind.written_by(user_id))
    ]


def erase_account(*, user: User) -> list[int]:
    """Erase what the user wrote, delete the account, and drop spaces no one else was in.

    Not committed: the caller commits it all as one unit. The user's row and
    spaces are locked first, so nothing they write at the same moment can slip
    past the erasure and lose its author afterwards, unrecorded. Deleting the
    user row deletes their memberships, login sessions, grants, access log and
    idempotency keys.
    Returns the spaces the user was in that remain (their member lists changed).
    """
    space_ids = _lock(user.id)
    by_space: defaultdict[int, list[AuthoredRow]] = defaultdict(list)
    for authored in authored_rows(user.id):  # all found before any is blanked
        by_space[authored.space_id].append(authored)
    for space_id in sorted(by_space):
        _erase_in_space(space_id, by_space[space_id])
    _refresh_snapshots(space_ids)
    _leave_everywhere(user.id)
    forget_answers(space_ids=space_ids)  # stored answers may quote the erased words
    forget_address(email=user.email)  # mail not yet sent to the account
    db.session.delete(user)
    db.session.flush()
    _drop_spaces_left_empty(space_ids)
    return list(db.session.scalars(select(Space.id).where(Space.id.in_(space_ids))))


def _refresh_snapshots(space_ids: list[int]) -> None:
    """Rebuild the spaces' reliability snapshots: they name each dispute's reviewer, and
    no derived row may keep an erased person's id."""
    commitments = db.session.scalars(select(Commitment).where(Commitment.space_id.in_(space_ids)))
    snapshots.rebuild(list(commitments))


def _leave_everywhere(user_id: int) -> None:
    """End every membership; the rows outlive the account (user_id becomes NULL) so that
    a partner's role in a space is never handed to someone new."""
    db.session.execute(
        update(Membership)
        .where(Membership.user_id == user_id, Membership.left_at.is_(None))
        .values(left_at=utcnow()),
        execution_options={"synchronize_session": False},
    )


def _erase_in_space(space_id: int, rows: list[AuthoredRow]) -> Erasure:
    """Blank the rows of one space and append the erasure that lists them to its ledger."""
    for authored in rows:
        for column, blank in authored.kind.blanks.items():
            setattr(authored.row, column, _fresh(blank))
    erasure = Erasure(space_id=space_id, refs=[authored.ref for authored in rows])
    db.session.add(erasure)
    record_service.append(space_id=space_id, row=erasure)
    return erasure


def _fresh(blank: Any) -> Any:
    """A blank value of its own, so rows never share one mutable list."""
    return list(blank) if isinstance(blank, list) else blank


def _lock(user_id: int) -> list[int]:
    """Lock the user (new rows naming them wait) and their spaces (ledger writers wait).

    The spaces are locked the way the ledger locks them, in id order; SQLite's
    BEGIN IMMEDIATE already serialises writers, so there this only reads.
    Returns the ids of every space the user is or was in.
    """
    db.session.execute(select(User.id).where(User.id == user_id).with_for_update())
    return policy.lock_spaces(select(Membership.space_id).where(Membership.user_id == user_id))


def _drop_spaces_left_empty(space_ids: list[int]) -> None:
    """Delete the spaces no one else was ever in: no one could open them again.

    A space someone else left is kept, so they can still export what they wrote there.
    """
    anyone = (
        select(Membership.id)
        .where(Membership.space_id == Space.id, Membership.user_id.is_not(None))
        .exists()
    )
    db.session.execute(
        delete(Space).where(Space.id.in_(space_ids), ~anyone),
        execution_options={"synchronize_session": False},
    )
