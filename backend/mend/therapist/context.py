"""The context a therapist asks for beside a couple's charts, each piece under its own consent.

* **Disclosure days**: the days a disclosure was logged or amended, for markers
  on the felt-safety chart. That a disclosure exists, and when, is the
  repairing partner's disclosure data: no grant of `disclosures`, no days at all
  (None, never an empty list that would read "nothing was disclosed").
* **Not yet taken in**: how many disclosures (as they read now, after any
  amendment) the hurt partner has not acknowledged. This joins two people's
  data. The disclosures are the repairing partner's, and an acknowledgement
  ("I have taken this in") is something the hurt partner writes onto the
  repairing partner's record, so by consent rule 7 it follows the hurt
  partner's own grant of `disclosures` (the disclosure views already show
  `acknowledged_at` on exactly those terms). Counting what is *not* taken in
  tells as much about the hurt partner as showing what is, so the count needs
  both grants; either one missing (or a partner gone: leaving ends their
  grants, rule 10) and it is None.
* **Stopped sharing**: when a partner in the space now stopped sharing a
  category with this therapist, or let a time-limited grant run out. It is the
  record of the therapist's own access, which they already receive as their
  consent history, so it needs no grant; former partners are left out (the
  page says they left instead).

Reads of partners' data are written to their access logs, as every therapist read is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import exists, func, select

from mend import clock, policy
from mend.auth.models import User
from mend.consent.access_log import Read, record_reads
from mend.consent.models import CATEGORIES, ConsentChange
from mend.disclosures.models import Disclosure, DisclosureAcknowledgement, DisclosureRevision
from mend.disclosures.read.acknowledgements import of_revision
from mend.disclosures.read.views import CATEGORY as DISCLOSURES
from mend.extensions import db
from mend.therapist.report.markers import DisclosureDay, days_of
from mend.therapist.report.service import resolve_range

DEFAULT_DAYS = 182  # the couple page's longest chart span


@dataclass(frozen=True)
class StoppedSharing:
    """A partner's category that is no longer shared with the therapist, and since when."""

    user_id: int
    role: str
    display_name: str
    category: str
    on: datetime
    expired: bool


@dataclass(frozen=True)
class CoupleContext:
    """What the therapist may know around the couple's charts; None where not shared."""

    first: date
    last: date
    disclosure_days: list[DisclosureDay] | None
    not_taken_in: int | None
    stopped_sharing: list[StoppedSharing]


def couple_context(
    *, actor: User, space_id: int, first: date | None, last: date | None
) -> CoupleContext:
    """The couple page's context for local days first..last (default: the last 182 days)."""
    access = policy.therapist_access(actor, space_id)
    last = last or clock.today_in(actor.timezone)
    first, last = resolve_range(
        first=first or last - timedelta(days=DEFAULT_DAYS - 1), last=last, today=last
    )
    hurt, repairing = _partner(access, "hurt"), _partner(access, "repairing")
    days = _disclosure_days(access, first, last) if _shares(access, repairing) else None
    count = _not_taken_in(access, hurt) if _shares(access, hurt) and days is not None else None
    found = CoupleContext(first, last, days, count, stopped_sharing(access))
    record_reads(access, _reads(found, hurt=hurt, repairing=repairing))
    return found


def _partner(access: policy.Access, role: str) -> int | None:
    """The user id of the partner in this role now, or None if the role is vacant."""
    return next((uid for uid, m in access.members.items() if m.role == role and m.active), None)


def _shares(access: policy.Access, owner_id: int | None) -> bool:
    return owner_id is not None and access.can_see(owner_id, DISCLOSURES)


def _disclosure_days(access: policy.Access, first: date, last: date) -> list[DisclosureDay]:
    """Days with a version written, of the disclosures the therapist may see."""
    start, end = clock.day_range_utc(first, last, access.user.timezone)
    rows = db.session.execute(
        select(DisclosureRevision.number, DisclosureRevision.created_at)
        .join(Disclosure, Disclosure.id == DisclosureRevision.disclosure_id)
        .where(
            Disclosure.space_id == access.space_id,
            Disclosure.author_id.in_(access.owners_visible(DISCLOSURES)),
            DisclosureRevision.created_at >= start,
            DisclosureRevision.created_at < end,
        )
    ).all()
    return days_of(((n, at) for n, at in rows), access.user.timezone)


def _not_taken_in(access: policy.Access, hurt_id: int | None) -> int:
    """Visible disclosures whose newest revision the hurt partner has not acknowledged."""
    newest = (
        select(func.max(DisclosureRevision.number))
        .where(DisclosureRevision.disclosure_id == Disclosure.id)
        .correlate(Disclosure)
        .scalar_subquery()
    )
    taken_in = exists().where(
        DisclosureAcknowledgement.disclosure_id == Disclosure.id,
        DisclosureAcknowledgement.user_id == hurt_id,
        of_revision(DisclosureRevision.number, DisclosureRevision.created_at),
    )
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Disclosure)
            .join(DisclosureRevision, DisclosureRevision.disclosure_id == Disclosure.id)
            .where(
                Disclosure.space_id == access.space_id,
                Disclosure.author_id.in_(access.owners_visible(DISCLOSURES)),
                DisclosureRevision.number == newest,
                ~taken_in,
            )
        )
        or 0
    )


def stopped_sharing(access: policy.Access) -> list[StoppedSharing]:
    """Categories a current partner shared with this therapist's membership and no longer does."""
    if access.pending:
        return []
    changes = db.session.scalars(
        select(ConsentChange)
        .where(
            ConsentChange.space_id == access.space_id,
            ConsentChange.viewer_membership_id == access.membership.id,
        )
        .order_by(ConsentChange.id)
    ).all()
    history: dict[tuple[int, str], list[ConsentChange]] = {}
    for change in changes:
        history.setdefault((change.owner_membership_id, change.category), []).append(change)
    found = []
    for member in access.members.values():
        if not member.active or member.role == "therapist":
            continue
        for category in CATEGORIES:
            ended = _ended(history.get((member.id, category), []), access.now)
            if ended is not None and not access.can_see(member.user_id, category):
                on, expired = ended
                found.append(
                    StoppedSharing(
                        member.user_id, member.role, member.display_name, category, on, expired
                    )
                )
    return sorted(found, key=lambda item: item.on, reverse=True)


def _ended(changes: list[ConsentChange], now: datetime) -> tuple[datetime, bool] | None:
    """When sharing ended, and whether by running out, if it was ever granted and is not now."""
    if not any(change.granted for change in changes):
        return None
    latest = changes[-1]
    if not latest.granted:
        return latest.created_at, False
    if latest.expires_at is not None and latest.expires_at <= now:
        return latest.expires_at, True
    return None


def _reads(found: CoupleContext, *, hurt: int | None, repairing: int | None) -> list[Read]:
    """The partners' data the context was drawn from, one access-log line each."""
    span = f"{found.first.isoformat()} to {found.last.isoformat()}"
    reads = []
    if repairing is not None and found.disclosure_days is not None:
        reads.append(Read(repairing, DISCLOSURES, f"couple page: disclosure days {span}"))
    if hurt is not None and found.not_taken_in is not None:
        reads.append(Read(hurt, DISCLOSURES, "couple page: disclosures not yet taken in"))
    return reads
