"""HTTP endpoints for disclosures.

Nothing here deletes or edits in place: a disclosure changes only by an open
revision, so DELETE, PUT and PATCH are not offered (405).
"""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.disclosures import service
from mend.disclosures.schemas import (
    AcknowledgeIn,
    AcknowledgementOut,
    DisclosureDetailOut,
    DisclosureIn,
    DisclosurePageOut,
    ResponseIn,
    ResponseOut,
    RevisionIn,
)
from mend.idempotency import idempotent, saved
from mend.schema import PageArgs

blp = Blueprint("disclosures", __name__, url_prefix="/api/v1", description="Disclosures")

DISCLOSURE = "/spaces/<int:space_id>/disclosures/<int:disclosure_id>"


@blp.route("/spaces/<int:space_id>/disclosures")
class Disclosures(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, DisclosurePageOut)
    def get(self, args, space_id):
        """The disclosures you may see, newest first, each as it reads now."""
        return service.list_visible(actor=current_user, space_id=space_id, **args)

    @idempotent
    @blp.arguments(DisclosureIn)
    @blp.response(201, DisclosureDetailOut)
    def post(self, data, space_id):
        """Tell your partner what happened, and how it affected you both (repairing partner)."""
        return saved(service.create(actor=current_user, space_id=space_id, **data))


@blp.route(DISCLOSURE)
class DisclosureDetail(MethodView):
    @blp.response(200, DisclosureDetailOut)
    def get(self, space_id, disclosure_id):
        """A disclosure with every revision (oldest first) and its thread."""
        return service.get_visible(
            actor=current_user, space_id=space_id, disclosure_id=disclosure_id
        )


@blp.route(f"{DISCLOSURE}/revisions")
class Revisions(MethodView):
    @idempotent
    @blp.arguments(RevisionIn)
    @blp.response(201, DisclosureDetailOut)
    def post(self, data, space_id, disclosure_id):
        """Amend a disclosure in the open, saying why; the earlier words stay visible."""
        return saved(
            service.revise(
                actor=current_user, space_id=space_id, disclosure_id=disclosure_id, **data
            )
        )


@blp.route(f"{DISCLOSURE}/responses")
class Responses(MethodView):
    @idempotent
    @blp.arguments(ResponseIn)
    @blp.response(201, ResponseOut)
    def post(self, data, space_id, disclosure_id):
        """Reply in a disclosure's thread: a question, an answer, a reaction (partners)."""
        return saved(
            service.respond(
                actor=current_user, space_id=space_id, disclosure_id=disclosure_id, **data
            )
        )


@blp.route(f"{DISCLOSURE}/acknowledge")
class Acknowledge(MethodView):
    @idempotent
    @blp.arguments(AcknowledgeIn, required=False)
    @blp.response(200, AcknowledgementOut)
    @blp.alt_response(409, response="CONFLICT", description="Amended since that revision.")
    def post(self, data, space_id, disclosure_id):
        """Say "I have taken this in" of the current words (hurt partner); repeating is a no-op."""
        return saved(
            service.acknowledge(
                actor=current_user, space_id=space_id, disclosure_id=disclosure_id, **data
            )
        )
