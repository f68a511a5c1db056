"""Reliability and streak, pinned to values worked out by hand from the DESIGN.md formula."""

from __future__ import annotations

from datetime import date, timedelta
from math import sqrt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mend.clock import week_start
from mend.commitments.reliability import Folded, Reliability, compute, fold, multiplier

DAILY_M = 0.5 ** (1 / 13)
WEEKLY_M = 0.5 ** (sqrt(1 / 7) / 13)
START = date(2024, 1, 1)  # a Monday


def day(n: int) -> date:
    """The nth day of the commitment, counting START as day 0."""
    return START + timedelta(days=n)


def kept(*days: int, disputed: bool = False) -> dict[date, tuple[str, bool]]:
    return {day(n): ("kept", disputed) for n in days}


def daily(today: int, checks: dict, changes: tuple = ()) -> Reliability:
    return compute(
        cadence="daily", starts_on=START, today=day(today), checks=checks, status_changes=changes
    )


def test_multipliers_follow_the_half_life_formula() -> None:
    assert multiplier("daily") == pytest.approx(DAILY_M)
    assert multiplier("weekly") == pytest.approx(WEEKLY_M)
    assert multiplier("ongoing") == pytest.approx(DAILY_M)


def test_thirty_kept_days_from_zero() -> None:
    result = daily(30, kept(*range(30)))

    assert result.score == pytest.approx(1 - 0.5 ** (30 / 13))
    assert result.score == pytest.approx(0.798, abs=0.001)
    assert result.streak == 30


def test_one_miss_after_a_long_run_drops_a_full_score_to_m() -> None:
    checks = kept(*range(1000)) | {day(1000): ("missed", False)}

    result = daily(1001, checks)

    assert result.score == pytest.approx(0.5 ** (1 / 13))
    assert result.score == pytest.approx(0.948, abs=0.001)
    assert result.streak == 0


def test_partial_counts_half() -> None:
    result = daily(1, {day(0): ("partial", False)})

    assert result.score == pytest.approx(0.5 * (1 - DAILY_M))
    assert result.streak == 0


def test_disputed_kept_counts_as_partial_and_breaks_the_streak() -> None:
    assert daily(1, kept(0, disputed=True)) == daily(1, {day(0): ("partial", False)})
    assert daily(3, kept(0, 1) | kept(2, disputed=True)).streak == 0


def test_disputed_miss_stays_a_miss() -> None:
    assert daily(1, {day(0): ("missed", True)}).score == 0.0


def test_paused_days_leave_score_and_streak_unchanged() -> None:
    changes = ((day(10), "paused"), (day(15), "active"))

    result = daily(15, kept(*range(10)), changes)

    assert result == Reliability(score=pytest.approx(1 - DAILY_M**10), streak=10)


def test_checks_reported_while_paused_do_not_count() -> None:
    changes = ((day(2), "paused"), (day(4), "active"))

    assert daily(4, kept(0, 1) | {day(2): ("missed", False)}, changes) == daily(2, kept(0, 1))


def test_unreported_past_days_count_as_missed() -> None:
    result = daily(13, kept(*range(10)))

    assert result.score == pytest.approx((1 - DAILY_M**10) * DAILY_M**3)
    assert result.streak == 0


def test_unreported_current_day_is_not_counted() -> None:
    result = daily(10, kept(*range(10)))

    assert result.score == pytest.approx(1 - DAILY_M**10)
    assert result.streak == 10


def test_current_day_counts_once_reported() -> None:
    result = daily(10, kept(*range(11)))

    assert result.score == pytest.approx(1 - DAILY_M**11)
    assert result.streak == 11


def test_streak_is_broken_by_a_miss_but_not_by_a_pause() -> None:
    checks = kept(0, 1) | {day(2): ("missed", False)} | kept(3, 4, 7, 8)
    changes = ((day(5), "paused"), (day(7), "active"))

    assert daily(9, checks, changes).streak == 4
    assert daily(9, checks).streak == 2  # without the pause, days 5 and 6 were missed


@pytest.mark.parametrize("final", ["completed", "withdrawn"])
def test_nothing_counts_after_completion_or_withdrawal(final: str) -> None:
    changes = ((day(5), final),)

    result = daily(40, kept(*range(5)), changes)

    assert result == Reliability(score=pytest.approx(1 - DAILY_M**5), streak=5)


def test_the_day_of_completion_counts_if_reported() -> None:
    result = daily(40, kept(*range(6)), ((day(5), "completed"),))

    assert result.score == pytest.approx(1 - DAILY_M**6)


def test_weekly_uses_its_own_multiplier_and_iso_weeks() -> None:
    checks = {START + timedelta(weeks=n): ("kept", False) for n in range(4)}

    result = compute(
        cadence="weekly", starts_on=day(2), today=day(30), checks=checks, status_changes=()
    )

    assert result.score == pytest.approx(1 - WEEKLY_M**4)  # week 5 (day 28-34) is current
    assert result.streak == 4


def test_weekly_unreported_past_week_counts_as_missed() -> None:
    checks = {START: ("kept", False)}

    result = compute(
        cadence="weekly", starts_on=START, today=day(15), checks=checks, status_changes=()
    )

    assert result.score == pytest.approx((1 - WEEKLY_M) * WEEKLY_M)


def test_ongoing_counts_only_reports_in_date_order() -> None:
    checks = {day(40): ("missed", False), day(3): ("kept", False), day(90): ("kept", False)}

    result = compute(
        cadence="ongoing", starts_on=START, today=day(100), checks=checks, status_changes=()
    )

    assert result.score == pytest.approx(((1 - DAILY_M) * DAILY_M) * DAILY_M + (1 - DAILY_M))
    assert result.streak == 1


def test_a_commitment_that_has_not_started_scores_zero() -> None:
    assert daily(-3, {}) == Reliability(score=0.0, streak=0)


def test_a_long_unreported_history_is_cheap_and_decays_to_zero() -> None:
    result = compute(
        cadence="daily",
        starts_on=date(1, 1, 1),
        today=date(2024, 1, 1),
        checks={date(1, 1, 1): ("kept", False)},
        status_changes=(),
    )

    assert result == Reliability(score=0.0, streak=0)


def reference(cadence, starts_on, today, checks, changes) -> Reliability:  # type: ignore[no-untyped-def]
    """The rule exactly as DESIGN.md words it, walked one period at a time."""
    weekly = cadence == "weekly"
    step = timedelta(days=7 if weekly else 1)
    m = multiplier(cadence)
    period = week_start(starts_on) if weekly else starts_on
    current = week_start(today) if weekly else today
    checks = {(week_start(d) if weekly else d): c for d, c in checks.items()}
    score, streak = 0.0, 0
    while period <= current:
        end = period + step - timedelta(days=1)
        in_force = [s for (e, s) in sorted(changes, key=lambda c: c[0]) if e <= end]
        status = in_force[-1] if in_force else "active"
        final = status in ("completed", "withdrawn")
        check = checks.get(period)
        if status != "paused":
            if check is not None:
                outcome, disputed = check
                value = {"kept": 1.0, "partial": 0.5, "missed": 0.0}[outcome]
                value = min(value, 0.5) if disputed else value
                score = score * m + value * (1 - m)
                streak = streak + 1 if outcome == "kept" and not disputed else 0
            elif period < current and not final:
                score, streak = score * m, 0
        if final:
            break
        period += step
    return Reliability(score=score, streak=streak)


histories = st.fixed_dictionaries(
    {
        "cadence": st.sampled_from(["daily", "weekly"]),
        "length": st.integers(min_value=-5, max_value=120),
        "checks": st.dictionaries(
            st.integers(min_value=0, max_value=120),
            st.tuples(st.sampled_from(["kept", "partial", "missed"]), st.booleans()),
        ),
        "changes": st.lists(
            st.tuples(
                st.integers(min_value=-3, max_value=120),
                st.sampled_from(["active", "paused", "completed", "withdrawn"]),
            ),
            max_size=5,
        ),
    }
)


@settings(max_examples=300, deadline=None)
@given(history=histories)
def test_skipping_quiet_runs_gives_the_same_answer_as_walking_every_period(history) -> None:  # type: ignore[no-untyped-def]
    starts_on = day(3)
    today = starts_on + timedelta(days=history["length"])
    checks = {
        starts_on + timedelta(days=n): c
        for n, c in history["checks"].items()
        if n <= history["length"]
    }
    changes = [(starts_on + timedelta(days=n), s) for n, s in history["changes"]]

    fast = compute(
        cadence=history["cadence"],
        starts_on=starts_on,
        today=today,
        checks=checks,
        status_changes=changes,
    )
    slow = reference(history["cadence"], starts_on, today, checks, changes)

    assert fast.streak == slow.streak
    assert fast.score == pytest.approx(slow.score, abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(history=histories, ongoing=st.booleans(), later=st.integers(min_value=0, max_value=60))
def test_resuming_from_the_fold_gives_the_same_answer_as_the_whole_walk(  # type: ignore[no-untyped-def]
    history, ongoing, later
) -> None:
    cadence = "ongoing" if ongoing else history["cadence"]
    starts_on = day(3)
    checks = {starts_on + timedelta(days=n): c for n, c in history["checks"].items()}
    changes = [(starts_on + timedelta(days=n), s) for n, s in history["changes"]]
    folded = fold(cadence=cadence, starts_on=starts_on, checks=checks, status_changes=changes)
    today = max(checks, default=starts_on) + timedelta(days=later)

    def walk(resume: Folded | None) -> Reliability:
        return compute(
            cadence=cadence,
            starts_on=starts_on,
            today=today,
            checks=checks if resume is None else {},  # resuming needs no check before `through`
            status_changes=changes,
            resume=resume,
        )

    whole, resumed = walk(None), walk(folded)
    assert resumed.streak == whole.streak
    assert resumed.score == pytest.approx(whole.score, abs=1e-12)


def test_fold_is_none_before_any_report() -> None:
    assert fold(cadence="daily", starts_on=START, checks={}) is None


def test_fold_walks_through_the_newest_reported_period() -> None:
    checks = kept(0, 7, 15)
    folded = fold(cadence="weekly", starts_on=START, checks=checks)
    walked = compute(cadence="weekly", starts_on=START, today=day(15), checks=checks)
    assert folded == Folded(week_start(day(15)) + timedelta(days=7), walked.score, walked.streak)
    assert walked.streak == 3
