"""The history chart's series: one spot's readings, drawn as a coloured line with markers
and named in the legend.

Colour and marker shape both differ from one series to the next, so the chart still reads
in greyscale and with more spots than colours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from bodymap.ui.history.axes import ChartFrame

__all__ = ["MARKERS", "SERIES_COLOURS", "Series", "draw_legend", "draw_series"]

SERIES_COLOURS = (
    "#1f77b4",
    "#e8590c",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#d6338f",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
MARKERS = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True)
class Series:
    """One spot's readings: its legend label and (local time, intensity) points."""

    label: str
    points: tuple[tuple[datetime, int], ...]


def _colour(index: int) -> QColor:
    return QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])


def _marker(index: int) -> str:
    return MARKERS[(index // len(SERIES_COLOURS) + index) % len(MARKERS)]


def draw_series(
    painter: QPainter, frame: ChartFrame, index: int, series: Series, outline: QColor
) -> None:
    """The ``index``-th series as a line through its readings with a marker on each,
    the markers rimmed in ``outline`` (the chart's background) so crossing lines stay apart."""
    colour = _colour(index)
    points = [QPointF(frame.x(at), frame.y(value)) for at, value in series.points]
    painter.setPen(QPen(colour, 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if len(points) > 1:
        painter.drawPolyline(QPolygonF(points))
    marker = _marker(index)
    painter.setBrush(colour)
    painter.setPen(QPen(outline, 1))
    for point in points:
        painter.drawPath(_marker_path(marker, point, 4.5))


def draw_legend(painter: QPainter, area: QRectF, series: Sequence[Series], text: QColor) -> None:
    """One row per series from the top of ``area``: a line sample with its marker, then the
    label in ``text`` colour, elided to the area's width."""
    metrics = painter.fontMetrics()
    line = metrics.height() + 6
    for index, one in enumerate(series):
        y = area.top() + index * line + line / 2
        colour = _colour(index)
        painter.setPen(QPen(colour, 2))
        painter.drawLine(QPointF(area.left(), y), QPointF(area.left() + 24, y))
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPath(_marker_path(_marker(index), QPointF(area.left() + 12, y), 4))
        painter.setPen(text)
        label = metrics.elidedText(one.label, Qt.TextElideMode.ElideRight, int(area.width() - 32))
        painter.drawText(QPointF(area.left() + 32, y + metrics.ascent() / 2 - 1), label)


def _marker_path(kind: str, centre: QPointF, r: float) -> QPainterPath:
    path = QPainterPath()
    if kind == "square":
        path.addRect(QRectF(centre.x() - r * 0.9, centre.y() - r * 0.9, r * 1.8, r * 1.8))
    elif kind == "triangle":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), centre.y() - r * 1.15),
                    QPointF(centre.x() + r, centre.y() + r * 0.75),
                    QPointF(centre.x() - r, centre.y() + r * 0.75),
                ]
            )
        )
        path.closeSubpath()
    elif kind == "diamond":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), centre.y() - r * 1.2),
                    QPointF(centre.x() + r * 1.2, centre.y()),
                    QPointF(centre.x(), centre.y() + r * 1.2),
                    QPointF(centre.x() - r * 1.2, centre.y()),
                ]
            )
        )
        path.closeSubpath()
    else:
        path.addEllipse(centre, r, r)
    return path
