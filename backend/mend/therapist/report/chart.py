"""Felt safety drawn as SVG coordinates for the report's printable page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mend.therapist.report import service as report


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
