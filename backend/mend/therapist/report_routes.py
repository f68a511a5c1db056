"""The session-prep report endpoint, and how a report is written out as CSV or printable HTML.

The HTML page carries its stylesheet inline, so that a saved or printed copy
keeps its layout. The app's CSP (`style-src 'self'`) refuses inline styles,
so this one response sends a stricter policy of its own: nothing may load
(`default-src 'none'`, no scripts at all) and the only style allowed is the
one whose SHA-256 hash is named. Injected markup could not add a style or a
script, and a hash (unlike a nonce) needs no per-response secret.
"""

from __future__ import annotations

import csv
import io
from base64 import b64encode
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import cache
from hashlib import sha256
from pathlib import Path
from typing import Any

from flask import Response, render_template
from flask.views import MethodView
from flask_login import current_user
from flask_smorest import Blueprint
from markupsafe import Markup
from marshmallow import ValidationError, fields, validate

from mend.clock import zone
from mend.measures.setup import instruments
from mend.schema import StrictSchema
from mend.therapist import context, report, report_measures
from mend.therapist.report import Report

blp = Blueprint(
    "report",
    __name__,
    url_prefix="/api/v1",
    description="Session-prep reports",
    template_folder="templates",
)

FORMATS = ("html", "csv")
STYLESHEET = Path(__file__).parent / "templates" / "therapist" / "report.css"
# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EARLIEST_DAY, LATEST_DAY = date(1970, 1, 1), date(2999, 12, 31)


def _supported_day(value: date) -> None:
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValidationError("Please choose a date between 1970 and 2999.")


class ReportArgs(StrictSchema):
    """The days to cover (inclusive, in your timezone) and the format to write them in."""

    first = fields.Date(
        data_key="from",
        load_default=None,
        validate=_supported_day,
        metadata={
            "description": "First day, inclusive (YYYY-MM-DD). Default: 27 days before `to`."
        },
    )
    last = fields.Date(
        data_key="to",
        load_default=None,
        validate=_supported_day,
        metadata={"description": "Last day, inclusive (YYYY-MM-DD). Default: today."},
    )
    since = fields.String(
        load_default=None,
        validate=validate.OneOf(
            ["last-session"], error="The only choice here is last-session (since the last session)."
        ),
        metadata={
            "description": "`last-session`: start on the day of your latest note for this "
            "couple (instead of `from`); the default range if you have written none yet."
        },
    )
    output = fields.String(
        data_key="format",
        load_default="html",
        validate=validate.OneOf(FORMATS),
        metadata={"description": "`html` (a printable page, the default) or `csv`."},
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


def filename(data: Report, extension: str) -> str:
    """mend-report-<space>-<from>-<to>.<extension>."""
    return f"mend-report-{data.space_id}-{data.first}-{data.last}.{extension}"


def as_csv(data: Report) -> Response:
    """The report as one CSV file, a block per kind of data, each row naming its section."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([safe_cell(cell) for cell in row] for row in csv_rows(data))
    response = Response(buffer.getvalue(), mimetype="text/csv")  # text/*: charset=utf-8 added
    response.headers["Content-Disposition"] = f'attachment; filename="{filename(data, "csv")}"'
    return response


def safe_cell(value: Any) -> str:
    """A cell as text that no spreadsheet will run: would-be formulas get a leading quote."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def local_time(moment: datetime, timezone: str) -> str:
    """An ISO 8601 moment in the reader's timezone, to the second."""
    return moment.astimezone(zone(timezone)).isoformat(timespec="seconds")


def csv_rows(data: Report) -> Iterator[list[Any]]:
    """Every row of the CSV; sections not shared with the reader are left out entirely."""
    generated = local_time(data.generated_at, data.timezone)
    yield ["section", "space", "from", "to", "timezone", "generated_at"]
    yield ["report", data.space_name, data.first, data.last, data.timezone, generated]
    if data.safety is not None:
        yield from _safety_rows(data.safety)
    if data.commitments is not None:
        yield from _commitment_rows(data.commitments, reviews_shared=data.reviews_shared)
    if data.disclosures is not None:
        yield from _disclosure_rows(data.disclosures, data.timezone)
    yield from report_measures.csv_rows(data.measures, data.first, data.timezone)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _safety_rows(safety: report.Safety) -> Iterator[list[Any]]:
    yield []
    yield ["section", "date", "mean", "count", "rolling_mean_7d"]
    for point in safety.points:
        yield [
            "safety",
            point.start,
            _number(point.mean),
            point.count,
            _number(point.rolling_mean_7d),
        ]
    yield ["section", "mean", "count"]
    yield ["safety_overall", _number(safety.mean), safety.count]


def _commitment_rows(
    entries: list[report.CommitmentLines], *, reviews_shared: bool
) -> Iterator[list[Any]]:
    yield []
    yield ["section", "commitment", "title", "cadence", "status", "reliability", "streak"]
    for entry in entries:
        item = entry.commitment
        yield ["commitment", item.id, item.title, item.cadence, item.status,
               _number(item.reliability), item.streak]  # fmt: skip
    review_columns = ["review", "review_note"] if reviews_shared else []
    yield ["section", "commitment", "period", "outcome", "note", *review_columns]
    for entry in entries:
        for check in entry.checks:
            reviewed = [check.verdict, check.review_note] if reviews_shared else []
            yield ["commitment_check", entry.commitment.id, check.period_start, check.outcome,
                   check.note, *reviewed]  # fmt: skip


def _disclosure_rows(entries: list[report.DisclosureLines], timezone: str) -> Iterator[list[Any]]:
    yield []
    yield ["section", "disclosure", "category", "created_at", "revision", "revised_at",
           "title", "reason", "body"]  # fmt: skip
    for entry in entries:
        item = entry.disclosure
        for revision in entry.revisions:
            yield ["disclosure", item.id, item.category, local_time(item.created_at, timezone),
                   revision.number, local_time(revision.created_at, timezone), revision.title,
                   revision.reason, revision.body]  # fmt: skip


@cache
def stylesheet() -> tuple[Markup, str]:
    """The report's CSS, and the CSP source that allows exactly that CSS and nothing else."""
    css = STYLESHEET.read_text(encoding="utf-8")
    digest = b64encode(sha256(css.encode("utf-8")).digest()).decode("ascii")
    # Markup is safe here: the text is our own stylesheet file, never anything a person wrote.
    return Markup(css), f"'sha256-{digest}'"  # nosec B704


def as_html(data: Report) -> Response:
    """The report as a printable page with a felt-safety chart, everything escaped."""
    css, style_source = stylesheet()
    page = render_template(
        "therapist/report.html",
        report=data,
        css=css,
        chart=Chart.of(data.safety) if data.safety is not None else None,
        disclosure_days=context.report_days(data.disclosures, data.timezone),
        generated=data.generated_at.astimezone(zone(data.timezone)),
        zone=zone(data.timezone),
        instruments=instruments(),
        points_in_range=report_measures.in_range,
    )
    response = Response(page, mimetype="text/html")
    response.headers["Content-Disposition"] = f'inline; filename="{filename(data, "html")}"'
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; style-src {style_source}; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )
    return response


class Chart:
    """Felt safety drawn as SVG coordinates: daily means as dots, the 7-day mean as a line."""

    WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 220, 36, 12, 12, 28
    SCALE = 10

    def __init__(self, points: list[Any]) -> None:
        self.points = points
        self.first, self.last = points[0].start, points[-1].start
        self.ticks = [(value, self.y(value)) for value in (0, 5, 10)]
        self.dots = [
            (self.x(i), self.y(p.mean)) for i, p in enumerate(points) if p.mean is not None
        ]
        self.lines = list(self._segments(points))

    @classmethod
    def of(cls, safety: report.Safety) -> Chart | None:
        """A chart of the series, or None when there is not one score to draw."""
        return cls(safety.points) if safety.count else None

    def x(self, index: int) -> float:
        """Horizontal position of the day at index."""
        span = self.WIDTH - self.LEFT - self.RIGHT
        return round(self.LEFT + span * index / max(len(self.points) - 1, 1), 1)

    def y(self, value: float) -> float:
        """Vertical position of a score from 0 (bottom) to 10 (top)."""
        span = self.HEIGHT - self.TOP - self.BOTTOM
        return round(self.TOP + span * (self.SCALE - value) / self.SCALE, 1)

    def _segments(self, points: list[Any]) -> Iterable[str]:
        """polyline `points` strings of the rolling mean, broken where it has no value."""
        run: list[str] = []
        for index, point in enumerate(points + [None]):
            if point is not None and point.rolling_mean_7d is not None:
                run.append(f"{self.x(index)},{self.y(point.rolling_mean_7d)}")
            elif run:
                yield " ".join(run)
                run = []


RENDERERS = {"html": as_html, "csv": as_csv}
