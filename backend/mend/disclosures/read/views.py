"""What one viewer may see of a disclosure: the read model's shapes, and the held form."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, TypeVar

CATEGORY = "disclosures"
V = TypeVar("V")


@dataclass(frozen=True)
class RevisionView:
    """One version of a disclosure's words, and when the viewer may see it was taken in."""

    number: int
    title: str
    body: str
    reason: str | None
    created_at: datetime
    acknowledged_at: datetime | None = None


@dataclass(frozen=True)
class ResponseView:
    """A reply in a disclosure's thread."""

    ledger_kind: ClassVar[str] = "disclosure_response"  # names the saved row to idempotency
    id: int
    disclosure_id: int
    author_id: int | None
    body: str
    created_at: datetime


@dataclass(frozen=True)
class AcknowledgementView:
    """When the hurt partner said "I have taken this in"."""

    disclosure_id: int
    user_id: int | None
    revision_number: int | None
    acknowledged_at: datetime


@dataclass(frozen=True)
class DisclosureView:
    """A disclosure as it reads now, with what the viewer may see around it."""

    ledger_kind: ClassVar[str] = "disclosure"  # names the saved row to idempotency
    id: int
    space_id: int
    author_id: int | None
    category: str
    occurred_on: date | None
    title: str
    body: str
    created_at: datetime
    updated_at: datetime
    revision_count: int
    response_count: int
    acknowledged_at: datetime | None
    held: bool


@dataclass(frozen=True)
class DisclosureDetailView(DisclosureView):
    """A disclosure with its whole history and the replies the viewer may read."""

    revisions: tuple[RevisionView, ...]
    responses: tuple[ResponseView, ...]


# What a held disclosure shows: that it exists and when it came, nothing of what it says.
HELD_BLANKS = {
    "category": None,
    "occurred_on": None,
    "title": None,
    "body": None,
    "revision_count": 0,
    "response_count": 0,
    "acknowledged_at": None,
    "held": True,
}


def held_form(view: V) -> V:
    """The view of a disclosure the viewer chose to hold: its id and date only."""
    blanks = dict(HELD_BLANKS, updated_at=view.created_at)  # type: ignore[attr-defined]
    if isinstance(view, DisclosureDetailView):
        blanks.update(revisions=(), responses=())
    return dataclasses.replace(view, **blanks)  # type: ignore[type-var]


def fill_view(view: type[V], row: Any, **given: Any) -> V:
    """A view filled from given values, and from the row's attributes of the same names."""
    names = (field.name for field in dataclasses.fields(view))  # type: ignore[arg-type]
    return view(**{name: given[name] if name in given else getattr(row, name) for name in names})
