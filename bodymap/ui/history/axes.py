"""The geometry and axes of the history chart: time span, calendar ticks and the 0–10 grid.

`ChartFrame` maps a (time, intensity) reading to a point in the plot rectangle, so the
axes, the lines and the markers all agree on where a reading sits. Times are POSIX seconds;
ticks come from `bodymap.history.time_ticks` (hours to decades, each date with its year).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from bodymap.history import time_ticks

__all__ = ["MIN_SPAN", "ChartFrame", "draw_axes", "padded_span"]

MIN_SPAN = 6 * 3600.0
"""The narrowest time span the chart shows (seconds): a zoom stops at six hours."""


def padded_span(first: float, last: float) -> tuple[float, float]:
    """The span the x axis shows for readings from ``first`` to ``last``: a little margin
    (3 %), and at least a day, so two check-ins minutes apart do not fill the width."""
    pad = max((last - first) * 0.03, 0.0)
    start, end = first - pad, last + pad
    if end - start < 86400:
        middle = (start + end) / 2
        start, end = middle - 43200, middle + 43200
    return start, end


@dataclass(frozen=True)
class ChartFrame:
    """The plot rectangle and the time span (POSIX seconds) it shows."""

    plot: QRectF
    start: float
    end: float

    def x(self, at: float) -> float:
        return self.plot.left() + self.plot.width() * (at - self.start) / (self.end - self.start)

    def time_at(self, x: float) -> float:
        return self.start + (x - self.plot.left()) / self.plot.width() * (self.end - self.start)

    def y(self, value: float) -> float:
        return self.plot.bottom() - self.plot.height() * value / 10


def draw_axes(painter: QPainter, frame: ChartFrame, text: QColor) -> None:
    """The 0–10 grid and labels, the date ticks with their labels and year lines, the axis
    lines and titles, in ``text`` colour (the grid a faint tint of it)."""
    plot = frame.plot
    font = QFont(painter.font())
    grid = QColor(text)
    grid.setAlphaF(0.15)
    metrics = painter.fontMetrics()
    for value in range(0, 11, 2):
        y = frame.y(value)
        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(text)
        painter.drawText(
            QRectF(0, y - metrics.height() / 2, plot.left() - 8, metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(value),
        )
    label_width = metrics.horizontalAdvance("28 Sep 2026") + 12
    ticks = time_ticks(frame.start, frame.end, max(2, int(plot.width() // label_width)))
    for tick in ticks:
        x = frame.x(tick.at)
        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(text)
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
        for row, words in enumerate((tick.label, tick.context)):
            if words:
                # a label by the chart's right edge stays whole inside it (it was cut off)
                left = max(0.0, min(x - label_width / 2, plot.right() + 14 - label_width))
                painter.drawText(
                    QRectF(
                        left,
                        plot.bottom() + 6 + row * metrics.height(),
                        label_width,
                        metrics.height(),
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    words,
                )
    painter.setPen(QPen(text, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    painter.drawText(
        QRectF(4, 4, 240, metrics.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        "Intensity (0–10)",
    )
    painter.setFont(font)
