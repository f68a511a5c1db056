"""Invite codes people can read aloud and type on a phone.

12 Crockford base32 characters (60 random bits), shown as `XXXX-XXXX-XXXX`.
Typed back in any letter case, with or without separators; Crockford's
look-alikes (I and L for 1, O for 0) are read as what was meant. Only a
digest of the normalised code is stored.
"""

from __future__ import annotations

import re
import secrets

from mend.tokens import digest

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 12
GROUP = 4
_LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    """A fresh code, grouped for reading: e.g. `7K3M-QX9A-2BPD`."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalised(code: str) -> str | None:
    """The code's canonical form, or None if it cannot be a code at all."""
    compact = _SEPARATORS.sub("", code).upper().translate(_LOOK_ALIKES)
    if len(compact) != LENGTH or any(c not in ALPHABET for c in compact):
        return None
    return compact


def code_digest(code: str) -> str | None:
    """What is stored for a code (its normalised form's digest); None for a non-code."""
    canonical = normalised(code)
    return None if canonical is None else digest(canonical)
