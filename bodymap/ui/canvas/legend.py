"""A one-line legend under the body diagrams: hatching, shading, trigger-point sites and
spot discs, drawn by the same painter as the printed guide's legend."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from bodymap.ui.drawing.legend import LEGEND_ITEMS, paint_legend

__all__ = ["DiagramLegend"]


class DiagramLegend(QWidget):
    """What the marks on the diagrams mean (always visible under the canvas)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Legend")
        self.setAccessibleDescription("; ".join(text for _kind, text in LEGEND_ITEMS))
        self.setToolTip(self.accessibleDescription())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height() * 1.1
        return QSize(600, int(line * 2.6 + 8))

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_legend(painter, QRectF(self.rect()).adjusted(8, 4, -8, -4), self.font())
        painter.end()
