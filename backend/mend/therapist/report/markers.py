"""Disclosure markers for the felt-safety chart: the days disclosures were logged or amended."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from mend import clock
from mend.therapist.report.service import DisclosureLines


@dataclass(frozen=True)
class DisclosureDay:
    """One local day on which disclosures were logged (first version) or amended."""

    day: date
    disclosed: int
    amended: int


def days_of(versions: Iterable[tuple[int, datetime]], timezone: str) -> list[DisclosureDay]:
    """(revision number, written at) pairs counted by local day: 1 logged, later amended."""
    logged: Counter[date] = Counter()
    amended: Counter[date] = Counter()
    for number, written in versions:
        (logged if number == 1 else amended)[clock.local_date(written, timezone)] += 1
    return [DisclosureDay(d, logged[d], amended[d]) for d in sorted(logged.keys() | amended)]


def report_days(disclosures: list[DisclosureLines] | None, timezone: str) -> list[DisclosureDay]:
    """The disclosure days of a session-prep report (none when disclosures are not shared)."""
    versions = (
        (revision.number, revision.created_at)
        for entry in disclosures or []
        for revision in entry.revisions
    )
    return days_of(versions, timezone)
