"""The guide's blocks: each one measured on the target device, then painted into its rect.

`GuideBlocks` turns the parts of a `GuideContent` into layout `Block`s whose payload is a
painter callable; `bodymap.ui.printing.renderer` flows them onto pages and calls the payloads.
Titles, headings, paragraphs, bullet lists and the body diagrams are made here; the spot
table comes from `bodymap.ui.printing.table` and the routine steps from `bodymap.ui.printing.steps`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPaintDevice, QPainter

from bodymap.guide.content import GuideContent
from bodymap.guide.layout import Block
from bodymap.maps import Spot
from bodymap.ui.drawing.legend import (
    fascia_items,
    legend_height,
    legend_items,
    paint_legend,
    painted_items,
)
from bodymap.ui.printing.block_base import BOX_FILL, INK, MUTED, RULE, BlockBuilder, Paint
from bodymap.ui.printing.diagram import DiagramPainter
from bodymap.ui.printing.steps import RoutineBlocks
from bodymap.ui.printing.table import SpotTableBlocks
from bodymap.ui.printing.text import WrappedText

__all__ = ["BOX_PEN_PT", "GuideBlocks", "ListItem", "Paint"]

BOX_PEN_PT = 0.6
"""The frame of a boxed list, in points."""


@dataclass(frozen=True)
class ListItem:
    """What one block of a bulleted list shows (its ``ref``): the item's text and place in
    the list, and whether the list is framed (its frame is closed at page breaks)."""

    text: str
    index: int
    count: int
    boxed: bool

    @property
    def first(self) -> bool:
        return self.index == 0

    @property
    def last(self) -> bool:
        return self.index == self.count - 1


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
        return self._heading("section", title, self.fonts.heading, INK, 2.0, space_mm, 0.5)

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
    ) -> list[Block]:
        """A bulleted list (``boxed``: framed and shaded), one block per item so a long
        list breaks across pages between items; ``tick_boxes`` draws an empty square to
        tick instead of each bullet (a checklist).

        The items of a boxed list join into one frame: the first draws its top edge and
        the last its bottom edge, and the renderer closes the frame where a page break
        cuts it (see `ListItem`). Heights add up to those of the list drawn whole.
        """
        pad = self.u.mm(3.0) if boxed else 0.0
        indent = self.u.mm(5.5 if tick_boxes else 4.0)
        inner = self.width - 2 * pad - indent
        texts = [self.text(item, self.fonts.body, inner) for item in items]
        gap = self.u.mm(1.2)
        count = len(texts)
        blocks: list[Block] = []
        for index, wrapped in enumerate(texts):
            first, last = index == 0, index == count - 1
            if boxed:  # the gap between items is shared by the two pieces of the frame
                above = pad if first else gap / 2
                below = pad if last else gap / 2
                space = self.u.mm(space_mm) if first else 0.0
            else:
                above = below = 0.0
                space = self.u.mm(space_mm) if first else gap
            item = ListItem(items[index], index, count, boxed)
            paint = self._bullet_painter(wrapped, item, above, pad, indent, tick_boxes)
            blocks.append(
                self._block(
                    kind, above + wrapped.height + below, paint, space_before=space, ref=item
                )
            )
        return blocks

    def _bullet_painter(
        self,
        wrapped: WrappedText,
        item: ListItem,
        above: float,
        pad: float,
        indent: float,
        tick_boxes: bool,
    ) -> Paint:
        def paint(painter: QPainter, rect: QRectF) -> None:
            if item.boxed:
                self._box_piece(painter, rect, top=item.first, bottom=item.last)
            y = rect.top() + above
            # A round bullet (or a box to tick) centred on the x-height of the first line.
            centre = QPointF(rect.left() + pad + self.u.mm(1.2), y + wrapped.first_baseline * 0.68)
            if tick_boxes:
                painter.setPen(self._pen(INK, 0.7))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                half = self.u.mm(1.3)
                painter.drawRect(QRectF(centre.x() - half, centre.y() - half, 2 * half, 2 * half))
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(INK)
                painter.drawEllipse(centre, self.u.mm(0.6), self.u.mm(0.6))
            painter.setPen(INK)
            wrapped.draw(painter, rect.left() + pad + indent, y)

        return paint

    def _box_piece(self, painter: QPainter, rect: QRectF, *, top: bool, bottom: bool) -> None:
        """One item's share of a list's frame: the shading and both sides, with the top
        and bottom edges only where the frame starts or ends."""
        frame = self._inset(rect, BOX_PEN_PT)
        y0 = frame.top() if top else rect.top()
        y1 = frame.bottom() if bottom else rect.bottom()
        painter.fillRect(QRectF(frame.left(), y0, frame.width(), y1 - y0), BOX_FILL)
        painter.setPen(self._pen(RULE, BOX_PEN_PT))
        painter.drawLine(QPointF(frame.left(), y0), QPointF(frame.left(), y1))
        painter.drawLine(QPointF(frame.right(), y0), QPointF(frame.right(), y1))
        if top:
            painter.drawLine(QPointF(frame.left(), y0), QPointF(frame.right(), y0))
        if bottom:
            painter.drawLine(QPointF(frame.left(), y1), QPointF(frame.right(), y1))

    def close_box(self, painter: QPainter, rect: QRectF, *, top: bool) -> None:
        """Close a list's frame cut by a page break: the top edge of ``rect`` when it opens
        a page (``top``), else its bottom edge, where the page ends."""
        frame = self._inset(rect, BOX_PEN_PT)
        y = frame.top() if top else frame.bottom()
        painter.setPen(self._pen(RULE, BOX_PEN_PT))
        painter.drawLine(QPointF(frame.left(), y), QPointF(frame.right(), y))

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
            content.diagram_caption,
            self.fonts.small,
            self.width,
        )
        # the legend's rows as tall as they are at this width on this device (a fixed
        # height let its third row print over the caption)
        # the grey fascia the figures draw, and a painted area's tint where the map has one
        # (a walk found them drawn in print but not named)
        items = legend_items() + fascia_items()
        if any(getattr(spot, "area", None) is not None for spot in spots):
            items += painted_items()
        key_h = legend_height(self.width, self.fonts.small, self.device, items) + self.u.mm(1.5)

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
            paint_legend(
                painter, key, self.fonts.small, monochrome=self.drawing.monochrome, items=items
            )
            painter.setPen(MUTED)
            legend.draw(painter, rect.left(), rect.bottom() - legend.height)

        return self._block("diagrams", height, paint, space_before=self.u.mm(3))
