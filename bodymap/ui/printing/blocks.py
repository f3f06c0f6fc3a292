"""The guide's blocks: each one measured on the target device, then painted into its rect.

`GuideBlocks` turns the parts of a `GuideContent` into layout `Block`s whose payload is a
painter callable; `bodymap.ui.printing.renderer` flows them onto pages and calls the payloads.
Titles, headings, paragraphs, bullet lists and the body diagrams are made here; the spot
table comes from `bodymap.ui.printing.table` and the routine steps from `bodymap.ui.printing.steps`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPaintDevice, QPainter

from bodymap.guide.content import GuideContent
from bodymap.guide.layout import Block
from bodymap.maps import Spot
from bodymap.ui.drawing.legend import paint_legend
from bodymap.ui.printing.block_base import BOX_FILL, INK, MUTED, RULE, BlockBuilder, Paint
from bodymap.ui.printing.diagram import DiagramPainter
from bodymap.ui.printing.steps import RoutineBlocks
from bodymap.ui.printing.table import SpotTableBlocks

__all__ = ["GuideBlocks", "Paint"]


class GuideBlocks(BlockBuilder):
    """Builds measured blocks for one device and content width: titles, text and
    diagrams here, the spot table and the routine steps by the builders it holds."""

    def __init__(self, device: QPaintDevice, width: float, diagrams: DiagramPainter) -> None:
        super().__init__(device, width, diagrams)
        self.table = SpotTableBlocks(device, width, diagrams)
        self.routine = RoutineBlocks(device, width, diagrams)

    def title(self, content: GuideContent, subtitle: str) -> Block:
        head = self.text(content.title, self.fonts.title, self.width)
        sub = self.text(subtitle, self.fonts.body, self.width)
        gap = self.u.mm(1.5)
        height = head.height + gap + sub.height + self.u.mm(2.5)

        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.setPen(INK)
            head.draw(painter, rect.left(), rect.top())
            painter.setPen(MUTED)
            sub.draw(painter, rect.left(), rect.top() + head.height + gap)
            painter.setPen(self._pen(RULE, 0.8))
            y = rect.bottom() - self.u.mm(0.6)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))

        return self._block("title", height, paint)

    def section(self, title: str, space_mm: float = 6.0) -> Block:
        text = self.text(title, self.fonts.heading, self.width)
        height = text.height + self.u.mm(2.0)

        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.setPen(INK)
            text.draw(painter, rect.left(), rect.top())
            painter.setPen(self._pen(RULE, 0.5))
            y = rect.top() + text.height + self.u.mm(0.8)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))

        return self._block(
            "section", height, paint, keep_with_next=True, space_before=self.u.mm(space_mm)
        )

    def paragraph(
        self, kind: str, text: str, font: QFont | None = None, space_mm: float = 2.0
    ) -> Block:
        wrapped = self.text(text, font or self.fonts.body, self.width)

        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.setPen(INK)
            wrapped.draw(painter, rect.left(), rect.top())

        return self._block(kind, wrapped.height, paint, space_before=self.u.mm(space_mm))

    def bullets(
        self,
        kind: str,
        items: Sequence[str],
        boxed: bool = False,
        space_mm: float = 2.0,
        *,
        tick_boxes: bool = False,
    ) -> Block:
        """A bulleted list (``boxed``: framed); ``tick_boxes`` draws an empty square to
        tick instead of each bullet (a checklist)."""
        pad = self.u.mm(3.0) if boxed else 0.0
        indent = self.u.mm(5.5 if tick_boxes else 4.0)
        inner = self.width - 2 * pad - indent
        texts = [self.text(item, self.fonts.body, inner) for item in items]
        gap = self.u.mm(1.2)
        height = sum(t.height for t in texts) + gap * max(0, len(texts) - 1) + 2 * pad

        def paint(painter: QPainter, rect: QRectF) -> None:
            if boxed:
                painter.setPen(self._pen(RULE, 0.6))
                painter.setBrush(BOX_FILL)
                painter.drawRect(self._inset(rect, 0.6))
            painter.setPen(INK)
            y = rect.top() + pad
            for wrapped in texts:
                # A round bullet centred on the x-height of the first line.
                centre = QPointF(
                    rect.left() + pad + self.u.mm(1.2), y + wrapped.first_baseline * 0.68
                )
                if tick_boxes:
                    painter.setPen(self._pen(INK, 0.7))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    half = self.u.mm(1.3)
                    painter.drawRect(
                        QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half)
                    )
                else:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(INK)
                    painter.drawEllipse(centre, self.u.mm(0.6), self.u.mm(0.6))
                painter.setPen(INK)
                wrapped.draw(painter, rect.left() + pad + indent, y)
                y += wrapped.height + gap

        return self._block(kind, height, paint, space_before=self.u.mm(space_mm))

    def boxed_paragraph(self, kind: str, lead: str, text: str, space_mm: float = 4.0) -> Block:
        """A framed paragraph with a bold first sentence (the disclaimer)."""
        pad = self.u.mm(3.0)
        head = self.text(lead, self.fonts.bold, self.width - 2 * pad)
        wrapped = self.text(text, self.fonts.body, self.width - 2 * pad)
        gap = self.u.mm(1.2)
        height = head.height + gap + wrapped.height + 2 * pad

        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.setPen(self._pen(INK, 1.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._inset(rect, 1.0))
            painter.setPen(INK)
            head.draw(painter, rect.left() + pad, rect.top() + pad)
            wrapped.draw(painter, rect.left() + pad, rect.top() + pad + head.height + gap)

        return self._block(kind, height, paint, space_before=self.u.mm(space_mm))

    def diagrams(self, content: GuideContent, spots: Sequence[Spot], height_mm: float) -> Block:
        height = self.u.mm(height_mm)
        label_h = self.text("Front", self.fonts.group, self.width).height
        legend = self.text(
            "Numbered discs: your spots (darker = more intense). Sides are the person's own "
            "(R, L). Shading is only where to roll: the hatched places are never rolled.",
            self.fonts.small,
            self.width,
        )
        key_h = self.u.mm(11)

        def paint(painter: QPainter, rect: QRectF) -> None:
            gap = self.u.mm(6)
            panel_w = (rect.width() - gap) / 2
            figure_h = rect.height() - label_h - legend.height - key_h - self.u.mm(3)
            for index, view in enumerate(("front", "back")):
                left = rect.left() + index * (panel_w + gap)
                painter.setPen(INK)
                painter.setFont(self.fonts.group)
                painter.drawText(
                    QRectF(left, rect.top(), panel_w, label_h),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    "Front" if view == "front" else "Back",
                )
                figure = QRectF(left, rect.top() + label_h + self.u.mm(1), panel_w, figure_h)
                self.drawing.paint_view(
                    painter, figure, view, spots=spots, highlight=content.roll_zones
                )
            key = QRectF(rect.left(), rect.bottom() - legend.height - key_h, rect.width(), key_h)
            paint_legend(painter, key, self.fonts.small, monochrome=self.drawing.monochrome)
            painter.setPen(MUTED)
            legend.draw(painter, rect.left(), rect.bottom() - legend.height)

        return self._block("diagrams", height, paint, space_before=self.u.mm(3))
