"""The caseload's questionnaire figures summed up in SQL equal those worked out from every row.

`measure_rows` asks the database for the two newest answers, the count and the
periods kept; these tests put answers on and around period boundaries (to the
microsecond), before a schedule starts and after now, and compare with
`series.adherence` and `series.last_change` over the full list of rows.
"""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from mend.database import utcnow
from mend.extensions import db
from mend.measures import series
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.therapist.caseload import measure_rows
from tests.builders import Couple

MICROSECOND = timedelta(microseconds=1)


def _answer_moments(starts_at, every_weeks: int, now, seed: int) -> list:
    """Answers on boundaries, a microsecond either side, at random, before the start, after now."""
    period = timedelta(weeks=every_weeks)
    chance = random.Random(seed)
    moments = [starts_at - timedelta(days=3), now + timedelta(hours=2)]
    for index in range(0, 9):
        boundary = starts_at + period * index
        pick = chance.choice([boundary, boundary - MICROSECOND, boundary + MICROSECOND, None])
        if pick is not None:
            moments.append(pick)
        if chance.random() < 0.3:
            moments.append(boundary + timedelta(seconds=chance.randrange(1, 600_000)))
    return sorted(moments)


def _write(couple: Couple, every_weeks: int, starts_at, moments: list) -> int:
    respondent_id = couple.hurt.user["id"]
    db.session.add(
        MeasureSchedule(
            space_id=couple.space_id,
            respondent_id=respondent_id,
            instrument="phq2",
            every_weeks=every_weeks,
            starts_at=starts_at,
        )
    )
    for number, moment in enumerate(moments):
        score = number % 7
        db.session.add(
            MeasureResponse(
                space_id=couple.space_id,
                respondent_id=respondent_id,
                instrument="phq2",
                answers=[score // 2, score - score // 2],
                score=score,
                band="low",
                created_at=moment,
            )
        )
    db.session.commit()
    return respondent_id


@pytest.mark.parametrize("seed", range(6))
def test_sql_figures_equal_those_from_every_answer(app: Flask, couple: Couple, seed: int) -> None:
    every_weeks = 1 + seed % 3
    now = utcnow().replace(microsecond=123456)
    starts_at = now - timedelta(weeks=every_weeks) * 7 - timedelta(microseconds=seed * 1000 + 7)
    moments = _answer_moments(starts_at, every_weeks, now, seed)
    with app.app_context():
        respondent_id = _write(couple, every_weeks, starts_at, moments)
        key = (couple.space_id, respondent_id, "phq2")
        kept = measure_rows.kept([couple.space_id], [respondent_id], now=now)[key]
        newest = measure_rows.newest([couple.space_id], [respondent_id])[key]
        stored = db.session.scalars(select(MeasureResponse).order_by(MeasureResponse.id)).all()
    expected = series.adherence(
        every_weeks=every_weeks,
        starts_at=starts_at,
        answered=[row.created_at for row in stored],
        now=now,
    )
    assert measure_rows.adherence(kept, now=now) == expected
    assert newest.answered == len(stored)
    assert [point.id for point in newest.points] == [row.id for row in stored[-2:]]
    assert [point.created_at for point in newest.points] == moments[-2:]


def test_a_schedule_without_answers_is_due_and_missed_from_its_start(
    app: Flask, couple: Couple
) -> None:
    now = utcnow()
    starts_at = now - timedelta(weeks=5, hours=1)
    with app.app_context():
        respondent_id = _write(couple, 2, starts_at, [])
        key = (couple.space_id, respondent_id, "phq2")
        kept = measure_rows.kept([couple.space_id], [respondent_id], now=now)[key]
        assert measure_rows.newest([couple.space_id], [respondent_id]) == {}
    expected = series.adherence(every_weeks=2, starts_at=starts_at, answered=[], now=now)
    assert measure_rows.adherence(kept, now=now) == expected
    assert expected.missed_in_a_row == 2
