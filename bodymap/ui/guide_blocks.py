"""The guide's blocks: each one measured on the target device, then painted into its rect.

`GuideBlocks.build(content)` turns a `GuideContent` into layout `Block`s whose payload is a
painter callable; `bodymap.ui.guide` flows them onto pages and calls the payloads. All sizes
are in device pixels derived from millimetres and points, so the same code lays out an
A4 PDF at 1200 dpi and a Letter printer at 600 dpi identically.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPaintDevice, QPainter, QPen

from bodymap.ui.guide_content import GuideContent, GuideStep, SpotRow
from bodymap.ui.guide_diagram import DiagramPainter
from bodymap.ui.guide_layout import Block
from bodymap.ui.guide_text import Fonts, WrappedText
from bodymap.ui.palette import intensity_colour, text_colour_on

__all__ = ["GuideBlocks", "Paint"]

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


class GuideBlocks:
    """Builds measured blocks for one device and content width."""

    def __init__(self, device: QPaintDevice, width: float, diagrams: DiagramPainter) -> None:
        self.device = device
        self.width = width
        self.u = Units(float(device.logicalDpiY()))
        self.fonts = Fonts()
        self.drawing = diagrams

    # -- helpers ---------------------------------------------------------------------------
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

    def _marker(self, painter: QPainter, centre: QPointF, number: int, intensity: int) -> None:
        """A numbered disc filled by intensity (its lightness reads in greyscale too)."""
        radius = self.u.mm(2.6)
        fill = intensity_colour(intensity)
        painter.setPen(self._pen(INK, 0.6))
        painter.setBrush(fill)
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(text_colour_on(fill))
        painter.setFont(self.fonts.marker)
        box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(number))

    # -- blocks ----------------------------------------------------------------------------
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
        self, kind: str, items: Sequence[str], boxed: bool = False, space_mm: float = 2.0
    ) -> Block:
        pad = self.u.mm(3.0) if boxed else 0.0
        indent = self.u.mm(4.0)
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

    def diagrams(self, content: GuideContent, spots: Sequence[object], height_mm: float) -> Block:
        height = self.u.mm(height_mm)
        label_h = self.text("Front", self.fonts.group, self.width).height
        legend = self.text(
            "Numbered discs: your spots (darker = more intense). "
            "Blue shading: where to roll. Sides are the person's own (R, L).",
            self.fonts.small,
            self.width,
        )

        def paint(painter: QPainter, rect: QRectF) -> None:
            gap = self.u.mm(6)
            panel_w = (rect.width() - gap) / 2
            figure_h = rect.height() - label_h - legend.height - self.u.mm(3)
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
            painter.setPen(MUTED)
            legend.draw(painter, rect.left(), rect.bottom() - legend.height)

        return self._block("diagrams", height, paint, space_before=self.u.mm(3))

    # -- spot table ------------------------------------------------------------------------
    def _columns(self) -> list[tuple[str, float]]:
        u = self.u
        fixed = [("#", u.mm(9)), ("View", u.mm(13)), ("Where", u.mm(44)), ("Pain", u.mm(28))]
        note = self.width - sum(w for _, w in fixed)
        return [*fixed, ("Note", note)]

    def table_header(self) -> Block:
        cols = self._columns()
        labels = [self.text(name, self.fonts.small_bold, w) for name, w in cols]
        height = max(t.height for t in labels) + self.u.mm(2.0)

        def paint(painter: QPainter, rect: QRectF) -> None:
            x = rect.left()
            painter.setPen(MUTED)
            for (_, w), label in zip(cols, labels, strict=True):
                label.draw(painter, x, rect.top() + self.u.mm(0.6))
                x += w
            painter.setPen(self._pen(INK, 0.6))
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        return self._block("table_header", height, paint, keep_with_next=True)

    def spot_row(self, row: SpotRow, header: Block) -> Block:
        cols = self._columns()
        pad = self.u.mm(1.2)
        inner = [w - self.u.mm(2) for _, w in cols]
        cells = [
            None,
            self.text(row.view.capitalize(), self.fonts.body, inner[1]),
            self.text(row.where, self.fonts.body, inner[2], max_lines=2),
            self.text(f"{row.intensity}/10 {row.kind}", self.fonts.body, inner[3], max_lines=2),
            self.text(row.note or "–", self.fonts.body, inner[4], max_lines=2),
        ]
        caution = (
            self.text(row.caution, self.fonts.small_bold, inner[4], max_lines=2)
            if row.caution
            else None
        )
        note_top = caution.height + self.u.mm(0.8) if caution else 0.0
        last = cells[4]
        assert last is not None
        text_h = max(*(c.height for c in cells[1:4] if c is not None), note_top + last.height)
        height = max(text_h, self.u.mm(5.4)) + 2 * pad

        def paint(painter: QPainter, rect: QRectF) -> None:
            x = rect.left()
            self._marker(
                painter,
                QPointF(x + self.u.mm(3.2), rect.top() + pad + self.u.mm(2.7)),
                row.number,
                row.intensity,
            )
            x += cols[0][1]
            painter.setPen(INK)
            for index, ((_, w), cell) in enumerate(zip(cols[1:], cells[1:], strict=True)):
                top = rect.top() + pad
                if index == 3 and caution is not None:
                    painter.setPen(CAUTION_INK)
                    caution.draw(painter, x, top)
                    painter.setPen(INK)
                    top += note_top
                if cell is not None:
                    cell.draw(painter, x, top)
                x += w
            painter.setPen(self._pen(RULE, 0.3))
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        return self._block("spot_row", height, paint, repeat_header=header, ref=row)

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

    # -- routine ---------------------------------------------------------------------------
    def group(self, heading: str, space_mm: float = 4.0) -> Block:
        text = self.text(heading, self.fonts.group, self.width)
        height = text.height + self.u.mm(1.0)

        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.setPen(MUTED)
            text.draw(painter, rect.left(), rect.top())

        return self._block("group", height, paint, keep_with_next=True, space_before=self.u.mm(4))

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
        how = self.text(step.how, self.fonts.body, text_w, max_lines=8) if step.how else None
        cautions = [
            self.text(c, self.fonts.body, text_w - u.mm(4), max_lines=4) for c in step.cautions
        ]
        line_gap = u.mm(1.2)
        parts: list[tuple[WrappedText, float, QColor]] = []
        y = max(title.height, badge) + line_gap
        for wrapped, indent, colour in (
            (facts, 0.0, INK),
            (timing, 0.0, INK),
            *(((how, 0.0, INK),) if how else ()),
            *((c, u.mm(4), CAUTION_INK) for c in cautions),
        ):
            parts.append((wrapped, y, colour))
            y += wrapped.height + line_gap
            _ = indent
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
            for wrapped, dy, colour in parts:
                painter.setPen(colour)
                if colour == CAUTION_INK:
                    painter.setFont(self.fonts.bold)
                    painter.drawText(QPointF(left, top + dy + wrapped.first_baseline), "!")
                    wrapped.draw(painter, left + u.mm(4), top + dy)
                else:
                    wrapped.draw(painter, left, top + dy)
            painter.setPen(self._pen(RULE, 0.4))
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        return self._block(
            "step", height, paint, space_before=u.mm(2), ref=step, repeat_header=repeat_header
        )
