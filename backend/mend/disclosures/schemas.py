"""What the disclosure endpoints accept and return."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from mend.disclosures.models import CATEGORIES
from mend.schema import StrictSchema, page_schema, words

TITLE_MAX = 200
BODY_MAX = 20_000
REASON_MAX = 1_000
RESPONSE_MAX = 5_000


def _title(**kwargs: Any) -> fields.String:
    return words(
        maximum=TITLE_MAX,
        blank="Please give this a short title.",
        too_long="Please keep the title to {max} characters or fewer.",
        **kwargs,
    )


def _body(**kwargs: Any) -> fields.String:
    return words(
        maximum=BODY_MAX,
        blank="Please write what happened, and how it affected you both.",
        too_long="This can hold up to {max} characters; more can go in another disclosure.",
        **kwargs,
    )


class DisclosureIn(StrictSchema):
    """A new disclosure: what happened, in the repairing partner's own words."""

    title = _title(required=True)
    body = _body(required=True)
    category = fields.String(
        required=True,
        validate=validate.OneOf(CATEGORIES, error="Choose one of: {choices}."),
    )
    occurred_on = fields.Date(load_default=None, allow_none=True)

    @post_load
    def _trim_title(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        data["title"] = data["title"].strip()
        return data


class RevisionIn(StrictSchema):
    """An open amendment: a new title, a new text, or both, and why."""

    title = _title()
    body = _body()
    reason = words(
        required=True,
        maximum=REASON_MAX,
        blank="Please say why you are amending this.",
        too_long="Please keep the reason to {max} characters or fewer.",
    )

    @validates_schema
    def _something_changes(self, data: dict[str, Any], **_kwargs: object) -> None:
        if "title" not in data and "body" not in data:
            message = "An amendment changes the title, the text, or both."
            raise ValidationError({"title": [message], "body": [message]})

    @post_load
    def _trim_title(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
        if "title" in data:
            data["title"] = data["title"].strip()
        return data


class ResponseIn(StrictSchema):
    """A message in a disclosure's thread: a question, an answer, a reaction."""

    body = words(
        required=True,
        maximum=RESPONSE_MAX,
        blank="Please write something before sending.",
        too_long="Please keep a reply to {max} characters or fewer; you can send another.",
    )


class RevisionOut(StrictSchema):
    """One version of a disclosure's words; number 1 is the original (its reason is null)."""

    number = fields.Integer(required=True)
    title = fields.String(required=True)
    body = fields.String(required=True)
    reason = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    acknowledged_at = fields.AwareDateTime(
        required=True,
        allow_none=True,
        metadata={"description": "When this revision was taken in (null if not, or not shared)."},
    )


class ResponseOut(StrictSchema):
    """A message in a disclosure's thread."""

    id = fields.Integer(required=True)
    disclosure_id = fields.Integer(required=True)
    author_id = fields.Integer(required=True, allow_none=True)
    body = fields.String(required=True)
    created_at = fields.AwareDateTime(required=True)


class AcknowledgementOut(StrictSchema):
    """The hurt partner's explicit "I have taken this in"."""

    disclosure_id = fields.Integer(required=True)
    user_id = fields.Integer(required=True, allow_none=True)
    revision_number = fields.Integer(required=True, allow_none=True)
    acknowledged_at = fields.AwareDateTime(required=True)


class AcknowledgeIn(StrictSchema):
    """Optionally, the revision that was read: an amendment since then is not taken in blindly."""

    revision = fields.Integer(load_default=None, strict=True, validate=validate.Range(min=1))


class DisclosureOut(StrictSchema):
    """A disclosure as it reads now (its latest revision), with what the viewer may see of it.

    `acknowledged_at` is null unless the hurt partner acknowledged it and shares
    their disclosure activity with the viewer; `response_count` counts only the
    replies the viewer may read. `held` is true only for the hurt partner, on a
    disclosure they chose to hold (pacing): then category, title and body are null
    and its revisions and replies are not shown until they release it.
    """

    id = fields.Integer(required=True)
    space_id = fields.Integer(required=True)
    author_id = fields.Integer(required=True, allow_none=True)
    category = fields.String(required=True, allow_none=True)
    occurred_on = fields.Date(required=True, allow_none=True)
    title = fields.String(required=True, allow_none=True)
    body = fields.String(required=True, allow_none=True)
    created_at = fields.AwareDateTime(required=True)
    updated_at = fields.AwareDateTime(required=True)
    revision_count = fields.Integer(required=True)
    response_count = fields.Integer(required=True)
    acknowledged_at = fields.AwareDateTime(required=True, allow_none=True)
    held = fields.Boolean(required=True)


class DisclosureDetailOut(DisclosureOut):
    """A disclosure with its full history (oldest first) and the replies the viewer may read."""

    revisions = fields.List(fields.Nested(RevisionOut), required=True)
    responses = fields.List(fields.Nested(ResponseOut), required=True)


DisclosurePageOut = page_schema(DisclosureOut, "DisclosurePageOut")
