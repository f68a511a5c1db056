"""Live events for check-ins."""

from __future__ import annotations

from mend import policy
from mend.checkins.read import CheckinView
from mend.checkins.schemas import CheckinOut
from mend.live.publish import Announcement, prepare

# One instance each: building a schema costs more than dumping one record.
CHECKIN_OUT = CheckinOut()


def created(*, space_id: int, authors_view: CheckinView) -> Announcement:
    """checkin.created: the check-in as each member may see it (notes only where allowed).

    Prepared in the write's transaction, to be sent once it commits: check-ins are the
    busiest write, and this spares them a second transaction. Rendered from the author's
    own view of the check-in, which holds all of it, so nothing is read again.
    """

    def render(access: policy.Access) -> dict | None:
        if not access.can_see(authors_view.author_id, "checkins"):
            return None
        return CHECKIN_OUT.dump(CheckinView.of(authors_view, access))

    return prepare("checkin.created", space_id=space_id, render=render)
