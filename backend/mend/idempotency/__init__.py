"""Idempotency-Key: a client that retries a trust-record write never writes it twice.

A write that carries an `Idempotency-Key` header is remembered for its user
for 24 hours. The key's row is inserted in the same transaction as the write
(the service's single commit commits both), and the answer is stored by a
second, small commit. So a retry with the same key and the same request gets
the stored answer again (`Idempotent-Replayed: true`) and writes nothing; the
same key with a different request is refused (422); a write that failed
leaves no key behind, so a corrected retry goes ahead; and if the server
stopped between the two commits, the retry is told the write was saved but
its answer lost (409). Without the header nothing changes.

A keyed route hands its service's return value through `saved(...)`: when that
value names a row of the trust record (its `ledger_kind` and `id`), the key
remembers it with the answer (in the second commit), so a retry whose answer was
forgotten on purpose (`forget_answers`) is told what was saved. Nothing below HTTP
calls into this package.
"""

from mend.idempotency.answers import forget_answers
from mend.idempotency.decorator import idempotent, saved
from mend.idempotency.models import IdempotencyKey

__all__ = ["IdempotencyKey", "forget_answers", "idempotent", "saved"]
