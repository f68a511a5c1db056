"""Commitment history as reliability reads it: bulk rows for many commitments at once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Result, Select, select

from mend.commitments.models import CheckReply, CheckReview, CommitmentCheck
from mend.extensions import db


def history_rows(model: Any, ids: list[int], *columns: Any) -> Result[Any]:
    """Only the columns reliability needs, for every row of the given commitments."""
    return db.session.execute(
        select(model.id, model.commitment_id, *columns)
        .where(model.commitment_id.in_(ids))
        .order_by(model.id)
    )


def by_commitment(rows: Iterable[Any]) -> defaultdict[int, list[Any]]:
    """Rows grouped by the commitment they belong to, in the order they came."""
    grouped: defaultdict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.commitment_id].append(row)
    return grouped


def reviews_of(condition: ColumnElement[bool], *entities: Any) -> Select[Any]:
    """Reviews of the checks matching condition, oldest first."""
    return (
        select(*entities)
        .join(CommitmentCheck, CommitmentCheck.id == CheckReview.check_id)
        .where(condition)
        .order_by(CheckReview.id)
    )


def newest_reviews(reviews: Iterable[Any]) -> dict[int, Any]:
    """The newest review of each check: later rows overwrite earlier ones."""
    return {review.check_id: review for review in reviews}


def replies_of(condition: ColumnElement[bool]) -> Select[Any]:
    """Replies under the checks matching condition, oldest first."""
    return (
        select(CheckReply)
        .join(CommitmentCheck, CommitmentCheck.id == CheckReply.check_id)
        .where(condition)
        .order_by(CheckReply.id)
    )
