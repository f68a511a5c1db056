"""Ten single-use recovery codes, shown once and stored as digests."""

from __future__ import annotations

import secrets

from sqlalchemy import delete, select, update

from mend.auth.mfa import factors
from mend.auth.mfa.models import RecoveryCode
from mend.auth.models import User
from mend.database import utcnow
from mend.errors import Conflict
from mend.extensions import db
from mend.tokens import digest

CODE_COUNT = 10
# Crockford base32: no I, L, O or U, so a code read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 bits each, and every guess is rate limited like a password
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise(code: str) -> str:
    """A code as stored: any letter case, spaces and dashes ignored, look-alikes mapped."""
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(_READ_AS)


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def replace_codes(user_id: int) -> list[str]:
    """Forget the user's old codes and make ten new ones (no commit; shown once)."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    codes = [_new_code() for _ in range(CODE_COUNT)]
    db.session.add_all(
        RecoveryCode(user_id=user_id, code_hash=digest(normalise(code))) for code in codes
    )
    return codes


def regenerate(*, user: User, password: str) -> list[str]:
    """New codes for a user with a second factor on; the password is asked again."""
    factors.require_password(user, password)
    if not factors.has_second_factor(user.id):
        raise Conflict("Recovery codes come with a second factor: set one up first.")
    codes = replace_codes(user.id)
    factors.notify_change(user)
    db.session.commit()
    return codes


def use(*, user_id: int, code: str) -> bool:
    """Spend one unused code of the user's; each works once, even under concurrent tries."""
    code_id = db.session.scalar(
        select(RecoveryCode.id).where(
            RecoveryCode.user_id == user_id,
            RecoveryCode.code_hash == digest(normalise(code)),
            RecoveryCode.used_at.is_(None),
        )
    )
    if code_id is None:
        return False
    spent = db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.id == code_id, RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())
    )
    db.session.commit()
    return spent.rowcount == 1
