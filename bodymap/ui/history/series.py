"""The history chart's series: colours and marker shapes per spot, decimated line paths.

Colour and marker shape both differ from one series to the next, so the chart still reads
in greyscale and with more spots than colours. A series is drawn from at most four points
per pixel column (`bodymap.history.decimate`), so its cost does not grow with its readings.
A line is broken where the spot went more than `LINE_GAP_DAYS` without a reading
(`bodymap.history.joined`); a reading with no line on either side keeps its marker.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from bodymap.history import decimate, joined
from bodymap.history.series import FloatArray, column_joins, column_ranges
from bodymap.ui.drawing.lines import joined_pairs, lone_points
from bodymap.ui.history.axes import ChartFrame

__all__ = [
    "MARKERS",
    "SERIES_COLOURS",
    "Series",
    "draw_series",
    "has_gap",
    "series_colour",
    "swatch",
]

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
_MARKER_SPACING = 9.0
"""Markers are drawn only when readings are at least this many pixels apart on average."""


@dataclass(frozen=True)
class Series:
    """One spot's readings: its id, legend label, colour index and numpy columns."""

    spot_id: str
    label: str
    index: int
    times: FloatArray
    values: FloatArray
    twins: str = ""
    """The spots whose readings are exactly these ("spot 4"): their lines lie on one
    another, the one drawn last covering the other whole."""

    @property
    def shown_label(self) -> str:
        """The legend's words: the label, and whose readings it shares."""
        return f"{self.label} (same readings as {self.twins})" if self.twins else self.label


def series_colour(index: int) -> QColor:
    return QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])


def _marker(index: int) -> str:
    return MARKERS[(index // len(SERIES_COLOURS) + index) % len(MARKERS)]


def swatch(index: int, size: int = 16) -> QIcon:
    """The legend's sample of a series: its line colour and marker."""
    pixmap = QPixmap(size * 2, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = series_colour(index)
    painter.setPen(QPen(colour, 2))
    painter.drawLine(QPointF(1, size / 2), QPointF(size * 2 - 1, size / 2))
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawPath(_marker_path(_marker(index), QPointF(size, size / 2), size / 4))
    painter.end()
    return QIcon(pixmap)


def has_gap(series: Series, start: float, end: float) -> bool:
    """Whether the series' line is broken somewhere over ``start``–``end``."""
    lo = max(int(np.searchsorted(series.times, start)) - 1, 0)
    hi = int(np.searchsorted(series.times, end, "right")) + 1
    return not bool(joined(series.times[lo:hi]).all())


def draw_series(painter: QPainter, frame: ChartFrame, series: Series, outline: QColor) -> None:
    """The series over the frame's span. With fewer readings than pixel columns: a line
    through them, with a marker on each when they are far enough apart to tell (rimmed in
    ``outline``, the chart's background). Denser: a band from each column's lowest to its
    highest reading, so the cost follows the pixels, not the readings. Either way the line
    is broken across a gap of more than `LINE_GAP_DAYS` without a reading, and a reading
    (or column) left with no line on either side is drawn as a marker (a dot)."""
    columns = max(1, int(frame.plot.width()))
    lo = int(np.searchsorted(series.times, frame.start))
    hi = int(np.searchsorted(series.times, frame.end, "right"))
    colour = series_colour(series.index)
    scale_x = frame.plot.width() / (frame.end - frame.start)
    scale_y = frame.plot.height() / 10
    if hi - lo > columns:
        middle, lows, highs, means = column_ranges(
            series.times, series.values, frame.start, frame.end, columns
        )
        xs = (frame.plot.left() + (middle - frame.start) * scale_x).tolist()
        top = (frame.plot.bottom() - highs * scale_y).tolist()
        bottom = (frame.plot.bottom() - lows * scale_y).tolist()
        # A faint stroke per column from its lowest to its highest reading, and a line
        # through the columns' means on top: the range and the trend, at any length.
        stroke: list[QPointF] = []
        for x, y0, y1 in zip(xs, top, bottom, strict=True):
            stroke += (QPointF(x, y0 - 0.5), QPointF(x, y1 + 0.5))
        faint = QColor(colour)
        faint.setAlphaF(0.14)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(faint, 1))
        painter.drawLines(stroke)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        trend = [
            QPointF(x, y)
            for x, y in zip(xs, (frame.plot.bottom() - means * scale_y).tolist(), strict=True)
        ]
        joins = column_joins(series.times, frame.start, frame.end, columns)
        painter.setPen(QPen(colour, 1.6))
        if len(trend) > 1:
            painter.drawLines(joined_pairs(trend, joins.tolist()))
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        for point in lone_points(trend, joins.tolist()):
            painter.drawEllipse(point, 3.0, 3.0)
        return
    times, values = decimate(series.times, series.values, frame.start, frame.end, columns)
    if not len(times):
        return
    xs_line = (frame.plot.left() + (times - frame.start) * scale_x).tolist()
    ys_line = (frame.plot.bottom() - values * scale_y).tolist()
    points = [QPointF(x, y) for x, y in zip(xs_line, ys_line, strict=True)]
    # Separate segments, not one polyline: Qt strokes a wide polyline as one outline whose
    # cost explodes with its self-crossings (a second for 3,600 points).
    joins = joined(times)
    painter.setPen(QPen(colour, 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if len(points) > 1:
        painter.drawLines(joined_pairs(points, joins.tolist()))
    shown = hi - lo
    every = len(points) == 1 or (shown and frame.plot.width() / shown >= _MARKER_SPACING)
    marker = _marker(series.index)
    painter.setBrush(colour)
    painter.setPen(QPen(outline, 1))
    for point in points if every else lone_points(points, joins.tolist()):
        painter.drawPath(_marker_path(marker, point, 4.5))


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
