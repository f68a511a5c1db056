"""Read-side views of disclosures: exactly what one viewer may see, built in bulk."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, and_, bindparam, exists, func, or_, select
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
    members in :visible, those whose disclosures the viewer may see: rule 7 makes them
    the very members whose writings the viewer may see (`Access.writers_visible`)."""
    latest = aliased(DisclosureRevision)
    newest = _about(select(func.max(DisclosureRevision.number)), DisclosureRevision)
    revisions = _about(select(func.count()), DisclosureRevision)
    responses = _about(select(func.count()), DisclosureResponse).where(
        DisclosureResponse.author_id.in_(VISIBLE)
    )
    acknowledged = (
        select(func.min(DisclosureAcknowledgement.created_at))
        .where(
            DisclosureAcknowledgement.disclosure_id == Disclosure.id,
            DisclosureAcknowledgement.user_id.in_(VISIBLE),
            of_revision(latest.number, latest.created_at),
        )
        .correlate(Disclosure, latest)
    )
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


def of_revision(number: Any, created_at: Any) -> Any:
    """Acknowledgements of this revision: named by number, or (made before revisions were
    named, migration 0013) made while it was the newest."""
    return or_(
        DisclosureAcknowledgement.revision_number == number,
        and_(
            DisclosureAcknowledgement.revision_number.is_(None),
            DisclosureAcknowledgement.created_at >= created_at,
        ),
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
            DisclosureResponse.author_id.in_(access.writers_visible(CATEGORY)),
        )
        .order_by(DisclosureResponse.id)
    ).all()
    taken_in = revisions_acknowledged(access, {disclosure.id: list(revisions)})
    view = fill_view(
        DisclosureDetailView,
        disclosure,
        **_current_words(revisions[-1], len(revisions)),
        response_count=len(responses),
        acknowledged_at=taken_in.get((disclosure.id, revisions[-1].number)),
        held=False,
        revisions=revision_views(list(revisions), taken_in),
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


def revisions_acknowledged(
    access: policy.Access, revisions: dict[int, list[DisclosureRevision]]
) -> dict[tuple[int, int], datetime]:
    """When each revision (disclosure id, number) was first taken in, in one query, where the
    acknowledger shares that with the viewer."""
    rows = db.session.scalars(
        select(DisclosureAcknowledgement)
        .where(
            DisclosureAcknowledgement.disclosure_id.in_(list(revisions)),
            DisclosureAcknowledgement.user_id.in_(access.writers_visible(CATEGORY)),
        )
        .order_by(DisclosureAcknowledgement.created_at)
    ).all()
    taken_in: dict[tuple[int, int], datetime] = {}
    for row in rows:
        of = revisions[row.disclosure_id]
        number = row.revision_number or _current_at(of, row.created_at)
        taken_in.setdefault((row.disclosure_id, number), row.created_at)
    return taken_in


def revision_views(
    revisions: list[DisclosureRevision], taken_in: dict[tuple[int, int], datetime]
) -> tuple[RevisionView, ...]:
    """Views of a disclosure's revisions, each with when it was taken in."""
    return tuple(
        fill_view(RevisionView, r, acknowledged_at=taken_in.get((r.disclosure_id, r.number)))
        for r in revisions
    )


def _current_at(revisions: list[DisclosureRevision], moment: datetime) -> int:
    """The number of the newest revision written at or before a moment."""
    written = [r.number for r in revisions if _aware(r.created_at) <= _aware(moment)]
    return max(written, default=revisions[0].number)


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive UTC datetimes; compare everything as aware UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def acknowledgement_by(actor: User, revision: DisclosureRevision) -> AcknowledgementView | None:
    """The actor's own acknowledgement of this revision, if they made one."""
    acknowledgement = db.session.scalar(
        select(DisclosureAcknowledgement)
        .where(
            DisclosureAcknowledgement.disclosure_id == revision.disclosure_id,
            DisclosureAcknowledgement.user_id == actor.id,
            of_revision(revision.number, revision.created_at),
        )
        .order_by(DisclosureAcknowledgement.created_at)
        .limit(1)
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
