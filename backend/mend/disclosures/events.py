"""Live events for disclosures, each rendered for its recipient as the REST API would show it."""

from __future__ import annotations

from mend import policy
from mend.disclosures import views
from mend.disclosures.models import Disclosure, DisclosureAcknowledgement, DisclosureResponse
from mend.disclosures.schemas import AcknowledgementOut, DisclosureDetailOut, ResponseOut
from mend.disclosures.views import ResponseView
from mend.extensions import db
from mend.live.publish import publish

# One instance each: building a schema costs more than dumping one record.
ACKNOWLEDGEMENT_OUT = AcknowledgementOut()
DISCLOSURE_DETAIL_OUT = DisclosureDetailOut()
RESPONSE_OUT = ResponseOut()

CATEGORY = "disclosures"


def _disclosure_for(access: policy.Access, disclosure_id: int) -> Disclosure | None:
    disclosure = db.session.get(Disclosure, disclosure_id)
    if disclosure is None or not access.can_see(disclosure.author_id, CATEGORY):
        return None
    return disclosure


def changed(event_type: str, *, space_id: int, disclosure_id: int) -> None:
    """disclosure.created / disclosure.revised: the detail, to everyone who may see it."""

    def render(access: policy.Access) -> dict | None:
        disclosure = _disclosure_for(access, disclosure_id)
        return (
            None
            if disclosure is None
            else DISCLOSURE_DETAIL_OUT.dump(views.detail(access, disclosure))
        )

    publish(event_type, space_id=space_id, render=render)


def responded(*, space_id: int, disclosure_id: int, response_id: int) -> None:
    """disclosure.responded: the reply, to those who may see the disclosure and its writer."""

    def render(access: policy.Access) -> dict | None:
        response = db.session.get(DisclosureResponse, response_id)
        if _disclosure_for(access, disclosure_id) is None or response is None:
            return None
        if views.is_held(access, disclosure_id):
            return None
        if not access.sees_writing_of(response.author_id, CATEGORY):
            return None
        return RESPONSE_OUT.dump(views.fill_view(ResponseView, response))

    publish("disclosure.responded", space_id=space_id, render=render)


def acknowledged(*, space_id: int, disclosure_id: int, acknowledgement_id: int) -> None:
    """disclosure.acknowledged: to those who may see the disclosure and the acknowledger's act."""

    def render(access: policy.Access) -> dict | None:
        acknowledgement = db.session.get(DisclosureAcknowledgement, acknowledgement_id)
        if _disclosure_for(access, disclosure_id) is None or acknowledgement is None:
            return None
        if not access.sees_writing_of(acknowledgement.user_id, CATEGORY):
            return None
        return ACKNOWLEDGEMENT_OUT.dump(views.acknowledgement_view(acknowledgement))

    publish("disclosure.acknowledged", space_id=space_id, render=render)
