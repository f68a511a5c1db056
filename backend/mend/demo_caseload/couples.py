"""Who the demo couples are, what they share with the therapist, and how they are doing.

Each couple shows the therapist's caseload something different at first
sight: one repairing slowly, one sliding (and a partner who stopped answering
questionnaires), one with a reliable deterioration, one with a disputed
commitment check, one who has shared nothing yet, and one whose repairing
partner has not yet approved the therapist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

ALL_HURT = ("checkins", "commitments", "measures")
ALL_REPAIRING = ("checkins", "commitments", "disclosures", "measures")


@dataclass(frozen=True)
class Series:
    """A questionnaire answered on a schedule: the scores of each period (None: not answered)."""

    role: str
    instrument: str
    every_weeks: int
    scores: tuple[int | None, ...]


@dataclass(frozen=True)
class DemoCouple:
    """One demo couple."""

    name: str
    hurt: tuple[str, str]  # email, display name
    repairing: tuple[str, str]
    state: str
    felt: Callable[[float], float]
    shares: dict[str, tuple[str, ...]]
    series: tuple[Series, ...] = ()
    open_dispute: bool = False
    awaiting_approval: bool = False
    seed: int = 7
    commitments: int = 3
    disclosures: int = 3


def _improving(progress: float) -> float:
    return 2.5 + 4.5 * progress


def _sliding(progress: float) -> float:
    # Some repair, then a hard fortnight: this week sits well under the last four.
    return 3.0 + 3.0 * progress if progress < 0.9 else 1.5


def _steady(progress: float) -> float:
    return 5.0 + 0.5 * progress


COUPLES = (
    DemoCouple(
        name="Sam & Alex",
        hurt=("sam@demo.mend", "Sam"),
        repairing=("alex@demo.mend", "Alex"),
        state="repairing slowly: scores improving, everything shared",
        felt=_improving,
        shares={"hurt": ALL_HURT, "repairing": ALL_REPAIRING},
        series=(
            Series("hurt", "csi4", 2, (8, 9, 9, 11, 12, 13, 14)),
            # Sam's PHQ-2 is due now: the current fortnight is not answered yet.
            Series("hurt", "phq2", 2, (4, 4, 3, 3, 2, 2, None)),
            Series("repairing", "csi4", 2, (12, 12, 13, 14, 14, 15, 16)),
        ),
        commitments=4,
        disclosures=5,
    ),
    DemoCouple(
        name="Jordan & Casey",
        hurt=("jordan@demo.mend", "Jordan"),
        repairing=("casey@demo.mend", "Casey"),
        state="sliding: felt safety down this week; Casey stopped answering the GAD-2",
        felt=_sliding,
        shares={"hurt": ("checkins", "measures"), "repairing": ALL_REPAIRING},
        series=(
            Series("hurt", "csi4", 2, (15, 15, 14, 14, 13)),
            Series("repairing", "gad2", 1, (4, 3, 4, 3, 3, None, None, None, None)),
        ),
        seed=11,
    ),
    DemoCouple(
        name="Priya & Tom",
        hurt=("priya@demo.mend", "Priya"),
        repairing=("tom@demo.mend", "Tom"),
        state="a reliable deterioration: Priya's CSI-4 fell 6 points, her PHQ-2 crossed 3",
        felt=_steady,
        shares={"hurt": ("checkins", "measures"), "repairing": ("checkins", "commitments")},
        series=(
            Series("hurt", "csi4", 2, (16, 16, 17, 16, 10)),
            Series("hurt", "phq2", 2, (1, 1, 2, 2, 4)),
        ),
        seed=23,
    ),
    DemoCouple(
        name="Maya & Chris",
        hurt=("maya@demo.mend", "Maya"),
        repairing=("chris@demo.mend", "Chris"),
        state="a disputed check: Maya disputes a check Chris marked kept this week",
        felt=_improving,
        shares={"hurt": ("checkins", "commitments"), "repairing": ("checkins", "commitments")},
        open_dispute=True,
        seed=31,
    ),
    DemoCouple(
        name="Lee & Robin",
        hurt=("lee@demo.mend", "Lee"),
        repairing=("robin@demo.mend", "Robin"),
        state="shared nothing with the therapist yet",
        felt=_improving,
        shares={},
        seed=43,
    ),
    DemoCouple(
        name="Jo & Sasha",
        hurt=("jo@demo.mend", "Jo"),
        repairing=("sasha@demo.mend", "Sasha"),
        state="awaiting approval: Sasha has not yet approved the therapist Jo invited",
        felt=_steady,
        shares={"hurt": ("checkins",)},
        awaiting_approval=True,
        seed=47,
    ),
)
