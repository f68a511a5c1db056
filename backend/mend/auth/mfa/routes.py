"""HTTP endpoints of the second factor, under /api/v1/auth/mfa.

Changing a factor asks for the password again (limited like password changes);
the second login step and passkey sign-in are limited like the password step.
"""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.auth.mfa import factors, login, passkeys, pending, recovery, totp
from mend.auth.mfa.schemas import (
    MfaStatusOut,
    PasskeyCreatedOut,
    PasskeyIn,
    PasskeyLoginIn,
    PasswordIn,
    RecoveryCodesOut,
    TotpCodeIn,
    TotpSetupOut,
    VerifyIn,
    WebAuthnOptionsOut,
)
from mend.auth.mfa.throttle import confirm_limits, verify_limits
from mend.auth.schemas import UserOut
from mend.auth.signin import start_session
from mend.auth.throttle import is_known_device_for, password_limits
from mend.security import public

blp = Blueprint(
    "mfa", __name__, url_prefix="/api/v1/auth/mfa", description="A second factor at login"
)


def _me():  # type: ignore[no-untyped-def]
    return current_user._get_current_object()


@blp.route("")
class Status(MethodView):
    @blp.response(200, MfaStatusOut)
    def get(self):
        """Your second factors, and whether your account must have one."""
        user = _me()
        return {
            "totp": factors.totp_on(user.id),
            "passkeys": passkeys.list_for(user.id),
            "recovery_codes_left": factors.recovery_codes_left(user.id),
            "required": factors.second_factor_required(user),
        }


@blp.route("/totp")
class Totp(MethodView):
    decorators = password_limits()

    @blp.arguments(PasswordIn)
    @blp.response(200, TotpSetupOut)
    def post(self, data):
        """Start setting up an authenticator app: not active until confirmed with a code."""
        return totp.begin(user=_me(), password=data["password"])

    @blp.arguments(PasswordIn)
    @blp.response(204)
    def delete(self, data):
        """Turn the authenticator app off (your password again)."""
        totp.disable(user=_me(), password=data["password"])


@blp.route("/totp/confirm")
class TotpConfirm(MethodView):
    decorators = confirm_limits()

    @blp.arguments(TotpCodeIn)
    @blp.response(200, RecoveryCodesOut)
    def post(self, data):
        """Turn the authenticator app on with a first code; answers ten recovery codes."""
        return {"recovery_codes": totp.confirm(user=_me(), code=data["code"])}


@blp.route("/recovery-codes")
class RecoveryCodes(MethodView):
    decorators = password_limits()

    @blp.arguments(PasswordIn)
    @blp.response(200, RecoveryCodesOut)
    def post(self, data):
        """Ten new recovery codes (your password again); the old ones stop working."""
        return {"recovery_codes": recovery.regenerate(user=_me(), password=data["password"])}


@blp.route("/passkeys/registration-options")
class PasskeyRegistrationOptions(MethodView):
    decorators = password_limits()

    @blp.arguments(PasswordIn)
    @blp.response(200, WebAuthnOptionsOut)
    def post(self, data):
        """Options for navigator.credentials.create() (your password again)."""
        options, challenge = passkeys.registration_options(
            user=_me(), password=data["password"], rp=pending.relying_party()
        )
        pending.keep_challenge(pending.REGISTER, challenge)
        return {"public_key": options}


@blp.route("/passkeys")
class Passkeys(MethodView):
    @blp.arguments(PasskeyIn)
    @blp.response(201, PasskeyCreatedOut)
    def post(self, data):
        """Save the passkey the browser created for the last registration options."""
        passkey, codes = passkeys.register(
            user=_me(),
            name=data["name"],
            credential=data["credential"],
            challenge=pending.take_challenge(pending.REGISTER),
            rp=pending.relying_party(),
        )
        return {"passkey": passkey, "recovery_codes": codes}


@blp.route("/passkeys/<int:passkey_id>")
class PasskeyItem(MethodView):
    decorators = password_limits()

    @blp.arguments(PasswordIn)
    @blp.response(204)
    def delete(self, data, passkey_id):
        """Remove one of your passkeys (your password again)."""
        passkeys.remove(user=_me(), passkey_id=passkey_id, password=data["password"])


@blp.route("/passkeys/authentication-options")
@public
class PasskeyAuthenticationOptions(MethodView):
    @blp.response(200, WebAuthnOptionsOut)
    def post(self):
        """Options for navigator.credentials.get(): the waiting login's passkeys after the
        password step, or any passkey of this site to sign in without a password."""
        waiting = pending.current()
        options, challenge = passkeys.authentication_options(
            rp=pending.relying_party(), user_id=waiting.user_id if waiting else None
        )
        pending.keep_challenge(pending.SIGN_IN, challenge)
        return {"public_key": options}


@blp.route("/passkeys/login")
@public
class PasskeyLogin(MethodView):
    decorators = verify_limits()

    @blp.arguments(PasskeyLoginIn)
    @blp.response(200, UserOut)
    def post(self, data):
        """Sign in with a passkey alone (it must verify you: PIN, fingerprint or face)."""
        user = passkeys.authenticate(
            credential=data["credential"],
            challenge=pending.take_challenge(pending.SIGN_IN),
            rp=pending.relying_party(),
            user_id=None,
        )
        start_session(user, remember=False, new_device=not is_known_device_for(user.email))
        return user


@blp.route("/verify")
@public
class Verify(MethodView):
    decorators = verify_limits()

    @blp.arguments(VerifyIn)
    @blp.response(200, UserOut)
    def post(self, data):
        """The second login step: a code from your app, a recovery code, or a passkey."""
        waiting = pending.require()
        if "passkey" in data:
            user = passkeys.authenticate(
                credential=data["passkey"],
                challenge=pending.take_challenge(pending.SIGN_IN),
                rp=pending.relying_party(),
                user_id=waiting.user_id,
            )
        else:
            user = login.verify(user_id=waiting.user_id, **data)
        new_device = not is_known_device_for(user.email)
        start_session(user, remember=waiting.remember, new_device=new_device)
        return user
