"""What the commitment endpoints accept and return."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, validate

from mend.commitments.models import CADENCES, OUTCOMES, STATUSES, VERDICTS
from mend.schema import StrictSchema, page_schema, record_day, words

TITLE_MAX = 200
TEXT_MAX = 5_000
REASON_MAX = 1_000


def _note() -> fields.String:
    """An optional note; an empty one is the same as none."""
    return fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(
            max=TEXT_MAX, error="Please keep this to {max} characters or fewer."
        ),
    )


def _choice(choices: tuple[str, ...]) -> fields.String:
    return fields.String(
        required=True, validate=validate.OneOf(choices, error="Choose one of: {choices}.")
    )


def _blank_to_none(data: dict[str, Any], *names: str) -> dict[str, Any]:
    for name in names:
        if data.get(name) is not None and not data[name].strip():
            data[name] = None
    return data


class CommitmentIn(StrictSchema):
    """A new commitment: what the repairing partner will do, how often, from when."""

    title = words(
        required=True,
        maximum=TITLE_MAX,
        blank="Please name what you are committing to.",
        too_long="Please keep the title to {max} characters or fewer.",
    )
    description = _note()
    cadence = _choice(CADENCES)
    starts_on = fields.Date(
        load_default=None,
        allow_none=True,
        validate=record_day,
        metadata={"description": "Defaults to today, in your timezone; at most a year ahead."},
    )

    @post_load
    def _tidy(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        data["title"] = data["title"].strip()
        return _blank_to_none(data, "description")


class CommitmentStatusIn(StrictSchema):
    """A change of status, always with its reason; the history is kept."""

    status = _choice(STATUSES)
    reason = words(
        required=True,
        maximum=REASON_MAX,
        blank="Please say why, in a few words.",
        too_long="Please keep the reason to {max} characters or fewer.",
    )


class CheckIn(StrictSchema):
    """How one period went: a day, or (weekly) any day of the ISO week."""

    period_start = fields.Date(required=True, validate=record_day)
    outcome = _choice(OUTCOMES)
    note = _note()

    @post_load
    def _tidy(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        return _blank_to_none(data, "note")


class ReviewIn(StrictSchema):
    """The hurt partner's view of a check: confirmed, or disputed."""

    verdict = _choice(VERDICTS)
    note = _note()

    @post_load
    def _tidy(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        return _blank_to_none(data, "note")


class ReviewOut(StrictSchema):
    """The review that stands on a check (the newest one)."""

    id = fields.Integer(required=True)
    check_id = fields.Integer(required=True)
    verdict = fields.String(required=True)
    note = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    author_id = fields.Integer(required=True, allow_none=True)


class ReplyIn(StrictSchema):
    """A reply under a reviewed check."""

    body = words(
        maximum=2000,
        blank="Please write a few words.",
        too_long="Please keep this under 2,000 characters.",
        required=True,
        metadata={"description": "What you want to say about this check and its review."},
    )


class ReplyOut(StrictSchema):
    """A reply under a check."""

    id = fields.Integer(required=True)
    check_id = fields.Integer(required=True)
    author_id = fields.Integer(required=True, allow_none=True)
    body = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)


class CheckOut(StrictSchema):
    """How one period went; `review` is null if there is none the viewer may see."""

    id = fields.Integer(required=True)
    commitment_id = fields.Integer(required=True)
    period_start = fields.Date(required=True)
    outcome = fields.String(required=True)
    note = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    review = fields.Nested(ReviewOut, required=True, allow_none=True)
    replies = fields.List(
        fields.Nested(ReplyOut),
        required=True,
        metadata={"description": "Replies under the check the viewer may read, oldest first."},
    )


class StatusChangeOut(StrictSchema):
    """One change of status, with its reason and the day it took effect."""

    status = fields.String(required=True)
    reason = fields.String(required=True)
    effective_on = fields.Date(required=True)
    created_at = fields.AwareDateTime(required=True)


class CommitmentOut(StrictSchema):
    """A commitment as it stands, with its reliability (0..1) and current streak."""

    id = fields.Integer(required=True)
    space_id = fields.Integer(required=True)
    author_id = fields.Integer(required=True, allow_none=True)
    title = fields.String(required=True)
    description = fields.String(required=True, allow_none=True)
    cadence = fields.String(required=True)
    starts_on = fields.Date(required=True)
    created_at = fields.AwareDateTime(required=True)
    status = fields.String(required=True)
    reliability = fields.Float(
        required=True,
        metadata={"description": "Smoothed share of periods kept, from 0 to 1."},
    )
    streak = fields.Integer(
        required=True, metadata={"description": "Kept periods in a row, up to the latest one."}
    )
    current_check = fields.Nested(
        CheckOut,
        required=True,
        allow_none=True,
        metadata={"description": "The check for the current day or week, if reported."},
    )


class CommitmentDetailOut(CommitmentOut):
    """A commitment with its checks (newest first) and status history (oldest first)."""

    checks = fields.List(fields.Nested(CheckOut), required=True)
    status_history = fields.List(fields.Nested(StatusChangeOut), required=True)


CommitmentPageOut = page_schema(CommitmentOut, "CommitmentPageOut")


class AwaitingReviewOut(CheckOut):
    """A reported check still waiting for the hurt partner's review (`review` is null)."""

    commitment_title = fields.String(required=True)
    cadence = fields.String(required=True)


AwaitingReviewPageOut = page_schema(AwaitingReviewOut, "AwaitingReviewPageOut")
