"""The instrument files: exact published wording, scoring, cut-offs, reliable change, checking."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mend import create_app
from mend.config import load_settings
from mend.measures.catalogue import INSTRUMENTS_DIR, InstrumentError, load
from mend.measures.series import Point, crossed_cutoff, last_change
from mend.measures.setup import support

CATALOGUE = load()
FREQUENCY = ["Not at all", "Several days", "More than half the days", "Nearly every day"]


def test_the_three_instruments_are_offered_in_order() -> None:
    assert list(CATALOGUE) == ["phq2", "gad2", "csi4"]


def test_phq2_wording_is_as_published() -> None:
    phq2 = CATALOGUE["phq2"]
    assert phq2.stem == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert [item.text for item in phq2.items] == [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
    ]
    for item in phq2.items:
        assert [(o.label, o.value) for o in item.options] == list(
            zip(FREQUENCY, range(4), strict=True)
        )
    assert "Pfizer" in phq2.licence and "No permission required" in phq2.licence


def test_gad2_wording_is_as_published() -> None:
    gad2 = CATALOGUE["gad2"]
    assert [item.text for item in gad2.items] == [
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
    ]
    assert [o.label for o in gad2.items[1].options] == FREQUENCY
    assert "Pfizer" in gad2.licence


def test_csi4_items_and_ranges_are_as_published() -> None:
    csi4 = CATALOGUE["csi4"]
    assert csi4.items[0].text.startswith("Please indicate the degree of happiness")
    assert [len(item.options) for item in csi4.items] == [7, 6, 6, 6]
    assert (csi4.score_min, csi4.score_max, csi4.cutoff) == (0, 21, 13.5)
    assert "Funk" in csi4.citation and "2007" in csi4.citation


@pytest.mark.parametrize(
    ("instrument", "answers", "score", "past_cutoff"),
    [
        ("phq2", [0, 0], 0, False),
        ("phq2", [1, 1], 2, False),
        ("phq2", [1, 2], 3, True),  # the cut-off: 3 or more
        ("phq2", [3, 3], 6, True),
        ("gad2", [2, 0], 2, False),
        ("gad2", [0, 3], 3, True),
        ("csi4", [3, 3, 3, 4], 13, True),  # below 13.5: notable dissatisfaction
        ("csi4", [3, 4, 3, 4], 14, False),
        ("csi4", [6, 5, 5, 5], 21, False),
    ],
)
def test_worked_examples_score_and_judge_the_cutoff(
    instrument: str, answers: list[int], score: int, past_cutoff: bool
) -> None:
    chosen = CATALOGUE[instrument]
    assert chosen.score(answers) == score
    assert chosen.beyond_cutoff(score) is past_cutoff
    band = "At or above" if instrument != "csi4" else "Notable"
    assert chosen.band(score).startswith(band) is past_cutoff


def _points(*scores: int) -> list[Point]:
    return [Point(i, s, "", None) for i, s in enumerate(scores)]  # type: ignore[arg-type]


def test_csi4_reliable_change_follows_jacobson_and_truax() -> None:
    # SE of a difference = 4.5 * sqrt(2) * sqrt(1 - .94) = 1.5588; reliable beyond 1.96 of it.
    csi4 = CATALOGUE["csi4"]
    assert csi4.reliability.reliable_difference == pytest.approx(3.055, abs=0.001)
    small = last_change(csi4, _points(16, 14))
    assert small.rci == pytest.approx(-2 / 1.5588, abs=0.001)
    assert (small.reliable, small.direction) == (False, "worse")
    drop = last_change(csi4, _points(16, 12))
    assert drop.rci == pytest.approx(-2.566, abs=0.001)
    assert (drop.reliable, drop.direction) == (True, "worse")
    rise = last_change(csi4, _points(10, 15))
    assert (rise.reliable, rise.direction) == (True, "better")


def test_without_published_reliability_change_is_not_judged_and_says_so() -> None:
    change = last_change(CATALOGUE["phq2"], _points(1, 6))
    assert change.rci is None and change.reliable is None
    assert change.direction == "worse"
    assert "reliable" in change.explanation


def test_crossing_the_cutoff_is_the_first_score_past_it() -> None:
    phq2 = CATALOGUE["phq2"]
    assert crossed_cutoff(phq2, _points(1, 3))
    assert crossed_cutoff(phq2, _points(4))
    assert not crossed_cutoff(phq2, _points(3, 4))
    assert not crossed_cutoff(phq2, _points(3, 2))
    assert crossed_cutoff(CATALOGUE["csi4"], _points(15, 13))


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "instruments"
    shutil.copytree(INSTRUMENTS_DIR, folder)
    return folder


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(bands=[{"min": 0, "max": 2, "label": "Low"}]), "bands must cover"),
        (lambda d: d["scoring"].update(max=9), "scoring range must be 0-6"),
        (lambda d: d["cutoff"].update(flags="sideways"), "cutoff.flags"),
        (lambda d: d.pop("citation"), "citation"),
        (lambda d: d.update(options=[{"label": "x", "value": "1"}]), "whole-number"),
    ],
)
def test_a_malformed_file_stops_start_up_naming_it(tmp_path: Path, change, message: str) -> None:
    folder = _copy(tmp_path)
    path = folder / "phq2.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    with pytest.raises(InstrumentError, match="phq2.json") as raised:
        create_app(
            {
                "MEND": load_settings(environ={}, instance_path=tmp_path / "instance"),
                "MEND_INSTRUMENTS_DIR": str(folder),
            }
        )
    assert message in str(raised.value)


def test_a_file_that_is_not_json_stops_start_up(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "gad2.json").write_text("{ not json")
    with pytest.raises(InstrumentError, match="gad2.json"):
        load(folder)


def test_support_resources_can_be_replaced_and_must_be_well_formed(tmp_path: Path) -> None:
    mine = tmp_path / "resources.json"
    mine.write_text(
        json.dumps(
            {
                "heading": "Help near you",
                "message": "Call us.",
                "resources": [{"name": "Local line", "url": "https://help.example"}],
            }
        )
    )
    settings = load_settings(environ={}, instance_path=tmp_path / "instance")
    app = create_app({"MEND": settings, "MEND_SUPPORT_RESOURCES_FILE": str(mine)})
    with app.app_context():
        assert support()["resources"] == [{"name": "Local line", "url": "https://help.example"}]
    mine.write_text(json.dumps({"heading": "No message or resources"}))
    with pytest.raises(InstrumentError, match="resources.json"):
        create_app({"MEND": settings, "MEND_SUPPORT_RESOURCES_FILE": str(mine)})
