"""The guide's routine blocks: a heading per body position and one block per step, with
a close-up of the area to roll beside the step's tool, position, timing, how-to and cautions.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from bodymap.guide.layout import Block
from bodymap.guide.routine import GuideStep
from bodymap.ui.printing.block_base import CAUTION_INK, INK, MUTED, RULE, BlockBuilder
from bodymap.ui.printing.text import WrappedText

__all__ = ["RoutineBlocks"]


class RoutineBlocks(BlockBuilder):
    """Blocks of the routine."""

    def group(self, heading: str, space_mm: float = 4.0) -> Block:
        return self._heading("group", heading, self.fonts.group, MUTED, 1.0, space_mm)

    def step(self, step: GuideStep, repeat_header: Block | None = None) -> Block:
        u = self.u
        crop_w, crop_h = u.mm(30), u.mm(38)
        gap = u.mm(4)
        text_x = crop_w + gap
        text_w = self.width - text_x
        badge = u.mm(7)
        title = self.text(step.title, self.fonts.step_title, text_w - badge - u.mm(2))
        facts = self.text(
            f"Tool: {step.tool}  ·  Position: {step.position.lower()}",
            self.fonts.bold,
            text_w,
        )
        timing = self.text(step.timing.capitalize() + ".", self.fonts.body, text_w)
        # what to do and what to beware of are printed whole, never cut to a number of lines
        how = self.text(step.how, self.fonts.body, text_w) if step.how else None
        cautions = [self.text(c, self.fonts.body, text_w - u.mm(4)) for c in step.cautions]
        line_gap = u.mm(1.2)
        parts: list[tuple[WrappedText, float, float, QColor]] = []
        y = max(title.height, badge) + line_gap
        for wrapped, indent, colour in (
            (facts, 0.0, INK),
            (timing, 0.0, INK),
            *(((how, 0.0, INK),) if how else ()),
            *((c, u.mm(4), CAUTION_INK) for c in cautions),
        ):
            parts.append((wrapped, y, indent, colour))
            y += wrapped.height + line_gap
        text_h = y - line_gap
        height = max(text_h, crop_h) + u.mm(3)

        def paint(painter: QPainter, rect: QRectF) -> None:
            crop = QRectF(rect.left(), rect.top() + u.mm(1), crop_w, crop_h)
            shown = self.drawing.paint_crop(
                painter, crop, step.view, step.muscle, step.side, step.sites
            )
            if shown:
                self._caption(painter, crop, f"{shown} view")
            painter.setPen(self._pen(RULE, 0.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(crop)
            left = rect.left() + text_x
            top = rect.top() + u.mm(1)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(INK)
            painter.drawRoundedRect(QRectF(left, top, badge, badge), u.mm(1.2), u.mm(1.2))
            painter.setPen(QColor("white"))
            painter.setFont(self.fonts.step_title)
            painter.drawText(
                QRectF(left, top, badge, badge), Qt.AlignmentFlag.AlignCenter, str(step.number)
            )
            painter.setPen(INK)
            title.draw(
                painter,
                left + badge + u.mm(2),
                top + (badge - title.height) / 2 if title.line_count == 1 else top,
            )
            for wrapped, dy, indent, colour in parts:
                painter.setPen(colour)
                if indent:  # a caution: a bold "!" in the margin it leaves
                    painter.setFont(self.fonts.bold)
                    painter.drawText(QPointF(left, top + dy + wrapped.first_baseline), "!")
                wrapped.draw(painter, left + indent, top + dy)
            painter.setPen(self._pen(RULE, 0.4))
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        return self._block(
            "step", height, paint, space_before=u.mm(2), ref=step, repeat_header=repeat_header
        )

    def _caption(self, painter: QPainter, box: QRectF, text: str) -> None:
        """A small label on a white tab in the bottom-left corner of a picture."""
        metrics_w = self.text(text, self.fonts.small, box.width()).natural_width
        pad = self.u.mm(0.8)
        h = self.u.pt(8.0) * 1.5
        tab = QRectF(box.left(), box.bottom() - h, metrics_w + 2 * pad, h)
        painter.fillRect(tab, QColor(255, 255, 255, 230))
        painter.setPen(MUTED)
        painter.setFont(self.fonts.small)
        painter.drawText(tab, Qt.AlignmentFlag.AlignCenter, text)
