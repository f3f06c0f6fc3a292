"""A one-line legend under the body diagrams: hatching, shading, trigger-point sites and
spot discs, drawn by the same painter as the printed guide's legend; while the muscle
browser draws a referral pattern, its zones and the muscle's dashed outline too."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QFontMetricsF, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from bodymap.ui.drawing.legend import (
    fascia_items,
    legend_height,
    legend_items,
    paint_legend,
    painted_items,
    pattern_items,
)

__all__ = ["DiagramLegend"]


def _always_items() -> tuple[tuple[str, str], ...]:
    """The items the window's legend always names: the marks, the grey fascia and a
    painted area's tint, whether the map shows them or not, so it keeps its height."""
    return legend_items() + fascia_items() + painted_items()


class DiagramLegend(QWidget):
    """What the marks on the diagrams mean (always visible under the canvas)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Legend")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # the grey fascia is named whether its layer is shown or not: the legend keeps its
        # height when View → Fascia is toggled, and the diagrams do not jump
        self.items: tuple[tuple[str, str], ...] = _always_items()
        self._pattern = False
        self._describe()

    def set_pattern(self, shown: bool) -> None:
        """Add the pattern's entries while the browser draws one; take them away after."""
        self._pattern = shown
        self._update()

    def _update(self) -> None:
        items = _always_items() + (pattern_items() if self._pattern else ())
        if items != self.items:
            self.items = items
            self._describe()
            self.updateGeometry()
            self._fit()
            self.update()

    def _describe(self) -> None:
        self.setAccessibleDescription("; ".join(text for _kind, text in self.items))
        self.setToolTip(self.accessibleDescription())

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height() * 1.1
        rows = 3.8 if self._pattern else 2.6
        return QSize(600, int(line * rows + 8))

    def needed_height(self, width: int) -> int:
        """As tall as the entries need at ``width`` (a narrow window wraps them)."""
        needed = legend_height(max(width - 16, 50), self.font(), self, self.items)
        return max(self.sizeHint().height(), math.ceil(needed + 10))

    def _fit(self) -> None:
        """Take the height the entries need at this width: in a narrow window the rows
        wrap, and a fixed two-line height cut the last ones off."""
        height = self.needed_height(self.width())
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_legend(
            painter, QRectF(self.rect()).adjusted(8, 4, -8, -4), self.font(), items=self.items
        )
        painter.end()
