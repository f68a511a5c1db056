"""What the caseload shows of one couple: plain values, made by `service` from consented data."""

from __future__ import annotations

from dataclasses import dataclass

from mend.therapist.caseload.alerts import Alert, FeltSafety
from mend.therapist.caseload.measures import MeasureSummary


@dataclass(frozen=True)
class SpaceRef:
    """A space's id and name."""

    id: int
    name: str


@dataclass(frozen=True)
class Member:
    """Someone in the couple's space now."""

    user_id: int
    display_name: str
    role: str


@dataclass(frozen=True)
class Shared:
    """The categories one partner shares with the therapist right now."""

    user_id: int
    role: str
    categories: list[str]


@dataclass(frozen=True)
class DaysSince:
    """Whole days (the therapist's) since a partner's latest check-in; None before the first."""

    user_id: int
    role: str
    days: int | None


@dataclass(frozen=True)
class Lowest:
    """The active commitment with the lowest reliability."""

    commitment_id: int
    title: str
    reliability: float


@dataclass(frozen=True)
class CommitmentFigures:
    """Reliability of the active commitments; open disputes where the hurt partner shares."""

    active_count: int
    reliability_overall: float | None
    reliability_lowest: Lowest | None
    open_disputes: int | None


@dataclass(frozen=True)
class CaseloadItem:
    """One couple's consented summary."""

    space: SpaceRef
    members: list[Member]
    shared: list[Shared]
    nothing_shared: bool
    felt_safety: FeltSafety | None
    commitments: CommitmentFigures | None
    days_since_checkin: list[DaysSince]
    measures: list[MeasureSummary]
    alerts: list[Alert]
    awaiting_approval: bool
