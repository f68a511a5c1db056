"""The account export: one JSON document of everything a person wrote or may see now.

Structure (`format` "mend-export", `version` 1; documented by `ExportOut`):

    {"format": "mend-export", "version": 1, "exported_at": <UTC time>,
     "user": {id, email, display_name, account_type, timezone, created_at},
     "spaces": [                      # the spaces you belong to now, oldest first
        {"space": {id, name, created_at, members: [...]},   # as GET /spaces/{sid}
         "my_role": "hurt" | "repairing" | "therapist",
         "disclosures": [...],        # as GET .../disclosures/{id}: revisions, visible replies
         "commitments": [...],        # as GET .../commitments/{id}: checks with the review
                                      #   you may see, status history, reliability, streak
         "checkins": [...],           # as GET .../checkins: notes only where you may read them
         "measures": [...],           # as GET .../measures: the questionnaire series you may see
         "consents": {given, received, history},   # as GET .../consents, whole history
         "access_log": [...],         # who read your data here (GET .../access-log)
         "therapist_notes": [...]}],  # your own notes, therapists only
     "authored": [                    # every row you wrote, in every space, including
        {kind, id, space_id, created_at, content}]}   # spaces you have left

Every list is oldest first. What a space section holds is decided by the
same policy and views as the API (a hidden record is absent), so the export
can never show more, or other, than the app. Spaces you have left are not
exported, except for your own writing in them, under `authored`.

A therapist's export is a read of the partners' data: it is written to each
owner's access log, as any other read is.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select

from mend import clock, policy
from mend.account.erasure import authored_rows
from mend.account.schemas import EXPORT_FORMAT, EXPORT_VERSION, ExportOut
from mend.auth.models import User
from mend.checkins.models import Checkin
from mend.checkins.read import CheckinView
from mend.commitments import read as commitments
from mend.commitments.models import Commitment, CommitmentCheck, CommitmentStatusChange
from mend.consent import read as consent
from mend.consent.access_log import Read, reads_by_owner, record_reads
from mend.consent.models import AccessLogEntry, ConsentChange
from mend.database import utcnow
from mend.disclosures.models import Disclosure, DisclosureResponse, DisclosureRevision
from mend.disclosures.read import acknowledgements as disclosure_acknowledgements
from mend.disclosures.read import history as disclosure_history
from mend.disclosures.read import listing as disclosure_listing
from mend.disclosures.read import views as disclosure_views
from mend.extensions import db
from mend.measures import read as measure_views
from mend.measures import service as measures
from mend.record.hashing import canonical
from mend.spaces import service as spaces
from mend.spaces.models import Space
from mend.therapist.models import TherapistNote


@dataclass(frozen=True)
class ExportFile:
    """A finished export: its file name and the serialised document."""

    filename: str
    document: dict[str, Any]


@dataclass(frozen=True)
class SpaceSection:
    """What one space contributes to an export, built for one viewer."""

    space: Space
    my_role: str
    disclosures: list[disclosure_views.DisclosureDetailView]
    commitments: list[commitments.CommitmentView]
    checkins: list[CheckinView]
    measures: list[measure_views.SeriesView]
    consents: consent.Overview
    access_log: list[AccessLogEntry]
    therapist_notes: list[TherapistNote]


def build(*, actor: User) -> ExportFile:
    """Everything the actor wrote or may see now, serialised; therapist reads are logged.

    The document is serialised here, before the reads are logged, because
    logging commits and a commit would expire the rows the views still hold.
    """
    filename = f"mend-export-{clock.today_in(actor.timezone).isoformat()}.json"
    spaces_now = sorted(spaces.list_visible(actor=actor), key=lambda space: space.id)
    accesses = [policy.access(actor, space.id) for space in spaces_now]
    sections = [_section(access, space) for access, space in zip(accesses, spaces_now, strict=True)]
    reads = [_reads(section) for section in sections]
    document = ExportOut().dump(
        {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": utcnow(),
            "user": actor,
            "spaces": sections,
            "authored": _authored(actor),
        }
    )
    for access, space_reads in zip(accesses, reads, strict=True):
        record_reads(access, space_reads)
    return ExportFile(filename=filename, document=document)


def _section(access: policy.Access, space: Space) -> SpaceSection:
    """One space as the access's holder sees it now."""
    return SpaceSection(
        space=space,
        my_role=access.role,
        disclosures=_disclosures(access),
        commitments=_commitments(access),
        checkins=_checkins(access),
        measures=measures.visible_series(access),
        consents=_consents(access),
        access_log=_owned(AccessLogEntry, AccessLogEntry.owner_id, access),
        therapist_notes=_owned(TherapistNote, TherapistNote.author_id, access),
    )


def _disclosures(access: policy.Access) -> list[disclosure_views.DisclosureDetailView]:
    """Every visible disclosure with its revisions and the replies the viewer may read."""
    visible_authors = access.owners_visible(disclosure_views.CATEGORY)
    visible = (Disclosure.space_id == access.space_id, Disclosure.author_id.in_(visible_authors))
    rows = db.session.scalars(select(Disclosure).where(*visible).order_by(Disclosure.id)).all()
    shown = select(Disclosure.id).where(*visible)
    revisions = _by(
        "disclosure_id",
        select(DisclosureRevision)
        .where(DisclosureRevision.disclosure_id.in_(shown))
        .order_by(DisclosureRevision.number),
    )
    replies = _by(
        "disclosure_id",
        select(DisclosureResponse)
        .where(
            DisclosureResponse.disclosure_id.in_(shown),
            DisclosureResponse.author_id.in_(access.writers_visible(disclosure_views.CATEGORY)),
        )
        .order_by(DisclosureResponse.id),
    )
    fill = disclosure_views.fill_view
    taken_in = disclosure_acknowledgements.revisions_acknowledged(access, revisions)
    return [
        fill(
            disclosure_views.DisclosureDetailView,
            summary,
            revisions=disclosure_history.revision_views(revisions[summary.id], taken_in),
            responses=tuple(fill(disclosure_views.ResponseView, r) for r in replies[summary.id]),
        )
        for summary in disclosure_listing.summaries(access, list(rows))
    ]


def _commitments(access: policy.Access) -> list[commitments.CommitmentView]:
    """Every visible commitment with its checks, the reviews the viewer may see, and history."""
    visible_authors = access.owners_visible(commitments.CATEGORY)
    visible = (Commitment.space_id == access.space_id, Commitment.author_id.in_(visible_authors))
    rows = db.session.scalars(select(Commitment).where(*visible).order_by(Commitment.id)).all()
    if not rows:
        return []
    shown = select(Commitment.id).where(*visible)
    checks: defaultdict[int, list[Any]] = defaultdict(list)
    for check in commitments.check_views(access, CommitmentCheck.commitment_id.in_(shown)):
        checks[check.commitment_id].insert(0, check)  # they come newest period first
    history = _by(
        "commitment_id",
        select(CommitmentStatusChange)
        .where(CommitmentStatusChange.commitment_id.in_(shown))
        .order_by(CommitmentStatusChange.id),
    )
    return [
        dataclasses.replace(view, checks=checks[view.id], status_history=history[view.id])
        for view in commitments.summaries(access, list(rows))
    ]


def _checkins(access: policy.Access) -> list[CheckinView]:
    """Every check-in the viewer may see, with notes only where they may read them."""
    authors = access.owners_visible("checkins")
    rows = db.session.scalars(
        select(Checkin)
        .where(Checkin.space_id == access.space_id, Checkin.author_id.in_(authors))
        .order_by(Checkin.id)
    )
    return [CheckinView.of(row, access) for row in rows]


def _consents(access: policy.Access) -> consent.Overview:
    """The consent overview, with the whole history of changes by or to the viewer."""
    overview = consent.overview(actor=access.user, space_id=access.space_id)
    mine = or_(ConsentChange.owner_id == access.user.id, ConsentChange.viewer_id == access.user.id)
    history = db.session.scalars(
        select(ConsentChange)
        .where(ConsentChange.space_id == access.space_id, mine)
        .order_by(ConsentChange.id)
    )
    return dataclasses.replace(overview, history=list(history))


def _owned(model: Any, owner: Any, access: policy.Access) -> list[Any]:
    """Rows of model in the space that belong to the viewer alone, oldest first."""
    query = select(model).where(model.space_id == access.space_id, owner == access.user.id)
    return list(db.session.scalars(query.order_by(model.id)))


def _by(key: str, query: Any) -> defaultdict[int, list[Any]]:
    """The rows of query grouped by one of their attributes, in query order."""
    grouped: defaultdict[int, list[Any]] = defaultdict(list)
    for row in db.session.scalars(query):
        grouped[getattr(row, key)].append(row)
    return grouped


def _reads(section: SpaceSection) -> list[Read]:
    """What a section shows of each owner's data, for the access log (therapists only)."""
    replies = [reply for d in section.disclosures for reply in d.responses]
    reviews = [c.review for view in section.commitments for c in view.checks if c.review]
    notes = [c for c in section.checkins if c.note is not None]
    return [
        *_described(
            [d.author_id for d in [*section.disclosures, *replies]],
            "disclosures",
            "disclosures and replies",
        ),
        *_described(
            [c.author_id for c in [*section.commitments, *reviews]],
            "commitments",
            "commitments and reviews",
        ),
        *_described([c.author_id for c in section.checkins], "checkins", "check-ins"),
        *_described([c.author_id for c in notes], "checkin_notes", "check-in notes"),
        *_described([s.respondent_id for s in section.measures], "measures", "questionnaires"),
    ]


def _described(owners: Iterable[int | None], category: str, what: str) -> list[Read]:
    return reads_by_owner(owners, category, lambda n: f"{n} {what}, in an account export")


def _authored(actor: User) -> list[dict[str, Any]]:
    """Every row the actor wrote anywhere: the ledgered ones, then therapist notes."""
    rows = [
        {
            "kind": authored.kind.model.ledger_kind,
            "id": authored.row.id,
            "space_id": authored.space_id,
            "created_at": authored.row.created_at,
            "content": _plain(authored.row.ledger_content()),
        }
        for authored in authored_rows(actor.id)
    ]
    notes = db.session.scalars(
        select(TherapistNote).where(TherapistNote.author_id == actor.id).order_by(TherapistNote.id)
    )
    return (
        rows
        + measure_views.authored(actor.id)
        + [
            {
                "kind": "therapist_note",
                "id": note.id,
                "space_id": note.space_id,
                "created_at": note.created_at,
                "content": {"body": note.body},
            }
            for note in notes
        ]
    )


def _plain(content: dict[str, Any]) -> dict[str, Any]:
    """Content with its dates and times written as ISO 8601, as the ledger hashes them."""
    return {
        name: canonical(value) if isinstance(value, date | datetime) else value
        for name, value in content.items()
    }
