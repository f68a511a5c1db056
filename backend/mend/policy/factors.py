"""The therapist rule: where MEND_REQUIRE_THERAPIST_MFA is on, a therapist without a
second factor sees no partner data at all (403 `urn:mend:problem:mfa-required`)."""

from __future__ import annotations

from mend.auth.mfa.factors import has_second_factor, second_factor_required
from mend.auth.models import User
from mend.errors import Forbidden

MFA_REQUIRED = (
    "Before you can see what couples share with you, please add a second way to sign in: "
    "an authenticator app or a passkey. It keeps their words safe if your password leaks."
)


def lacks_factor(user: User) -> bool:
    """Whether the account must have a second factor and has none."""
    return second_factor_required(user) and not has_second_factor(user.id)


def require_second_factor(user: User) -> None:
    """Forbidden (mfa-required) for an account that must have a second factor and has none."""
    if lacks_factor(user):
        raise Forbidden(MFA_REQUIRED, slug="mfa-required")
