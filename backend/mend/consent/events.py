"""Live events for consent: the owner and the viewers concerned get their new overview."""

from __future__ import annotations

from collections.abc import Collection

from mend import policy
from mend.consent.read import overview
from mend.consent.schemas import ConsentsOut
from mend.live.publish import publish

# One instance each: building a schema costs more than dumping one record.
CONSENTS_OUT = ConsentsOut()


def changed(*, space_id: int, concerned: Collection[int]) -> None:
    """consent.changed: GET /consents as each concerned member would now see it."""

    def render(access: policy.Access) -> dict | None:
        if access.user.id not in concerned:
            return None
        return CONSENTS_OUT.dump(overview(actor=access.user, space_id=space_id))

    publish("consent.changed", space_id=space_id, render=render)
