"""Every model, imported in one place so the metadata (and Alembic) sees them all."""

from mend.auth.mfa.models import Passkey, RecoveryCode, TotpFactor
from mend.auth.models import AccountToken, AuthSession, User
from mend.checkins.models import Checkin
from mend.commitments.models import (
    CheckReview,
    Commitment,
    CommitmentCheck,
    CommitmentStatusChange,
    ReliabilitySnapshot,
)
from mend.consent.models import AccessLogEntry, ConsentChange
from mend.disclosures.models import (
    Disclosure,
    DisclosureAcknowledgement,
    DisclosureResponse,
    DisclosureRevision,
)
from mend.idempotency import IdempotencyKey
from mend.mail.models import OutboxMail
from mend.measures.models import MeasureResponse, MeasureSchedule
from mend.pacing.models import HeldDisclosure, Pacing
from mend.push.models import PushSubscription
from mend.record.models import Erasure, LedgerEntry
from mend.reminders.models import PendingActivity, ReminderSent, ReminderSettings
from mend.spaces.models import Invite, Membership, Space
from mend.therapist.models import TherapistNote

__all__ = [
    "AccountToken",
    "AccessLogEntry",
    "Erasure",
    "TherapistNote",
    "AuthSession",
    "Checkin",
    "CheckReview",
    "Commitment",
    "CommitmentCheck",
    "CommitmentStatusChange",
    "ConsentChange",
    "Disclosure",
    "DisclosureAcknowledgement",
    "DisclosureResponse",
    "DisclosureRevision",
    "HeldDisclosure",
    "IdempotencyKey",
    "Invite",
    "LedgerEntry",
    "MeasureResponse",
    "MeasureSchedule",
    "PushSubscription",
    "ReliabilitySnapshot",
    "PendingActivity",
    "ReminderSent",
    "ReminderSettings",
    "Membership",
    "Passkey",
    "RecoveryCode",
    "TotpFactor",
    "OutboxMail",
    "Pacing",
    "Space",
    "User",
]
