"""Every schema dumps exactly as marshmallow itself would (mend.schema's dump plan).

For each StrictSchema in the app, Hypothesis builds objects of the shapes
the services return (objects with attributes, mappings, rows with a missing
value, None for nullable values, nested items) and compares the plan's answer
with marshmallow's own `Schema._serialize`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import Schema, fields, post_dump
from marshmallow.fields import Field

import mend
from mend.schema import StrictSchema

TEXT = st.text(max_size=8)
ZONES = st.sampled_from(
    [UTC, timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))]
)
MOMENTS = st.datetimes(
    timezones=ZONES, min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)
)
JSONISH = st.one_of(st.none(), st.booleans(), st.integers(), TEXT, st.lists(TEXT, max_size=3))


def app_schemas() -> list[type[StrictSchema]]:
    """Every StrictSchema the app defines (page schemas included), by name."""
    for module in pkgutil.walk_packages(mend.__path__, "mend."):
        if module.name.endswith(".schemas"):
            importlib.import_module(module.name)
    found, pending = [], [StrictSchema]
    while pending:
        schema = pending.pop()
        pending.extend(schema.__subclasses__())
        if schema._declared_fields and schema.__module__.startswith("mend."):
            found.append(schema)
    return sorted(found, key=lambda schema: f"{schema.__module__}.{schema.__name__}")


SCHEMAS = app_schemas()


def test_the_app_has_its_schemas() -> None:
    names = {schema.__name__ for schema in SCHEMAS}
    assert len(SCHEMAS) > 30
    assert {"DisclosurePageOut", "TrendOut", "CheckinOut", "PageArgs"} <= names


def values_for(field: Field, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values a service could hand this field (None always among them)."""
    return st.one_of(st.none(), _values(field, depth))


def _values(field: Field, depth: int) -> st.SearchStrategy[Any]:
    if isinstance(field, fields.Nested):
        schema = field.schema
        one = objects(schema, depth + 1)
        return st.lists(one, max_size=2) if field.many else one
    if isinstance(field, fields.List):
        return st.lists(_values(field.inner, depth), max_size=3)
    kinds: list[tuple[type[Field], st.SearchStrategy[Any]]] = [
        (fields.Boolean, st.booleans()),
        (fields.Integer, st.integers(min_value=-(2**40), max_value=2**40)),
        (fields.Float, st.floats(allow_nan=False, allow_infinity=False)),
        (fields.DateTime, MOMENTS),
        (fields.Date, st.dates()),
        (fields.String, TEXT),
        (fields.Dict, st.dictionaries(TEXT, JSONISH, max_size=3)),
    ]
    for kind, strategy in kinds:
        if isinstance(field, kind):
            return strategy
    return JSONISH


def objects(schema: Schema, depth: int = 0) -> st.SearchStrategy[Any]:
    """Objects to dump: attribute holders and mappings, sometimes lacking a value."""
    if depth > 2:
        return st.none()
    names = {name: field.attribute or name for name, field in schema.dump_fields.items()}
    values = st.fixed_dictionaries(
        {source: values_for(schema.dump_fields[name], depth) for name, source in names.items()}
    )

    def shaped(data: dict[str, Any], shape: str, drop: list[bool]) -> Any:
        kept = {
            key: value for (key, value), gone in zip(data.items(), drop, strict=True) if not gone
        }
        return dict(kept) if shape == "mapping" else SimpleNamespace(**kept)

    whole = st.just([False] * len(names))
    lacking = st.lists(st.booleans(), min_size=len(names), max_size=len(names))
    return st.builds(shaped, values, st.sampled_from(["object", "mapping"]), whole | lacking)


@pytest.mark.parametrize("schema_class", SCHEMAS, ids=lambda schema: schema.__name__)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_schema_dumps_as_marshmallow_does(
    schema_class: type[StrictSchema], data: st.DataObject
) -> None:
    schema = schema_class()
    obj = data.draw(objects(schema))
    assert outcome(schema.dump, obj) == outcome(Schema._serialize, schema, obj)
    many = outcome(Schema._serialize, schema, [obj, obj], many=True)
    assert outcome(schema.dump, [obj, obj], many=True) == many


def outcome(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[str, Any]:
    """What a call returned, or the kind of error it raised (even marshmallow's own, such
    as iterating `dict.items` for a mapping lacking "items")."""
    try:
        return "returned", call(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - the kind of error is the outcome compared
        return "raised", type(error)


def test_a_field_with_attribute_data_key_and_default_dumps_as_marshmallow_does() -> None:
    class Shaped(StrictSchema):
        when = fields.AwareDateTime(attribute="moment", data_key="at")
        day = fields.Date(dump_default=lambda: date(2026, 1, 2))
        count = fields.Integer(as_string=True)
        pattern = fields.DateTime(format="%Y/%m")
        nested = fields.Nested(lambda: Shaped(only=("count",)))
        dotted = fields.String(attribute="inner.name")

    moment = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    inner = SimpleNamespace(count=3)
    for obj in (
        SimpleNamespace(moment=moment, count=7, pattern=moment, nested=inner, inner={"name": "x"}),
        {"moment": moment, "day": date(2020, 2, 2), "count": None, "inner": {"name": b"y"}},
        SimpleNamespace(),
    ):
        schema = Shaped()
        assert schema.dump(obj) == Schema._serialize(schema, obj)
    dumped = Shaped().dump({"moment": moment, "count": 7})
    assert dumped == {"at": "2026-11-26T09:30:00+00:00", "day": "2026-01-02", "count": "7"}


def test_the_plan_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    class Small(StrictSchema):
        n = fields.Integer()
        items = fields.List(fields.Nested(lambda: Small()))

    def marshmallows_own(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("marshmallow's own _serialize ran")

    monkeypatch.setattr(Schema, "_serialize", marshmallows_own)
    obj = SimpleNamespace(n=1, items=[SimpleNamespace(n=2, items=[])])
    assert Small().dump(obj) == {"n": 1, "items": [{"n": 2, "items": []}]}


def test_nested_lists_hooks_and_recursion_dump_as_marshmallow_does() -> None:
    class Hooked(StrictSchema):
        n = fields.Integer()

        @post_dump
        def _doubled(self, data: dict[str, Any], **_kwargs: object) -> dict[str, Any]:
            return {**data, "twice": (data.get("n") or 0) * 2}

    class Tree(StrictSchema):
        name = fields.String()
        children = fields.List(fields.Nested(lambda: Tree()))
        hooked = fields.Nested(Hooked)
        many_hooked = fields.Nested(Hooked, many=True)
        tags = fields.List(fields.String(), allow_none=True)

    leaf = SimpleNamespace(name="leaf", children=[None], hooked=None, many_hooked=[], tags=None)
    root = {
        "name": b"root",
        "children": [leaf, None],
        "hooked": {"n": 2},
        "many_hooked": [{"n": 1}, SimpleNamespace(n=None)],
        "tags": ["a", None, 3],
    }
    schema = Tree()
    assert schema.dump(root) == Schema._serialize(schema, root)
    assert schema.dump(root)["hooked"] == {"n": 2, "twice": 4}


def test_a_copied_schema_with_other_fields_makes_its_own_plan() -> None:
    class Item(StrictSchema):
        id = fields.Integer()
        title = fields.String()

    item = SimpleNamespace(id=1, title="t")
    shared = Item()
    assert shared.dump(item) == {"id": 1, "title": "t"}  # its plan is made here

    class Holder(StrictSchema):
        item = fields.Nested(shared, only=("id",))  # marshmallow copies `shared`

    assert Holder().dump({"item": item}) == {"item": {"id": 1}}
    assert shared.dump(item) == {"id": 1, "title": "t"}


def test_a_schema_with_its_own_dict_class_is_dumped_by_marshmallow() -> None:
    class Ordered(dict):
        pass

    class Custom(StrictSchema):
        dict_class = Ordered
        n = fields.Integer()

    assert type(Custom().dump(SimpleNamespace(n=1))) is Ordered
