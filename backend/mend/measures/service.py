"""Measures: answering a questionnaire, the series each caller may see, and schedules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mend import policy
from mend.auth.models import User
from mend.consent.access_log import Read, record_reads
from mend.database import utcnow
from mend.errors import Invalid, NotFound
from mend.extensions import db
from mend.measures import events
from mend.measures.catalogue import Instrument
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.measures.read import (
    CATEGORY,
    ResponseView,
    SeriesView,
    described,
    series_of,
)
from mend.measures.setup import instruments, support
from mend.spaces.models import PARTNER_ROLES

NO_SUCH_INSTRUMENT = "We don't offer that questionnaire."
NO_SCHEDULE = "There is no schedule for that questionnaire."
WHOSE_SCHEDULE = "Please say which partner this schedule is for (respondent_id)."


def instrument(instrument_id: str) -> Instrument:
    """The instrument with this id, or NotFound."""
    found = instruments().get(instrument_id)
    if found is None:
        raise NotFound(NO_SUCH_INSTRUMENT)
    return found


def list_instruments() -> list[dict[str, Any]]:
    """Every instrument offered, in a stable order, as its file describes it."""
    return [described(chosen) for chosen in instruments().values()]


def respond(*, actor: User, space_id: int, instrument_id: str, answers: list[int]) -> ResponseView:
    """Score and store a partner's answers; support words when the answers call for them."""
    access = policy.access(actor, space_id)
    access.require_role(*PARTNER_ROLES)
    chosen = instrument(instrument_id)
    check_answers(chosen, answers)
    score = chosen.score(answers)
    row = MeasureResponse(
        space_id=space_id,
        respondent_id=actor.id,
        instrument=chosen.id,
        answers=list(answers),
        score=score,
        band=chosen.band(score),
        created_at=utcnow(),
    )
    db.session.add(row)
    db.session.flush()
    announcement = events.responded(space_id=space_id, response_id=row.id, owner_id=actor.id)
    db.session.commit()
    announcement.send()
    caring = chosen.safety_message and chosen.beyond_cutoff(score)
    return ResponseView(
        row.id, chosen.id, score, row.band, row.created_at, support() if caring else None
    )


def check_answers(chosen: Instrument, answers: list[int]) -> None:
    """Invalid (naming the item) unless there is one allowed answer per item."""
    if len(answers) != len(chosen.items):
        raise Invalid(
            "answers",
            f"{chosen.name} has {len(chosen.items)} questions, so it needs "
            f"{len(chosen.items)} answers (we got {len(answers)}).",
        )
    for index, (item, answer) in enumerate(zip(chosen.items, answers, strict=True)):
        if answer not in item.values:
            allowed = ", ".join(str(value) for value in sorted(item.values))
            raise Invalid(
                f"answers.{index}",
                f"Question {index + 1} (\u201c{item.text}\u201d) needs one of {allowed}.",
            )


def list_visible(*, actor: User, space_id: int) -> dict[str, Any]:
    """The series the actor may see (category `measures`), and what is due for them."""
    access = policy.access(actor, space_id)
    views = visible_series(access)
    owners = {view.respondent_id for view in views}
    record_reads(access, [Read(owner, CATEGORY, "questionnaire scores") for owner in owners])
    due = [
        view.instrument
        for view in views
        if view.respondent_id == actor.id and view.schedule and view.schedule.due
    ]
    return {"series": views, "due": due}


def visible_series(access: policy.Access) -> list[SeriesView]:
    """Every series the holder of access may see in its space (reads are not logged here)."""
    owners = access.owners_visible(CATEGORY) & _partner_ids(access)
    return series_of(access, owners)


def _partner_ids(access: policy.Access) -> set[int]:
    return {uid for uid, m in access.members.items() if m.role in PARTNER_ROLES}


def set_schedule(
    *, actor: User, space_id: int, instrument_id: str, every_weeks: int, respondent_id: int | None
) -> MeasureSchedule:
    """Offer an instrument every `every_weeks` weeks from now (replacing any schedule)."""
    access = policy.access(actor, space_id)
    respondent_id = _whose(access, respondent_id)
    policy.may_schedule(access, respondent_id)
    chosen = instrument(instrument_id)
    row = _schedule(space_id, respondent_id, chosen.id)
    if row is None:
        row = MeasureSchedule(space_id=space_id, respondent_id=respondent_id, instrument=chosen.id)
        db.session.add(row)
    row.every_weeks, row.set_by_id, row.starts_at = every_weeks, actor.id, utcnow()
    db.session.commit()
    return row


def stop_schedule(
    *, actor: User, space_id: int, instrument_id: str, respondent_id: int | None
) -> None:
    """Stop offering an instrument on a schedule."""
    access = policy.access(actor, space_id)
    respondent_id = _whose(access, respondent_id)
    policy.may_schedule(access, respondent_id)
    row = _schedule(space_id, respondent_id, instrument(instrument_id).id)
    if row is None:
        raise NotFound(NO_SCHEDULE)
    db.session.delete(row)
    db.session.commit()


def _whose(access: policy.Access, respondent_id: int | None) -> int:
    """The respondent a schedule is for: the caller, unless they name a partner."""
    if respondent_id is not None:
        return respondent_id
    if access.role not in PARTNER_ROLES:
        raise Invalid("respondent_id", WHOSE_SCHEDULE)
    return access.user.id


def _schedule(space_id: int, respondent_id: int, instrument_id: str) -> MeasureSchedule | None:
    return db.session.scalar(
        select(MeasureSchedule).where(
            MeasureSchedule.space_id == space_id,
            MeasureSchedule.respondent_id == respondent_id,
            MeasureSchedule.instrument == instrument_id,
        )
    )
