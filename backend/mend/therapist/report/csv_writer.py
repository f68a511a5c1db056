"""The session-prep report written out as one CSV file that no spreadsheet will run."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from flask import Response

from mend.clock import zone
from mend.therapist.report import measures as report_measures
from mend.therapist.report import service as report
from mend.therapist.report.service import Report, filename

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
