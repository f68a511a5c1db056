"""The therapist's weekly digest: counts only, and a link to the caseload.

The counts come from the caseload itself (`caseload.list_visible`), so the digest
and the caseload page never disagree, and only what the therapist is granted can
raise an alert. The caseload logs its reads for the partners as it always does:
the digest was made from their shared figures, so they can see that it was.
No couple's name, no figure, no kind of alert is ever in the digest.
"""

from __future__ import annotations

from dataclasses import dataclass

from mend.auth.models import User
from mend.errors import Forbidden
from mend.therapist.caseload import service as caseload


@dataclass(frozen=True)
class DigestCounts:
    """How many couples have alerts, and how many have not approved the therapist yet."""

    with_alerts: int
    awaiting_approval: int


def counts(therapist: User) -> DigestCounts | None:
    """The caseload's counts for this therapist; None when the caseload is closed to them
    (no second factor where one is required), so no digest can be made."""
    try:
        items = caseload.list_visible(actor=therapist)
    except Forbidden:
        return None
    return DigestCounts(
        with_alerts=sum(1 for item in items if item.alerts),
        awaiting_approval=sum(1 for item in items if item.awaiting_approval),
    )


def sentence(found: DigestCounts) -> str:
    """The digest's one line of counts, in plain words."""
    alerts = _couples(found.with_alerts, "has alerts", "have alerts") + " worth a look"
    if found.with_alerts == 0:
        alerts = "No couple has alerts right now"
    if found.awaiting_approval == 0:
        return f"{alerts}."
    waiting = _couples(found.awaiting_approval, "has", "have") + " not approved you yet"
    return f"{alerts}; {waiting}."


def _couples(count: int, one: str, many: str) -> str:
    return f"1 couple {one}" if count == 1 else f"{count} couples {many}"
