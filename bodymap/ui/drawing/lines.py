"""A chart line broken at gaps: which neighbouring points a line joins, and which points
no line reaches (drawn as a dot instead). The History chart and the summary's sparklines
draw a spot's line this way, broken where it went more than two weeks without a reading
(`bodymap.history.joined`, `column_joins`)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QPointF

__all__ = ["joined_pairs", "lone_points"]


def joined_pairs(points: Sequence[QPointF], joins: Sequence[bool]) -> list[QPointF]:
    """The pairs of points ``drawLines`` joins: p0 p1, p1 p2, …, leaving out each pair
    ``joins`` marks False (a gap). Separate segments, not one polyline: Qt strokes a wide
    polyline as one outline whose cost explodes with its self-crossings."""
    pairs: list[QPointF] = []
    for (a, b), join in zip(itertools.pairwise(points), joins, strict=True):
        if join:
            pairs += (a, b)
    return pairs


def lone_points(points: Sequence[QPointF], joins: Sequence[bool]) -> list[QPointF]:
    """The points no line reaches: gaps (or the ends) on both sides."""
    flags = [True, *(not j for j in joins), True]
    return [p for i, p in enumerate(points) if flags[i] and flags[i + 1]]
