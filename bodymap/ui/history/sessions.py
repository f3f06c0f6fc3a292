"""Mat sessions on the history chart: a dashed line at each session's start, so a drop in
intensity can be read against the rolling that came before it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from bodymap.ui.history.axes import ChartFrame

__all__ = ["SESSION_COLOUR", "draw_session_legend", "draw_sessions"]

SESSION_COLOUR = QColor("#2e8b57")


def _pen() -> QPen:
    pen = QPen(SESSION_COLOUR, 1.5)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def draw_sessions(painter: QPainter, frame: ChartFrame, starts: Sequence[datetime]) -> int:
    """A dashed vertical line at each start inside the frame's time span; how many drawn."""
    painter.save()
    painter.setPen(_pen())
    drawn = 0
    for start in starts:
        if frame.start <= start <= frame.end:
            x = frame.x(start)
            painter.drawLine(QPointF(x, frame.plot.top()), QPointF(x, frame.plot.bottom()))
            drawn += 1
    painter.restore()
    return drawn


def draw_session_legend(painter: QPainter, area: QRectF, text: QColor) -> None:
    """One legend row at the top of ``area``: a dashed sample and "mat session"."""
    metrics = painter.fontMetrics()
    y = area.top() + (metrics.height() + 6) / 2
    painter.save()
    painter.setPen(_pen())
    painter.drawLine(QPointF(area.left(), y), QPointF(area.left() + 24, y))
    painter.setPen(text)
    painter.drawText(QPointF(area.left() + 32, y + metrics.ascent() / 2 - 1), "mat session")
    painter.restore()
