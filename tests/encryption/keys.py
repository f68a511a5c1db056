"""Key rings the encryption tests open the database with."""

from __future__ import annotations

from mend.encryption.keys import new_key_entry

NEW_KEY = new_key_entry("k2")
# The suite's key id with other key bytes: a wrong key, not a missing one.
WRONG_TEST1 = new_key_entry("test1")
