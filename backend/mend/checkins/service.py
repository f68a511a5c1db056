"""Check-in rules: who writes which score, who sees which check-in and note, and the trend."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Select, bindparam, insert, select

from mend import policy, speed
from mend.auth.models import User
from mend.checkins import events, trends
from mend.checkins.models import Checkin
from mend.checkins.read import CheckinView
from mend.clock import start_of_day, today_in
from mend.consent.access_log import Read, reads_by_owner, record_reads
from mend.database import utcnow
from mend.errors import Invalid, NotFound
from mend.extensions import db
from mend.pagination import Page, paginate, read_columns
from mend.record import service as record_service
from mend.spaces.models import PARTNER_ROLES

NOTHING_TO_SAVE = (
    "There is nothing to save yet. Choose a number for how safe you feel, "
    "or say in a few words how today is."
)
FELT_SAFETY_IS_THE_HURT_PARTNERS = (
    "How safe your partner feels is theirs to say. You can share your guess as "
    "predicted_safety instead."
)
CHECKIN_NOT_FOUND = "We couldn't find that check-in."
PREDICTED_SAFETY_IS_THE_REPAIRING_PARTNERS = (
    "Predicted safety is your partner's guess about you. Please share how safe you feel "
    "as felt_safety."
)

# Check-ins are the busiest write: inserted as a plain row, without the session's unit of
# work (the Checkin built from the same values only carries them to the ledger and the view).
INSERT_CHECKIN = insert(Checkin)
# Speed tricks, each switched off for bench/ablation.py by naming it in MEND_BENCH_WITHOUT.
BUILT_ONCE = speed.on("built_once")
CORE_WRITES = speed.on("core_writes")


def create(
    *,
    actor: User,
    space_id: int,
    felt_safety: int | None,
    regulation: int | None,
    predicted_safety: int | None,
    note: str | None,
    note_private: bool,
    tags: list[str],
) -> CheckinView:
    """Record a partner's check-in and chain it into the space's ledger."""
    locked = policy.locked_access(actor, space_id)
    access = locked.access
    access.require_role(*PARTNER_ROLES)
    _check_scores_for_role(access.role, felt_safety=felt_safety, predicted_safety=predicted_safety)
    if access.role == "hurt" and felt_safety is None and not (note or tags):
        raise Invalid("felt_safety", NOTHING_TO_SAVE)
    values = {
        "space_id": space_id,
        "author_id": actor.id,
        "felt_safety": felt_safety,
        "regulation": regulation,
        "predicted_safety": predicted_safety,
        "note": note,
        "note_private": note_private,
        "tags": tags,
        "created_at": utcnow(),
    }
    row = Checkin(id=_insert(values), **values)
    record_service.append(space_id=space_id, row=row)
    view = CheckinView.of(row, access)
    announcement = events.created(locked=locked, checkin_id=row.id, author_id=actor.id)
    db.session.commit()
    announcement.send()
    return view


def _insert(values: dict[str, object]) -> int:
    """Write a new check-in in the session's transaction; its id."""
    if not CORE_WRITES:
        row = Checkin(**values)
        db.session.add(row)
        db.session.flush()
        return row.id
    return db.session.connection().execute(INSERT_CHECKIN, values).inserted_primary_key[0]


def _check_scores_for_role(
    role: str, *, felt_safety: int | None, predicted_safety: int | None
) -> None:
    """Felt safety is the hurt partner's to give (or to skip: words alone are a check-in too);
    predicted safety the repairing partner's."""
    if role == "hurt" and predicted_safety is not None:
        raise Invalid("predicted_safety", PREDICTED_SAFETY_IS_THE_REPAIRING_PARTNERS)
    if role == "repairing" and felt_safety is not None:
        raise Invalid("felt_safety", FELT_SAFETY_IS_THE_HURT_PARTNERS)


def get_visible(*, actor: User, space_id: int, checkin_id: int) -> CheckinView:
    """One check-in the actor may see; NotFound for any other."""
    access = policy.access(actor, space_id)
    row = db.session.get(Checkin, checkin_id)
    if row is None or row.space_id != space_id or not access.can_see(row.author_id, "checkins"):
        raise NotFound(CHECKIN_NOT_FOUND)
    view = CheckinView.of(row, access)
    record_reads(access, _reads([view]))
    return view


def list_visible(
    *,
    actor: User,
    space_id: int,
    first: date | None,
    last: date | None,
    author_id: int | None,
    limit: int,
    before: int | None,
) -> Page[CheckinView]:
    """The check-ins the actor may see, newest first, within local days first..last."""
    access = policy.access(actor, space_id)
    authors = access.owners_visible("checkins")
    if author_id is not None:
        authors &= {author_id}
    query = select(Checkin).where(Checkin.space_id == space_id, Checkin.author_id.in_(authors))
    query = _within_local_days(query, first=first, last=last, timezone=actor.timezone)
    page = paginate(query, Checkin.id, limit=limit, before=before)
    items = [CheckinView.of(row, access) for row in page.items]
    record_reads(access, _reads(items))
    return Page(items=items, next_before=page.next_before)


def _reads(items: list[CheckinView]) -> list[Read]:
    """What a page of check-ins showed, per owner: scores, and notes where shown."""
    if not items:
        return []
    span = f"{items[-1].created_at.date()} to {items[0].created_at.date()}"
    scores = reads_by_owner(
        (i.author_id for i in items), "checkins", lambda n: f"{n} check-ins, {span}"
    )
    notes = reads_by_owner(
        (i.author_id for i in items if i.note is not None),
        "checkin_notes",
        lambda n: f"{n} check-in notes, {span}",
    )
    return scores + notes


def _within_local_days(
    query: Select, *, first: date | None, last: date | None, timezone: str
) -> Select:
    """Narrow query to check-ins made on local days first..last (either end may be open)."""
    if first is not None:
        query = query.where(Checkin.created_at >= start_of_day(first, timezone))
    if last is not None:
        query = query.where(Checkin.created_at < _after_local_day(last, timezone))
    return query


def _after_local_day(day: date, timezone: str) -> datetime:
    """The moment the local day after `day` begins (the open end of a range of days)."""
    return start_of_day(day + timedelta(days=1), timezone)


def safety_trend(
    *, actor: User, space_id: int, first: date | None, last: date | None, bucket: str
) -> trends.SafetyTrend:
    """Felt safety per local day or week for the actor, with attunement where both are visible."""
    access = policy.access(actor, space_id)
    timezone = actor.timezone
    today = today_in(timezone)
    first, last = trends.resolve_range(first=first, last=last, today=today, bucket=bucket)
    felt, predicted = visible_readings(access, first=first, last=last, timezone=timezone)
    trend = trends.summarise(
        felt=felt, predicted=predicted, first=first, last=last, bucket=bucket, timezone=timezone
    )
    shown = access.owners_visible("checkins") if felt or predicted else set()
    record_reads(
        access, [Read(owner, "checkins", f"safety trend {first} to {last}") for owner in shown]
    )
    return trend


def visible_readings(
    access: policy.Access, *, first: date, last: date, timezone: str
) -> tuple[list[trends.Reading], list[trends.Reading] | None]:
    """The hurt partner's felt safety the caller may see, and the repairing partner's
    predicted safety too (else None) when the caller may see both partners' check-ins."""
    partners = {m.role: user_id for user_id, m in access.members.items() if m.role in PARTNER_ROLES}
    hurt_id, repairing_id = partners.get("hurt"), partners.get("repairing")
    visible = access.owners_visible("checkins")
    both_visible = hurt_id in visible and repairing_id in visible
    authors = visible & ({hurt_id, repairing_id} if both_visible else {hurt_id})
    felt: list[trends.Reading] = []
    predicted: list[trends.Reading] = []
    for author_id, moment, felt_safety, predicted_safety in _scores(
        access.space_id, authors=authors, first=first, last=last, timezone=timezone
    ):
        if author_id == hurt_id and felt_safety is not None:
            felt.append((moment, felt_safety))
        elif author_id == repairing_id and predicted_safety is not None:
            predicted.append((moment, predicted_safety))
    return felt, predicted if both_visible else None


def _scores_select() -> Select[tuple[int, datetime, int | None, int | None]]:
    """Each score of some authors in a space between two moments."""
    return select(
        Checkin.author_id, Checkin.created_at, Checkin.felt_safety, Checkin.predicted_safety
    ).where(
        Checkin.space_id == bindparam("space_id"),
        Checkin.author_id.in_(bindparam("authors", expanding=True)),
        Checkin.created_at >= bindparam("start"),
        Checkin.created_at < bindparam("end"),
    )


# Built once: trends are among the busiest reads, and SQLAlchemy then reuses the compiled form.
SCORES = _scores_select()


def _scores(
    space_id: int, *, authors: set[int | None], first: date, last: date, timezone: str
) -> list[tuple[int, datetime, int | None, int | None]]:
    """Every score the trend needs, in one query, from the rolling window's first day on."""
    window = {
        "start": start_of_day(trends.lookback_start(first), timezone),
        "end": _after_local_day(last, timezone),
    }
    params = {"space_id": space_id, "authors": sorted(authors - {None}), **window}
    statement = SCORES if BUILT_ONCE else _scores_select()
    return [tuple(row) for row in read_columns(statement, params)]
