"""The instruments Mend offers, read from one JSON file each and checked at start-up.

A file describes its items (each with its own options, or the instrument's
shared ones), how it is scored (a sum), its cut-off and bands, where it comes
from and under what licence, and its published reliability where Mend has it
(for the reliable change index). Anything malformed stops the app starting
with a message naming the file and the problem.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"
RCI_THRESHOLD = 1.96  # Jacobson & Truax (1991): a change beyond this is unlikely to be noise
CUTOFF_RULES = ("at_or_above", "below")
DIRECTIONS = ("worse", "better")


class InstrumentError(RuntimeError):
    """An instrument file that Mend cannot use."""


@dataclass(frozen=True)
class Option:
    """One answer to an item and the points it scores."""

    label: str
    value: int


@dataclass(frozen=True)
class Item:
    """One question, with its answers."""

    text: str
    options: tuple[Option, ...]

    @property
    def values(self) -> frozenset[int]:
        """The points an answer to this item may score."""
        return frozenset(option.value for option in self.options)


@dataclass(frozen=True)
class Band:
    """A named range of total scores."""

    min: int
    max: int
    label: str


@dataclass(frozen=True)
class Reliability:
    """The published reliability and reference spread used for the reliable change index."""

    coefficient: float
    reference_sd: float
    source: str

    @property
    def reliable_difference(self) -> float:
        """The smallest change (in points) that is reliable: 1.96 x the SE of a difference."""
        standard_error = self.reference_sd * math.sqrt(1 - self.coefficient)
        return RCI_THRESHOLD * math.sqrt(2) * standard_error


@dataclass(frozen=True)
class Instrument:
    """A validated questionnaire, as its file describes it."""

    id: str
    name: str
    title: str
    stem: str | None
    items: tuple[Item, ...]
    score_min: int
    score_max: int
    higher_is: str
    cutoff: float
    cutoff_flags: str
    cutoff_meaning: str
    bands: tuple[Band, ...]
    citation: str
    source: str
    licence: str
    reliability: Reliability | None
    reliability_note: str | None
    safety_message: bool

    def score(self, answers: list[int]) -> int:
        """The total score of a complete, valid set of answers."""
        return sum(answers)

    def band(self, score: int) -> str:
        """The label of the band the score falls in."""
        return next(band.label for band in self.bands if band.min <= score <= band.max)

    def beyond_cutoff(self, score: float) -> bool:
        """Whether a score is on the clinical side of the cut-off."""
        if self.cutoff_flags == "at_or_above":
            return score >= self.cutoff
        return score < self.cutoff

    def rci(self, before: int, after: int) -> float | None:
        """The reliable change index of a change (Jacobson & Truax), where reliability is known."""
        if self.reliability is None:
            return None
        standard_error = self.reliability.reference_sd * math.sqrt(1 - self.reliability.coefficient)
        return (after - before) / (math.sqrt(2) * standard_error)

    def worsened(self, before: int, after: int) -> bool:
        """Whether going from before to after is a change for the worse."""
        return after > before if self.higher_is == "worse" else after < before


def load(folder: Path = INSTRUMENTS_DIR) -> dict[str, Instrument]:
    """Every instrument in the folder, by id; InstrumentError names any malformed file."""
    found: dict[str, Instrument] = {}
    for path in sorted(folder.glob("*.json"), key=_position):
        try:
            instrument = _parse(json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as error:
            raise InstrumentError(f"Instrument file {path.name} is not valid: {error}") from error
        if instrument.id != path.stem:
            raise InstrumentError(f"Instrument file {path.name} has id {instrument.id!r}.")
        found[instrument.id] = instrument
    if not found:
        raise InstrumentError(f"No instrument files found in {folder}.")
    return found


def _position(path: Path) -> tuple[int, str]:
    """Files list in their `order` (then by name), so the catalogue reads the same each time."""
    try:
        order = json.loads(path.read_text(encoding="utf-8")).get("order", 0)
    except ValueError:
        order = 0  # the file is reported properly when it is parsed
    return (order if isinstance(order, int) else 0, path.name)


def _parse(data: dict[str, Any]) -> Instrument:
    """An Instrument from a file's JSON, or ValueError/KeyError/TypeError saying what is wrong."""
    shared = _options(data["options"]) if "options" in data else None
    items = tuple(_item(raw, shared) for raw in _required_list(data, "items"))
    scoring = data["scoring"]
    if scoring["method"] != "sum":
        raise ValueError("scoring.method must be 'sum'")
    lowest = sum(min(item.values) for item in items)
    highest = sum(max(item.values) for item in items)
    if (scoring["min"], scoring["max"]) != (lowest, highest):
        raise ValueError(f"scoring range must be {lowest}-{highest}, the sums of the options")
    bands = tuple(Band(int(b["min"]), int(b["max"]), str(b["label"])) for b in data["bands"])
    _check_bands(bands, lowest, highest)
    if data.get("reliability") is None and not data.get("reliability_note"):
        raise ValueError("without reliability, reliability_note must say why")
    cutoff = data["cutoff"]
    _check_choice("cutoff.flags", cutoff["flags"], CUTOFF_RULES)
    _check_choice("scoring.higher_is", scoring["higher_is"], DIRECTIONS)
    return Instrument(
        id=_text(data, "id"),
        name=_text(data, "name"),
        title=_text(data, "title"),
        stem=data.get("stem"),
        items=items,
        score_min=lowest,
        score_max=highest,
        higher_is=scoring["higher_is"],
        cutoff=float(cutoff["value"]),
        cutoff_flags=cutoff["flags"],
        cutoff_meaning=_text(cutoff, "meaning"),
        bands=bands,
        citation=_text(data, "citation"),
        source=_text(data, "source"),
        licence=_text(data, "licence"),
        reliability=_reliability(data.get("reliability")),
        reliability_note=data.get("reliability_note"),
        safety_message=bool(data.get("safety_message", False)),
    )


def _item(raw: Any, shared: tuple[Option, ...] | None) -> Item:
    if isinstance(raw, str):
        if shared is None:
            raise ValueError("an item without its own options needs the instrument's options")
        return Item(raw, shared)
    return Item(_text(raw, "text"), _options(raw["options"]))


def _options(raw: list[dict[str, Any]]) -> tuple[Option, ...]:
    options = tuple(Option(_text(o, "label"), o["value"]) for o in raw)
    if not options or any(type(o.value) is not int for o in options):
        raise ValueError("options need a label and a whole-number value each")
    if len({o.value for o in options}) != len(options):
        raise ValueError("option values must differ")
    return options


def _check_bands(bands: tuple[Band, ...], lowest: int, highest: int) -> None:
    """Bands must cover every possible score once, in order."""
    expected = lowest
    for band in bands:
        if band.min != expected or band.max < band.min:
            raise ValueError(f"bands must cover {lowest}-{highest} in order without gaps")
        expected = band.max + 1
    if expected != highest + 1:
        raise ValueError(f"bands must cover {lowest}-{highest} in order without gaps")


def _reliability(raw: dict[str, Any] | None) -> Reliability | None:
    if raw is None:
        return None
    coefficient, sd = float(raw["coefficient"]), float(raw["reference_sd"])
    if not 0 < coefficient < 1 or sd <= 0:
        raise ValueError("reliability needs a coefficient between 0 and 1 and a positive SD")
    return Reliability(coefficient, sd, _text(raw, "source"))


def _required_list(data: dict[str, Any], key: str) -> list[Any]:
    value = data[key]
    if not isinstance(value, list) or not value:
        raise ValueError(f"{key} must be a non-empty list")
    return value


def _text(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be non-empty text")
    return value


def _check_choice(name: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)}")
