"""Live events for check-ins."""

from __future__ import annotations

from mend import policy
from mend.checkins.models import Checkin
from mend.checkins.schemas import CheckinOut
from mend.extensions import db
from mend.live.publish import publish

# One instance each: building a schema costs more than dumping one record.
CHECKIN_OUT = CheckinOut()


def created(*, space_id: int, checkin_id: int) -> None:
    """checkin.created: the check-in as each member may see it (notes only where allowed)."""
    from mend.checkins.service import CheckinView

    def render(access: policy.Access) -> dict | None:
        row = db.session.get(Checkin, checkin_id)
        if row is None or not access.can_see(row.author_id, "checkins"):
            return None
        return CHECKIN_OUT.dump(CheckinView.of(row, access))

    publish("checkin.created", space_id=space_id, render=render)
