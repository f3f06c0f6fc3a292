"""A big countdown ring: the phase's time left as an arc and as m:ss in the middle."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["CountdownRing", "clock_text"]


def clock_text(seconds: float) -> str:
    """Seconds left as the ring shows them: 75.2 → "1:16", 9.0 → "0:09" (rounded up, so
    "0:00" shows only at the very end)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


class CountdownRing(QWidget):
    """An arc that shrinks from a full circle as the phase runs out, in the phase's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.remaining = 0.0
        self.total = 1.0
        self.colour = QColor("#4fa3e0")
        self.paused = True
        self.setMinimumSize(160, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Time left in this phase")

    def show_time(self, remaining: float, total: float, colour: QColor, paused: bool) -> None:
        self.remaining, self.total, self.colour, self.paused = remaining, total, colour, paused
        self.setAccessibleDescription(clock_text(remaining))
        self.update()

    @property
    def text(self) -> str:
        return clock_text(self.remaining)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        side = min(self.width(), self.height())
        width = side * 0.07
        box = QRectF(
            (self.width() - side) / 2 + width / 2,
            (self.height() - side) / 2 + width / 2,
            side - width,
            side - width,
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        track = QPen(QColor(255, 255, 255, 40), width)
        painter.setPen(track)
        painter.drawEllipse(box)
        share = 0.0 if self.total <= 0 else max(0.0, min(1.0, self.remaining / self.total))
        arc = QPen(self.colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(arc)
        painter.drawArc(box, 90 * 16, round(share * 360 * 16))
        font = QFont(self.font())
        font.setPixelSize(max(12, int(side * 0.3)))
        font.setWeight(QFont.Weight.Bold)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.text)
        if self.paused:
            small = QFont(font)
            small.setPixelSize(max(10, int(side * 0.08)))
            small.setWeight(QFont.Weight.Normal)
            painter.setFont(small)
            painter.setPen(QColor(255, 255, 255, 200))
            below = box.adjusted(0, box.height() * 0.7, 0, 0)
            painter.drawText(
                below, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, "paused"
            )
        painter.end()
