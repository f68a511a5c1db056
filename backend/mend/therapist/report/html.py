"""The session-prep report written out as a printable HTML page with a felt-safety chart.

The HTML page carries its stylesheet inline, so that a saved or printed copy
keeps its layout. The app's CSP (`style-src 'self'`) refuses inline styles,
so this one response sends a stricter policy of its own: nothing may load
(`default-src 'none'`, no scripts at all) and the only style allowed is the
one whose SHA-256 hash is named. Injected markup could not add a style or a
script, and a hash (unlike a nonce) needs no per-response secret.
"""

from __future__ import annotations

from base64 import b64encode
from functools import cache
from hashlib import sha256
from pathlib import Path

from flask import Response, render_template
from markupsafe import Markup

from mend.clock import zone
from mend.measures.setup import instruments
from mend.therapist.report import measures as report_measures
from mend.therapist.report.chart import Chart
from mend.therapist.report.markers import report_days
from mend.therapist.report.service import Report, filename

STYLESHEET = Path(__file__).parent / "templates" / "therapist" / "report.css"


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
        disclosure_days=report_days(data.disclosures, data.timezone),
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
