"""Disclosure markers on the printable report's felt-safety chart: only where the repairing
partner shares disclosures, each day also written out in words beside the chart."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time

from flask import Flask

from tests.builders import add_therapist
from tests.therapist.report_helpers import (
    Story,
    backdate_disclosure,
    days_ago,
    disclose,
    grant,
    report_path,
    revise,
    text_of,
    today,
)

MARKER = re.compile(r'<line class="marker" x1="([\d.]+)"')


def test_markers_and_their_list_show_each_day_a_disclosure_was_logged_or_amended(
    app: Flask, story: Story
) -> None:
    couple = story.couple
    earlier = disclose(couple, "Earlier")
    backdate_disclosure(app, earlier, datetime.combine(days_ago(4), time(12), tzinfo=UTC))
    revise(couple, story.disclosure_id, body="More of what happened.")
    therapist = add_therapist(app, couple)
    grant(couple, therapist, {"hurt": ("checkins",), "repairing": ("disclosures",)})

    page = text_of(therapist.get(report_path(couple.space_id)))

    assert len(MARKER.findall(page)) == 2  # today and 4 days ago
    assert float(MARKER.findall(page)[0]) < float(MARKER.findall(page)[1])
    assert "Upright lines</span>: days a disclosure was logged or amended." in page
    assert "Days with a disclosure on the chart" in page
    first, second = days_ago(4), today()
    assert f"{first.day} {first:%B %Y}</time>: 1 disclosure logged</li>" in page
    assert (
        f"{second.day} {second:%B %Y}</time>: 1 disclosure logged, 1 disclosure amended</li>"
        in page
    )


def test_no_markers_and_no_list_without_the_repairing_partners_grant(
    app: Flask, story: Story
) -> None:
    therapist = add_therapist(app, story.couple)
    grant(story.couple, therapist, {"hurt": ("checkins", "disclosures")})

    page = text_of(therapist.get(report_path(story.couple.space_id)))

    assert "<polyline" in page  # the chart is there
    assert MARKER.findall(page) == []
    assert "Upright lines" not in page and "Days with a disclosure" not in page


def test_markers_follow_the_reports_range(app: Flask, story: Story) -> None:
    therapist = add_therapist(app, story.couple)
    grant(story.couple, therapist, {"hurt": ("checkins",), "repairing": ("disclosures",)})

    page = text_of(
        therapist.get(
            report_path(
                story.couple.space_id, **{"from": str(days_ago(10)), "to": str(days_ago(1))}
            )
        )
    )

    assert "<polyline" in page
    assert MARKER.findall(page) == []  # the only disclosure was told today
