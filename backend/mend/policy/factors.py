"""The therapist rule: where MEND_REQUIRE_THERAPIST_MFA is on, a therapist without a
second factor sees no partner data at all (403 `urn:mend:problem:mfa-required`)."""

from __future__ import annotations

from flask import current_app

from mend.auth.mfa.factors import has_second_factor
from mend.auth.models import User
from mend.errors import Forbidden

MFA_REQUIRED = (
    "Before you can see what couples share with you, please add a second way to sign in: "
    "an authenticator app or a passkey. It keeps their words safe if your password leaks."
)


def second_factor_required(user: User) -> bool:
    """Whether this account must have a second factor: therapists, where the rule is on."""
    return user.account_type == "therapist" and current_app.config["MEND"].require_therapist_mfa


def lacks_factor(user: User) -> bool:
    """Whether the account must have a second factor and has none."""
    return second_factor_required(user) and not has_second_factor(user.id)


def require_second_factor(user: User) -> None:
    """Forbidden (mfa-required) for an account that must have a second factor and has none."""
    if lacks_factor(user):
        raise Forbidden(MFA_REQUIRED, slug="mfa-required")
