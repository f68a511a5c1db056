"""The session-prep report endpoint: a report as a printable page (html) or a CSV file."""

from __future__ import annotations

from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint

from mend.therapist.report import service as report
from mend.therapist.report.csv_writer import as_csv
from mend.therapist.report.html import as_html
from mend.therapist.report.schemas import ReportArgs

blp = Blueprint(
    "report",
    __name__,
    url_prefix="/api/v1",
    description="Session-prep reports",
    template_folder="templates",
)

TEXT = {"type": "string"}


@blp.route("/spaces/<int:space_id>/report")
class SessionReport(MethodView):
    @blp.arguments(ReportArgs, location="query")
    @blp.response(200, TEXT, content_type="text/html", description="A printable page.")
    @blp.alt_response(
        200, schema=TEXT, content_type="text/csv", description="A CSV download.", success=True
    )
    def get(self, args, space_id):
        """A session-prep report of what has been shared with you, as a page or a CSV file.

        Felt safety by day with its means, commitments with their reliability,
        streak and checks, and disclosures written or amended in the range (at
        most a year; the last 28 days unless told). Anything not shared with
        you reads "Not shared" on the page and is left out of the CSV. Each
        report a therapist fetches is written to the partners' access logs.
        """
        output = args.pop("output")
        return RENDERERS[output](report.build(actor=current_user, space_id=space_id, **args))


RENDERERS = {"html": as_html, "csv": as_csv}
