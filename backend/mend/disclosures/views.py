"""Read-side views of disclosures: exactly what one viewer may see, built in bulk."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, and_, bindparam, exists, func, select
from sqlalchemy.orm import aliased

from mend import policy
from mend.auth.models import User
from mend.disclosures.models import (
    Disclosure,
    DisclosureAcknowledgement,
    DisclosureResponse,
    DisclosureRevision,
)
from mend.extensions import db
from mend.pacing import store as pacing
from mend.pacing.models import HeldDisclosure
from mend.pagination import Page, Pager, read_columns

CATEGORY = "disclosures"
V = TypeVar("V")


@dataclass(frozen=True)
class RevisionView:
    """One version of a disclosure's words."""

    number: int
    title: str
    body: str
    reason: str | None
    created_at: datetime


@dataclass(frozen=True)
class ResponseView:
    """A reply in a disclosure's thread."""

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
    acknowledged_at: datetime


@dataclass(frozen=True)
class DisclosureView:
    """A disclosure as it reads now, with what the viewer may see around it."""

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


SUMMARY_OWN_COLUMNS = ("id", "space_id", "author_id", "category", "occurred_on")
VISIBLE = bindparam("visible", expanding=True)
VIEWER = bindparam("viewer")


def _summary_select() -> Select[Any]:
    """Disclosure summaries as a viewer may see them, one row each, in one statement
    (the columns in DisclosureView's order):
    the newest words, and counts over only the replies and acknowledgements of the
    members in :visible, those whose disclosures the viewer may see (rule 7)."""
    latest = aliased(DisclosureRevision)
    newest = _about(select(func.max(DisclosureRevision.number)), DisclosureRevision)
    revisions = _about(select(func.count()), DisclosureRevision)
    responses = _about(select(func.count()), DisclosureResponse).where(
        DisclosureResponse.author_id.in_(VISIBLE)
    )
    acknowledged = _about(
        select(func.min(DisclosureAcknowledgement.created_at)), DisclosureAcknowledgement
    ).where(DisclosureAcknowledgement.user_id.in_(VISIBLE))
    return select(
        *(getattr(Disclosure, name) for name in SUMMARY_OWN_COLUMNS),
        latest.title,
        latest.body,
        Disclosure.created_at,
        latest.created_at.label("updated_at"),
        revisions.scalar_subquery().label("revision_count"),
        responses.scalar_subquery().label("response_count"),
        acknowledged.scalar_subquery().label("acknowledged_at"),
        _held_by_viewer().label("held"),
    ).join(
        latest,
        and_(latest.disclosure_id == Disclosure.id, latest.number == newest.scalar_subquery()),
    )


def _held_by_viewer() -> Any:
    """Whether the viewer (:viewer) chose to hold the disclosure back (pacing)."""
    return exists().where(
        HeldDisclosure.disclosure_id == Disclosure.id, HeldDisclosure.user_id == VIEWER
    )


def _about(query: Select[Any], model: Any) -> Select[Any]:
    """query over the model's rows of the disclosure in the enclosing statement."""
    return query.where(model.disclosure_id == Disclosure.id).correlate(Disclosure)


# Built once: the list is among the busiest reads, and SQLAlchemy then reuses the compiled form.
_SUMMARIES = _summary_select()
SUMMARIES_OF = _SUMMARIES.where(Disclosure.id.in_(bindparam("ids", expanding=True)))
SUMMARY_PAGES = Pager.of(
    _SUMMARIES.where(
        Disclosure.space_id == bindparam("space_id"), Disclosure.author_id.in_(VISIBLE)
    ),
    Disclosure.id,
)


def summary_page(access: policy.Access, *, limit: int, before: int | None) -> Page[DisclosureView]:
    """A page of the disclosures the viewer may see, newest first, as they read now."""
    visible = sorted(access.owners_visible(CATEGORY))
    params = {"space_id": access.space_id, "visible": visible, "viewer": access.user.id}
    page = SUMMARY_PAGES.page(limit=limit, before=before, params=params)
    return Page(items=[summary_of(row) for row in page.items], next_before=page.next_before)


def summary_of(row: Any) -> DisclosureView:
    """The view of one summary row (its columns are in the view's order), held ones blanked."""
    view = DisclosureView(*row)
    return held_form(view) if view.held else view


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


def summaries(access: policy.Access, disclosures: list[Disclosure]) -> list[DisclosureView]:
    """Views of these disclosures, in their order, in one query whatever their number."""
    ids = [disclosure.id for disclosure in disclosures]
    if not ids:
        return []
    visible = sorted(access.owners_visible(CATEGORY))
    params = {"ids": ids, "visible": visible, "viewer": access.user.id}
    rows = read_columns(SUMMARIES_OF, params)
    by_id = {row.id: summary_of(row) for row in rows}
    return [by_id[disclosure_id] for disclosure_id in ids]


def detail(access: policy.Access, disclosure: Disclosure) -> DisclosureDetailView:
    """A disclosure with every revision and the replies the viewer may read."""
    revisions = db.session.scalars(
        select(DisclosureRevision)
        .where(DisclosureRevision.disclosure_id == disclosure.id)
        .order_by(DisclosureRevision.number)
    ).all()
    responses = db.session.scalars(
        select(DisclosureResponse)
        .where(
            DisclosureResponse.disclosure_id == disclosure.id,
            DisclosureResponse.author_id.in_(access.owners_visible(CATEGORY)),
        )
        .order_by(DisclosureResponse.id)
    ).all()
    view = fill_view(
        DisclosureDetailView,
        disclosure,
        **_current_words(revisions[-1], len(revisions)),
        response_count=len(responses),
        acknowledged_at=_acknowledged_at(access, [disclosure.id]).get(disclosure.id),
        held=False,
        revisions=tuple(fill_view(RevisionView, revision) for revision in revisions),
        responses=tuple(fill_view(ResponseView, response) for response in responses),
    )
    return held_form(view) if is_held(access, disclosure.id) else view


def is_held(access: policy.Access, disclosure_id: int) -> bool:
    """Whether the viewer chose to hold this disclosure back for now."""
    return disclosure_id in pacing.held_for(access, [disclosure_id])


def _current_words(latest: DisclosureRevision, revision_count: int) -> dict[str, Any]:
    """What a disclosure view takes from its newest revision."""
    return {
        "title": latest.title,
        "body": latest.body,
        "updated_at": latest.created_at,
        "revision_count": revision_count,
    }


def latest_revisions(ids: list[int]) -> dict[int, tuple[DisclosureRevision, int]]:
    """Each disclosure's newest revision and how many it has, in one query."""
    stats = (
        select(
            DisclosureRevision.disclosure_id,
            func.max(DisclosureRevision.number).label("latest"),
            func.count().label("total"),
        )
        .where(DisclosureRevision.disclosure_id.in_(ids))
        .group_by(DisclosureRevision.disclosure_id)
        .subquery()
    )
    rows = db.session.execute(
        select(DisclosureRevision, stats.c.total).join(
            stats,
            and_(
                DisclosureRevision.disclosure_id == stats.c.disclosure_id,
                DisclosureRevision.number == stats.c.latest,
            ),
        )
    )
    return {revision.disclosure_id: (revision, total) for revision, total in rows}


def _acknowledged_at(access: policy.Access, ids: list[int]) -> dict[int, datetime]:
    """When each disclosure was acknowledged, where the acknowledger shares that with the viewer."""
    moment = func.min(DisclosureAcknowledgement.created_at)
    return _per_disclosure(access, ids, DisclosureAcknowledgement.user_id, moment)


def _per_disclosure(
    access: policy.Access, ids: list[int], owner: Any, aggregate: Any
) -> dict[int, Any]:
    """An aggregate per disclosure over rows whose owner the viewer may see (rule 7)."""
    disclosure_id = owner.class_.disclosure_id
    rows = db.session.execute(
        select(disclosure_id, aggregate)
        .where(disclosure_id.in_(ids), owner.in_(access.owners_visible(CATEGORY)))
        .group_by(disclosure_id)
    )
    return {key: value for key, value in rows}


def acknowledgement_by(actor: User, disclosure_id: int) -> AcknowledgementView | None:
    """The actor's own acknowledgement of a disclosure, if they made one."""
    acknowledgement = db.session.scalar(
        select(DisclosureAcknowledgement).where(
            DisclosureAcknowledgement.disclosure_id == disclosure_id,
            DisclosureAcknowledgement.user_id == actor.id,
        )
    )
    return None if acknowledgement is None else acknowledgement_view(acknowledgement)


def acknowledgement_view(acknowledgement: DisclosureAcknowledgement) -> AcknowledgementView:
    """The view of one acknowledgement."""
    return fill_view(
        AcknowledgementView, acknowledgement, acknowledged_at=acknowledgement.created_at
    )


def fill_view(view: type[V], row: Any, **given: Any) -> V:
    """A view filled from given values, and from the row's attributes of the same names."""
    names = (field.name for field in dataclasses.fields(view))  # type: ignore[arg-type]
    return view(**{name: given[name] if name in given else getattr(row, name) for name in names})
