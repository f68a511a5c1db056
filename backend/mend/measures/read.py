"""Read models for measures: an instrument as the API describes it, and a person's series
as one caller may see it (built from rows already filtered by consent)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, select

from mend import policy
from mend.extensions import db
from mend.measures import series
from mend.measures.catalogue import Instrument
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.measures.setup import instruments

CATEGORY = "measures"


@dataclass(frozen=True)
class ResponseView:
    """A response as its respondent sees it right after answering."""

    id: int
    instrument: str
    score: int
    band: str
    created_at: datetime
    support: dict[str, Any] | None


@dataclass(frozen=True)
class SeriesView:
    """One partner's series on one instrument, with change and adherence."""

    respondent_id: int
    role: str
    display_name: str
    instrument: str
    cutoff: float
    points: list[series.Point]
    last_change: series.Change | None
    schedule: series.Adherence | None
    beyond_cutoff: bool


def described(chosen: Instrument) -> dict[str, Any]:
    """An instrument in the shape of `InstrumentOut`."""
    reliability = chosen.reliability
    shared = chosen.items[0].options
    return {
        **{key: getattr(chosen, key) for key in ("id", "name", "title", "stem", "bands")},
        **{key: getattr(chosen, key) for key in ("citation", "source", "licence")},
        "items": chosen.items,
        "options": shared if all(item.options == shared for item in chosen.items) else None,
        "scoring": {
            "method": "sum",
            "min": chosen.score_min,
            "max": chosen.score_max,
            "higher_is": chosen.higher_is,
        },
        "cutoff": {
            "value": chosen.cutoff,
            "flags": chosen.cutoff_flags,
            "meaning": chosen.cutoff_meaning,
        },
        "reliability": None
        if reliability is None
        else {
            **vars(reliability),
            "reliable_difference": round(reliability.reliable_difference, 2),
        },
        "reliability_note": chosen.reliability_note,
    }


def authored(user_id: int) -> list[dict[str, Any]]:
    """Every response the user gave, in any space, as the export's `authored` entries."""
    rows = db.session.scalars(
        select(MeasureResponse)
        .where(MeasureResponse.respondent_id == user_id)
        .order_by(MeasureResponse.id)
    )
    return [
        {
            "kind": "measure_response",
            "id": row.id,
            "space_id": row.space_id,
            "created_at": row.created_at,
            "content": {
                "instrument": row.instrument,
                "answers": row.answers,
                "score": row.score,
                "band": row.band,
            },
        }
        for row in rows
    ]


def build_series(
    access: policy.Access,
    responses: Sequence[MeasureResponse | Row[Any]],
    schedules: Sequence[MeasureSchedule | Row[Any]],
    *,
    now: datetime,
) -> list[SeriesView]:
    """Series per (respondent, instrument) from rows already filtered by consent (models, or
    plain rows with the same column names)."""
    points: dict[tuple[int, str], list[series.Point]] = defaultdict(list)
    for row in responses:
        points[(row.respondent_id, row.instrument)].append(
            series.Point(row.id, row.score, row.band, row.created_at)
        )
    planned = {(s.respondent_id, s.instrument): s for s in schedules}
    offered = instruments()
    keys = visible_keys(access, {*points, *planned})
    return [
        _series(access, key, offered[key[1]], points[key], planned.get(key), now) for key in keys
    ]


def visible_keys(access: policy.Access, keys: set[tuple[int, str]]) -> list[tuple[int, str]]:
    """The (respondent, instrument) series the viewer may see, in the order they are shown:
    the hurt partner's first, then by respondent and the catalogue's order of instruments."""
    offered = list(instruments())
    return sorted(
        (key for key in keys if key[1] in offered and access.can_see(key[0], CATEGORY)),
        key=lambda key: (access.role_of(key[0]) != "hurt", key[0], offered.index(key[1])),
    )


def _series(
    access: policy.Access,
    key: tuple[int, str],
    chosen: Instrument,
    points: list[series.Point],
    schedule: MeasureSchedule | Row[Any] | None,
    now: datetime,
) -> SeriesView:
    respondent = access.members[key[0]]
    adherence = None
    if schedule is not None:
        adherence = series.adherence(
            every_weeks=schedule.every_weeks,
            starts_at=schedule.starts_at,
            answered=[p.created_at for p in points],
            now=now,
        )
    return SeriesView(
        respondent_id=key[0],
        role=respondent.role,
        display_name=respondent.display_name,
        instrument=chosen.id,
        cutoff=chosen.cutoff,
        points=points,
        last_change=series.last_change(chosen, points),
        schedule=adherence,
        beyond_cutoff=bool(points) and chosen.beyond_cutoff(points[-1].score),
    )


def series_of(
    access: policy.Access, owners: Sequence[int] | set[int], *, before: datetime | None = None
) -> list[SeriesView]:
    """The series of these owners in the access's space, from the answers written before
    `before` (default: all of them), as they stood then (or now, if sooner)."""
    answered = select(MeasureResponse).where(
        MeasureResponse.space_id == access.space_id,
        MeasureResponse.respondent_id.in_(owners),
    )
    if before is not None:
        answered = answered.where(MeasureResponse.created_at < before)
    responses = db.session.scalars(answered.order_by(MeasureResponse.id)).all()
    schedules = db.session.scalars(
        select(MeasureSchedule).where(
            MeasureSchedule.space_id == access.space_id,
            MeasureSchedule.respondent_id.in_(owners),
        )
    ).all()
    now = access.now if before is None else min(before, access.now)
    return build_series(access, list(responses), list(schedules), now=now)
