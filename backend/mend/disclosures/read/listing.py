"""Disclosure summaries (the list), exactly as one viewer may see them, in one statement."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, bindparam, exists, func, select
from sqlalchemy.orm import aliased

from mend import policy, speed
from mend.disclosures.models import (
    Disclosure,
    DisclosureAcknowledgement,
    DisclosureResponse,
    DisclosureRevision,
)
from mend.disclosures.read.acknowledgements import of_revision
from mend.disclosures.read.views import CATEGORY, DisclosureView, held_form
from mend.pacing.models import HeldDisclosure
from mend.pagination import Page, Pager, read_columns

SUMMARY_OWN_COLUMNS = ("id", "space_id", "author_id", "category", "occurred_on")
VISIBLE = bindparam("visible", expanding=True)
VIEWER = bindparam("viewer")
# (bench/ablation.py switches it off by naming built_once in MEND_BENCH_WITHOUT.)
BUILT_ONCE = speed.on("built_once")


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


def _summary_pages(summaries: Select[Any]) -> Pager:
    """The summaries of a space's disclosures by the visible members, paged."""
    return Pager.of(
        summaries.where(
            Disclosure.space_id == bindparam("space_id"), Disclosure.author_id.in_(VISIBLE)
        ),
        Disclosure.id,
    )


SUMMARY_PAGES = _summary_pages(_SUMMARIES)


def summary_page(access: policy.Access, *, limit: int, before: int | None) -> Page[DisclosureView]:
    """A page of the disclosures the viewer may see, newest first, as they read now."""
    visible = sorted(access.owners_visible(CATEGORY))
    params = {"space_id": access.space_id, "visible": visible, "viewer": access.user.id}
    pages = SUMMARY_PAGES if BUILT_ONCE else _summary_pages(_summary_select())
    page = pages.page(limit=limit, before=before, params=params)
    return Page(items=[summary_of(row) for row in page.items], next_before=page.next_before)


def summary_of(row: Any) -> DisclosureView:
    """The view of one summary row (its columns are in the view's order), held ones blanked."""
    view = DisclosureView(*row)
    return held_form(view) if view.held else view


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
