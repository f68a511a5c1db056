"""HTTP endpoints for therapists."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.schema import PageArgs
from mend.therapist import context, notes
from mend.therapist.caseload import service as caseload
from mend.therapist.caseload.schemas import CaseloadOut
from mend.therapist.context_schemas import ContextArgs, CoupleContextOut
from mend.therapist.schemas import TherapistNoteIn, TherapistNoteOut, TherapistNotePageOut

blp = Blueprint("therapist", __name__, url_prefix="/api/v1", description="Therapists")


@blp.route("/spaces/<int:space_id>/therapist-notes")
class TherapistNotes(MethodView):
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, TherapistNotePageOut)
    def get(self, args, space_id):
        """Your private notes on this couple (no one else ever sees them)."""
        return notes.list_mine(actor=current_user, space_id=space_id, **args)

    @blp.arguments(TherapistNoteIn)
    @blp.response(201, TherapistNoteOut)
    def post(self, data, space_id):
        """Keep a private note on this couple."""
        return notes.create(actor=current_user, space_id=space_id, **data)


@blp.route("/therapist/caseload")
class Caseload(MethodView):
    @blp.response(200, CaseloadOut)
    def get(self):
        """Your couples, most in need of attention first, with only what each partner shares
        with you (therapist accounts only)."""
        return {"items": caseload.list_visible(actor=current_user)}


@blp.route("/spaces/<int:space_id>/therapist-context")
class CoupleContext(MethodView):
    @blp.arguments(ContextArgs, location="query")
    @blp.response(200, CoupleContextOut)
    def get(self, args, space_id):
        """Context around this couple's charts: disclosure days, disclosures not yet taken
        in, and who stopped sharing what with you (your own couples only)."""
        return context.couple_context(actor=current_user, space_id=space_id, **args)
