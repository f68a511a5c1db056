"""The one place that answers "may user U see or do X in space S?".

Services ask here before they read or write; nothing else decides access.
Deny by default: a space the user is not an active member of does not exist
for them (NotFound), an action their role does not allow is Forbidden, and
data they may not see is left out or answers NotFound.

- `rules`: the consent rules (DESIGN.md, "Consent") as pure functions;
- `access`: `Access`, what one user may see and do in one space;
- `loader`: the one access loader (one member, every member, one user's spaces);
- `checks`: the decisions built on an Access; `factors`: the therapist rule;
- `lock`: the space lock every write that must see or change access takes.
Notes marked private are never shown to anyone but their author.
"""

from mend.policy.access import Access
from mend.policy.checks import (
    THERAPISTS_SHARE_NOTHING,
    checks_to_review_from,
    may_create_space,
    may_grant,
    may_manage_therapist,
    may_schedule,
    may_stop_sharing,
    may_take_role,
    require_member,
    require_partner,
    require_therapist_account,
    therapist_access,
)
from mend.policy.factors import MFA_REQUIRED, require_second_factor, second_factor_required
from mend.policy.loader import (
    SPACE_NOT_FOUND,
    Locked,
    access,
    accesses_of,
    active_membership,
    locked_access,
    member_accesses,
)
from mend.policy.lock import lock_space, lock_spaces
from mend.policy.rules import (
    ALWAYS_SHARED_WITH_HURT,
    PARTNER_DEFAULTS,
    in_force,
    is_fixed,
    is_pending,
    shares,
)

__all__ = [
    "ALWAYS_SHARED_WITH_HURT",
    "MFA_REQUIRED",
    "PARTNER_DEFAULTS",
    "SPACE_NOT_FOUND",
    "THERAPISTS_SHARE_NOTHING",
    "Access",
    "Locked",
    "access",
    "accesses_of",
    "active_membership",
    "checks_to_review_from",
    "in_force",
    "is_fixed",
    "is_pending",
    "lock_space",
    "locked_access",
    "lock_spaces",
    "may_create_space",
    "may_grant",
    "may_manage_therapist",
    "may_schedule",
    "may_stop_sharing",
    "may_take_role",
    "member_accesses",
    "require_member",
    "require_partner",
    "require_second_factor",
    "require_therapist_account",
    "second_factor_required",
    "shares",
    "therapist_access",
]
