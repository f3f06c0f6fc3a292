"""What every guide block shares: the print ink, millimetre and point units on the target
device, wrapped text and pens measured for that device.

`BlockBuilder` is the base of the guide's block builders (`bodymap.ui.printing.blocks`,
`bodymap.ui.printing.table`, `bodymap.ui.printing.steps`); all sizes are in device pixels derived
from millimetres and points, so the same code lays out an A4 PDF at 1200 dpi and a Letter
printer at 600 dpi identically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QPaintDevice, QPainter, QPen

from bodymap.guide.layout import Block
from bodymap.ui.printing.diagram import DiagramPainter
from bodymap.ui.printing.text import Fonts, WrappedText

__all__ = ["BOX_FILL", "CAUTION_INK", "INK", "MUTED", "RULE", "BlockBuilder", "Paint", "Units"]

Paint = Callable[[QPainter, QRectF], None]

INK = QColor("#1f1a17")
MUTED = QColor("#5b524c")
RULE = QColor("#9a918b")
CAUTION_INK = QColor("#7a2414")
BOX_FILL = QColor("#f3f0ec")


@dataclass(frozen=True)
class Units:
    """Millimetres and points in device pixels."""

    dpi: float

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        return value * self.dpi / 72.0


class BlockBuilder:
    """Measures text and makes blocks for one device and content width."""

    def __init__(self, device: QPaintDevice, width: float, diagrams: DiagramPainter) -> None:
        self.device = device
        self.width = width
        self.u = Units(float(device.logicalDpiY()))
        self.fonts = Fonts()
        self.drawing = diagrams

    def text(
        self, text: str, font: QFont, width: float, max_lines: int | None = None
    ) -> WrappedText:
        return WrappedText(text, font, width, self.device, max_lines)

    def _pen(self, colour: QColor, width_pt: float = 0.5) -> QPen:
        pen = QPen(colour)
        pen.setWidthF(self.u.pt(width_pt))
        return pen

    def _inset(self, rect: QRectF, pen_pt: float) -> QRectF:
        """``rect`` shrunk by half a pen so a frame's stroke stays inside the block."""
        half = self.u.pt(pen_pt) / 2
        return rect.adjusted(half, half, -half, -half)

    def _block(self, kind: str, height: float, paint: Paint, **kw: Any) -> Block:
        return Block(kind, height, paint, **kw)

    def _heading(
        self,
        kind: str,
        title: str,
        font: QFont,
        ink: QColor,
        below_mm: float,
        space_mm: float,
        rule_pt: float | None = None,
    ) -> Block:
        """A heading kept with the block after it: ``title`` in ``font`` and ``ink``,
        ``space_mm`` above it and ``below_mm`` under it; a rule ``rule_pt`` wide just under
        the text, where given."""
        text = self.text(title, font, self.width)
        height = text.height + self.u.mm(below_mm)

        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.setPen(ink)
            text.draw(painter, rect.left(), rect.top())
            if rule_pt is not None:
                painter.setPen(self._pen(RULE, rule_pt))
                y = rect.top() + text.height + self.u.mm(0.8)
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))

        return self._block(
            kind, height, paint, keep_with_next=True, space_before=self.u.mm(space_mm)
        )
