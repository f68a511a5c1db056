"""Shared schema pieces: strict base schema, strict booleans, pagination."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate

from mend.database import MAX_ID

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
NUL_MESSAGE = "Must not contain NUL characters."


class StrictSchema(Schema):
    """Unknown fields are an error, never silently dropped; so is text with NUL characters."""

    class Meta:
        unknown = RAISE

    @pre_load
    def _refuse_nul_characters(self, data: Any, **_kwargs: object) -> Any:
        # No one types U+0000, and PostgreSQL cannot store or even compare it in text.
        if isinstance(data, Mapping):
            refused = {name: [NUL_MESSAGE] for name, value in data.items() if _has_nul(value)}
            if refused:
                raise ValidationError(refused)
        return data


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


class StrictBoolean(fields.Boolean):
    """Only JSON true or false; 1, "true" and "yes" are not booleans."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class PageArgs(StrictSchema):
    """Cursor pagination: newest first, `before` an id from the previous page."""

    limit = fields.Integer(
        load_default=DEFAULT_PAGE_SIZE, validate=validate.Range(min=1, max=MAX_PAGE_SIZE)
    )
    before = fields.Integer(load_default=None, validate=validate.Range(min=1, max=MAX_ID))


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A `{items, next_before}` list schema for item_schema."""
    return type(
        name,
        (StrictSchema,),
        {
            "items": fields.List(fields.Nested(item_schema), required=True),
            "next_before": fields.Integer(required=True, allow_none=True),
            "__doc__": f"A page of {item_schema.__name__} items, newest first.",
        },
    )


def words(*, maximum: int, blank: str, too_long: str, **kwargs: Any) -> fields.String:
    """A text field that must hold words, not only spaces, and stay under a limit."""

    def not_blank(value: str) -> None:
        if not value.strip():
            raise ValidationError(blank)

    length = validate.Length(min=1, max=maximum, error=too_long)
    return fields.String(validate=[length, not_blank], **kwargs)
