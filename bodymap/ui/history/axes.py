"""The geometry and axes of the history chart: time span, date ticks and the 0–10 grid.

`ChartFrame` maps a (time, intensity) reading to a point in the plot rectangle, so the
axes, the lines and the markers all agree on where a reading sits. Ticks fall on local
midnights (whole hours for spans under two days) so the date axis reads like a calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

__all__ = ["ChartFrame", "date_ticks", "draw_axes", "time_range"]

_DAY = timedelta(days=1)


def date_ticks(start: datetime, end: datetime, max_ticks: int) -> list[datetime]:
    """Tick positions at local midnights (or whole hours for spans under two days) between
    ``start`` and ``end``, at most ``max_ticks`` of them, evenly stepped."""
    span = end - start
    if span < 2 * _DAY:
        for hours in (1, 2, 3, 6, 12, 24):
            if span / timedelta(hours=hours) <= max_ticks:
                break
        tick = start.replace(minute=0, second=0, microsecond=0)
        step = timedelta(hours=hours)
        while tick.hour % hours:
            tick -= timedelta(hours=1)
    else:
        for days in (1, 2, 7, 14, 28, 56, 91, 182, 364):
            if span / timedelta(days=days) <= max_ticks:
                break
        tick = start.replace(hour=0, minute=0, second=0, microsecond=0)
        step = timedelta(days=days)
        if days == 7:
            tick -= timedelta(days=tick.weekday())  # weeks start on Mondays
    ticks = []
    while tick <= end:
        if tick >= start:
            ticks.append(tick)
        tick += step
    return ticks


def time_range(times: Iterable[datetime]) -> tuple[datetime, datetime]:
    """The span the x axis shows: the readings' first to last time with a little margin
    (4 %, at least two hours) so no marker sits on the frame."""
    moments = list(times)
    start, end = min(moments), max(moments)
    pad = max((end - start) * 0.04, timedelta(hours=2))
    return start - pad, end + pad


@dataclass(frozen=True)
class ChartFrame:
    """The plot rectangle and the time span it shows, mapping readings to widget points."""

    plot: QRectF
    start: datetime
    end: datetime

    def x(self, at: datetime) -> float:
        return self.plot.left() + self.plot.width() * ((at - self.start) / (self.end - self.start))

    def y(self, value: float) -> float:
        return self.plot.bottom() - self.plot.height() * value / 10


def draw_axes(painter: QPainter, frame: ChartFrame, text: QColor) -> None:
    """The 0–10 grid and labels, the date ticks and labels, the axis lines and titles, in
    ``text`` colour (the grid a faint tint of it); leaves the painter's font as it found it."""
    plot, start, end = frame.plot, frame.start, frame.end
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
    hourly = end - start < 2 * _DAY
    label_width = metrics.horizontalAdvance("28 Sep 00:00" if hourly else "28 Sep") + 16
    ticks = date_ticks(start, end, max(2, int(plot.width() // label_width)))
    for tick in ticks:
        x = frame.x(tick)
        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(text)
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
        label = tick.strftime("%d %b %H:%M" if hourly else "%d %b").lstrip("0")
        painter.drawText(
            QRectF(x - label_width / 2, plot.bottom() + 6, label_width, metrics.height()),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            label,
        )
    painter.setPen(QPen(text, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    small = QFont(painter.font())
    small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
    painter.setFont(small)
    painter.drawText(
        QRectF(4, 4, 240, metrics.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        "Intensity (0–10)",
    )
    year = start.year if start.year == end.year else None
    painter.drawText(
        QRectF(plot.left(), plot.bottom() + metrics.height() + 8, plot.width(), 20),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
        f"Date{f' ({year})' if year else ''}",
    )
    painter.setFont(font)
