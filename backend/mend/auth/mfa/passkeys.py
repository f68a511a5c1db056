"""Passkeys (WebAuthn, with the `webauthn` library): a second factor, or a login alone.

The relying party (id and origin) and the one-time challenge are handed in by
the caller, which keeps them per browser session; nothing here touches HTTP.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import webauthn
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from mend.auth.mfa import factors, recovery
from mend.auth.mfa.models import Passkey
from mend.auth.models import User
from mend.database import utcnow
from mend.errors import Conflict, Invalid, NotFound, Unauthorized
from mend.extensions import db

RP_NAME = "Mend"
NOT_RECOGNISED = "That passkey wasn't recognised. Please try again, or use another way in."


@dataclass(frozen=True)
class RelyingParty:
    """Where passkeys are used: the host name (rp id) and the web app's origin."""

    id: str
    origin: str


def list_for(user_id: int) -> list[Passkey]:
    """The user's passkeys, oldest first."""
    return list(
        db.session.scalars(select(Passkey).where(Passkey.user_id == user_id).order_by(Passkey.id))
    )


def registration_options(*, user: User, password: str, rp: RelyingParty) -> tuple[dict, bytes]:
    """Options for the browser to create a passkey, and their challenge (password asked)."""
    factors.require_password(user, password)
    options = webauthn.generate_registration_options(
        rp_id=rp.id,
        rp_name=RP_NAME,
        user_id=str(user.id).encode(),
        user_name=user.email,
        user_display_name=user.display_name,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(list_for(user.id)),
    )
    return json.loads(webauthn.options_to_json(options)), options.challenge


def register(
    *, user: User, name: str, credential: dict[str, Any], challenge: bytes, rp: RelyingParty
) -> tuple[Passkey, list[str]]:
    """Store a new passkey; the first factor of an account also brings recovery codes."""
    try:
        verified = webauthn.verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=rp.origin,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError):
        raise Invalid("credential", "We couldn't save that passkey. Please try again.") from None
    had_factor = factors.has_second_factor(user.id)
    passkey = Passkey(
        user_id=user.id,
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=_transports(credential),
        name=name,
    )
    db.session.add(passkey)
    codes = recovery.replace_codes(user.id) if not had_factor else []
    factors.notify_change(user)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("That passkey is already saved.", slug="passkey-exists") from None
    return passkey, codes


def remove(*, user: User, passkey_id: int, password: str) -> None:
    """Remove one of the user's passkeys (the password is asked again)."""
    factors.require_password(user, password)
    passkey = db.session.get(Passkey, passkey_id)
    if passkey is None or passkey.user_id != user.id:
        raise NotFound("We couldn't find that passkey.")
    db.session.delete(passkey)
    factors.forget_recovery_codes_if_no_factor(user.id)
    factors.notify_change(user)
    db.session.commit()


def authentication_options(*, rp: RelyingParty, user_id: int | None) -> tuple[dict, bytes]:
    """Options to sign in with a passkey: the user's own, or any (passwordless) when None."""
    allowed = _descriptors(list_for(user_id)) if user_id is not None else None
    options = webauthn.generate_authentication_options(
        rp_id=rp.id,
        allow_credentials=allowed,
        user_verification=UserVerificationRequirement.PREFERRED
        if user_id is not None
        else UserVerificationRequirement.REQUIRED,
    )
    return json.loads(webauthn.options_to_json(options)), options.challenge


def authenticate(
    *, credential: dict[str, Any], challenge: bytes, rp: RelyingParty, user_id: int | None
) -> User:
    """The user whose passkey signed the challenge. As a second step (user_id given) the
    passkey must be theirs; alone (None) it must have verified the person (PIN, biometric)."""
    passkey = _find(credential)
    if passkey is None or (user_id is not None and passkey.user_id != user_id):
        raise Unauthorized(NOT_RECOGNISED, slug="mfa-failed")
    try:
        verified = webauthn.verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp.id,
            expected_origin=rp.origin,
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=user_id is None,
        )
    except (WebAuthnException, ValueError, KeyError, TypeError):
        raise Unauthorized(NOT_RECOGNISED, slug="mfa-failed") from None
    passkey.sign_count, passkey.last_used_at = verified.new_sign_count, utcnow()
    user = db.session.get(User, passkey.user_id)
    db.session.commit()
    assert user is not None  # the foreign key cascades: a passkey always has its user
    return user


def _find(credential: dict[str, Any]) -> Passkey | None:
    raw_id = credential.get("rawId") or credential.get("id")
    if not isinstance(raw_id, str):
        return None
    try:
        credential_id = webauthn.base64url_to_bytes(raw_id)
    except (ValueError, TypeError):
        return None
    return db.session.scalar(select(Passkey).where(Passkey.credential_id == credential_id))


def _descriptors(passkeys: list[Passkey]) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(
            id=passkey.credential_id,
            transports=[AuthenticatorTransport(t) for t in passkey.transports if _known(t)],
        )
        for passkey in passkeys
    ]


def _known(transport: str) -> bool:
    return transport in {member.value for member in AuthenticatorTransport}


def _transports(credential: dict[str, Any]) -> list[str]:
    response = credential.get("response")
    found = response.get("transports") if isinstance(response, dict) else None
    if not isinstance(found, list):
        return []
    return [t for t in found if isinstance(t, str) and _known(t)][:8]
