"""Shared schema pieces: strict base schema, strict booleans, pagination."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from functools import partial
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, missing, pre_load, validate
from marshmallow.decorators import POST_DUMP, PRE_DUMP
from marshmallow.fields import Field
from marshmallow.utils import get_value

from mend import speed
from mend.database import MAX_ID

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
NUL_MESSAGE = "Must not contain NUL characters."
BROKEN_TEXT_MESSAGE = "Some characters here could not be read (a broken emoji?). Please retype it."
# Mend's record starts this century: a commitment or report period before it is a typo.
EARLIEST_RECORD_DAY = date(2000, 1, 1)
LATEST_DAY = date(2999, 12, 31)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# bench/ablation.py switches the dump plan off by naming it in MEND_BENCH_WITHOUT.
DUMP_PLAN = speed.on("dump_plan")


class StrictSchema(Schema):
    """Unknown fields are an error, never silently dropped; so is text with NUL characters.

    Dumping takes a shorter road than marshmallow's own with the same result (see
    `_DumpPlan`): the busiest answers carry fifty items of a dozen fields each.
    """

    class Meta:
        unknown = RAISE

    @property
    def _dump_plan(self) -> _DumpPlan | None:
        """This schema's plan, or None where it reads values or builds dicts its own way.

        Kept with the fields it was made from: a copy whose fields were rebuilt
        (marshmallow copies a Nested field's schema instance to apply its `only`)
        makes its own.
        """
        if not DUMP_PLAN:
            return None
        if type(self).get_attribute is not Schema.get_attribute or self.dict_class is not dict:
            return None
        plan: _DumpPlan | None = self.__dict__.get("_mend_dump_plan")
        if plan is None or plan.dump_fields is not self.dump_fields:
            plan = self.__dict__["_mend_dump_plan"] = _DumpPlan(self.dump_fields)
        return plan

    def _serialize(self, obj: Any, *, many: bool = False) -> Any:
        plan = self._dump_plan
        if plan is None:
            return super()._serialize(obj, many=many)
        if many and obj is not None:
            return [plan.dump(item) for item in obj]
        return plan.dump(obj)

    @pre_load
    def _refuse_unstorable_text(self, data: Any, **_kwargs: object) -> Any:
        # No one types U+0000, and PostgreSQL cannot store or even compare it in text.
        # A lone surrogate ("\ud800" in JSON) is half a character: no encoding can store it.
        if isinstance(data, Mapping):
            refused = {
                name: [message]
                for name, value in data.items()
                if (message := _unstorable(value)) is not None
            }
            if refused:
                raise ValidationError(refused)
        return data


def _unstorable(value: Any) -> str | None:
    """Why this text (or any text inside it) cannot be stored, or None if it can."""
    if isinstance(value, str):
        if "\x00" in value:
            return NUL_MESSAGE
        return BROKEN_TEXT_MESSAGE if _LONE_SURROGATE.search(value) else None
    if isinstance(value, Mapping):
        items = [item for pair in value.items() for item in pair]
    elif isinstance(value, list):
        items = value
    else:
        return None
    return next((m for m in map(_unstorable, items) if m is not None), None)


def record_day(value: date) -> None:
    """A day in Mend's record: from 2000 to 2999."""
    if not EARLIEST_RECORD_DAY <= value <= LATEST_DAY:
        raise ValidationError("Please choose a date between 2000 and 2999.")


class Moment(fields.AwareDateTime):
    """A point in time with its UTC offset, between 2000 and 2999 once in UTC."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            in_utc = moment.astimezone(UTC)
        except (OverflowError, ValueError):
            in_utc = None
        if in_utc is None or not EARLIEST_RECORD_DAY <= in_utc.date() <= LATEST_DAY:
            raise ValidationError("Please choose a time between 2000 and 2999.")
        return in_utc


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
            "__module__": item_schema.__module__,
        },
    )


def words(*, maximum: int, blank: str, too_long: str, **kwargs: Any) -> fields.String:
    """A text field that must hold words, not only spaces, and stay under a limit."""

    def not_blank(value: str) -> None:
        if not value.strip():
            raise ValidationError(blank)

    # Only the upper bound here: an empty text is blank, and saying "keep it to
    # 200 characters or fewer" beside "please give a title" contradicts itself.
    length = validate.Length(max=maximum, error=too_long)
    return fields.String(validate=[length, not_blank], **kwargs)


Step = tuple[str, str, str, Field, bool, Callable[[Any], Any] | None]


class _DumpPlan:
    """marshmallow's `Schema._serialize`, worked out once per schema instead of per value.

    For each field: the attribute to read, the key to write, and how to convert.
    Values are read as marshmallow reads them (attributes, or keys of mappings;
    a missing value takes the field's dump default or is left out); fields of
    the plain kinds (strings, numbers, dates and times in a named format, nested
    schemas, lists of those) are converted inline, any other field by its own
    `_serialize`, and a field that reads its value its own way by its own
    `serialize`. tests/test_schema_dump.py checks that every schema dumps exactly
    as marshmallow does.
    """

    def __init__(self, dump_fields: Mapping[str, Field]) -> None:
        self.dump_fields = dump_fields
        self.steps: list[Step] = [
            (
                name,
                name if field.attribute is None else field.attribute,
                name if field.data_key is None else field.data_key,
                field,
                _reads_plainly(field),
                _converter(field),
            )
            for name, field in dump_fields.items()
        ]

    def dump(self, obj: Any) -> dict[str, Any]:
        """The serialised form of one object."""
        keyed = hasattr(obj, "__getitem__")
        result = {}
        for name, source, key, field, reads_plainly, convert in self.steps:
            if not reads_plainly:
                value = field.serialize(name, obj)
            else:
                plain = not keyed and "." not in source
                value = getattr(obj, source, missing) if plain else get_value(obj, source)
                if value is missing:
                    default = field.dump_default
                    value = default() if callable(default) else default
                if value is missing:
                    continue
                if convert is not None:
                    value = None if value is None else convert(value)
                else:
                    value = field._serialize(value, name, obj)
            if value is not missing:
                result[key] = value
        return result


def _reads_plainly(field: Field) -> bool:
    """Whether the field reads its value as marshmallow's Field does by default."""
    kind = type(field)
    return (
        kind._CHECK_ATTRIBUTE
        and kind.serialize is Field.serialize
        and kind.get_value is Field.get_value
    )


def _converter(field: Field) -> Callable[[Any], Any] | None:
    """How a field of a plain kind turns a value (not None) into JSON, else None."""
    serialize = type(field)._serialize
    if serialize is fields.String._serialize:
        return _text
    if serialize is fields.Number._serialize and not field.as_string:  # type: ignore[attr-defined]
        return field._format_num  # type: ignore[attr-defined]
    if serialize is fields.DateTime._serialize:  # Date and the DateTimes share it
        return field.SERIALIZATION_FUNCS.get(field.format)  # type: ignore[attr-defined]
    if serialize is fields.Nested._serialize and not field.many:  # type: ignore[attr-defined]
        return partial(_dump_nested, field)
    if serialize is fields.List._serialize:
        inner = _converter(field.inner)  # type: ignore[attr-defined]
        return None if inner is None else partial(_each, inner)
    return None


def _each(convert: Callable[[Any], Any], values: Any) -> list[Any]:
    """marshmallow's List of a plain kind: each item converted, None kept."""
    return [None if value is None else convert(value) for value in values]


def _dump_nested(field: fields.Nested, value: Any) -> Any:
    """marshmallow's Nested: the nested schema's dump, by its plan where it has one."""
    schema = field.schema
    plan = getattr(schema, "_dump_plan", None)
    if plan is None or schema.many or schema._hooks[PRE_DUMP] or schema._hooks[POST_DUMP]:
        return schema.dump(value, many=schema.many)
    return plan.dump(value)


def _text(value: Any) -> str:
    """marshmallow's String: bytes decoded as UTF-8, anything else str()."""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)
