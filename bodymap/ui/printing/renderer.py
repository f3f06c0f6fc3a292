"""Lay out and paint the guide: `GuideRenderer` measures the guide's blocks on the target
paint device (a `QPdfWriter` or a `QPrinter`), flows them onto pages with
`bodymap.guide.layout` and paints each page with its footer.

One renderer serves the PDF, the printout and the preview, so the three are the same
document. Output is vector: text stays text, lines stay lines.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPaintDevice, QPainter, QPen

from bodymap.guide.content import GuideContent, guide_content_for
from bodymap.guide.layout import Block, Flow, flow_blocks
from bodymap.ui.printing.block_base import MUTED, RULE
from bodymap.ui.printing.blocks import GuideBlocks, ListItem
from bodymap.ui.printing.diagram import DiagramPainter

if TYPE_CHECKING:
    from bodymap.maps.model import TriggerPointMap
    from bodymap.maps.values import Spot

__all__ = ["FOOTER_MM", "GuideRenderer", "paint_document"]

FOOTER_MM = 8.0


class GuideRenderer:
    """Lays out and paints the guide for one map onto any paged paint device."""

    def __init__(
        self,
        content: GuideContent,
        spots: Sequence[Spot],
        device: QPaintDevice,
        *,
        monochrome: bool = False,
    ) -> None:
        from bodymap.atlas import load_atlas
        from bodymap.knowledge import load_knowledge

        self.content = content
        self.spots = list(spots)
        self.device = device
        self.diagrams = DiagramPainter(load_atlas(), load_knowledge(), monochrome=monochrome)
        self.blocks = GuideBlocks(device, float(device.width()), self.diagrams)
        u = self.blocks.u
        self.footer_height = u.mm(FOOTER_MM)
        self.content_height = float(device.height()) - self.footer_height
        self.flow: Flow = flow_blocks(self._build(), self.content_height)

    # -- what goes where -------------------------------------------------------------------
    def _build(self) -> list[Block]:
        b, c = self.blocks, self.content
        steps = c.steps
        summary = [c.profile, c.date_text]
        areas = sum(1 for spot in self.spots if spot.area is not None)
        points = len(self.spots) - areas
        if points:
            summary.append(f"{points} spot{'s' if points != 1 else ''}")
        if areas:
            summary.append(f"{areas} painted area{'s' if areas != 1 else ''}")
        if steps:
            summary.append(f"{len(steps)} routine step{'s' if len(steps) != 1 else ''}")
        blocks = [b.title(c, "  ·  ".join(summary))]
        if c.spots:
            blocks.append(b.diagrams(c, self.spots, height_mm=self._diagram_height_mm()))
            blocks.append(b.section("Your spots", space_mm=4))
            header = b.table.table_header()
            blocks.append(header)
            blocks.extend(b.table.spot_row(row, header) for row in c.spots)
        else:
            blocks.append(
                b.paragraph(
                    "intro",
                    "Your map has no spots yet. Mark where it hurts in bodymap and print "
                    "again for a routine made for you. Until then, these basics apply to "
                    "every session.",
                    space_mm=5,
                )
            )
        if steps:
            routine = b.section("Your routine")
            blocks.append(dataclasses.replace(routine, page_break_before=True))
            blocks.append(
                b.paragraph(
                    "intro",
                    c.routine_intro,
                    font=b.fonts.small,
                )
            )
            for group in c.groups:
                blocks.append(b.routine.group(group.heading))
                again = b.routine.group(f"{group.heading} (continued)", space_mm=0)
                blocks.extend(b.routine.step(step, repeat_header=again) for step in group.steps)
            blocks.append(b.paragraph("total", c.total_text, font=b.fonts.bold, space_mm=4))
            if c.left_out:
                blocks.append(b.paragraph("left_out", c.left_out, space_mm=2))
            if c.session is not None:
                blocks.append(b.section(c.session.title, space_mm=6))
                blocks.append(
                    dataclasses.replace(
                        b.paragraph("session_note", c.session.note, space_mm=0),
                        keep_with_next=True,
                    )
                )
                blocks.extend(b.bullets("session", c.session.lines, tick_boxes=True))
            if c.quick_lines:
                blocks.append(b.section(c.quick_title, space_mm=6))
                blocks.append(
                    dataclasses.replace(
                        b.paragraph("quick_note", c.quick_note, space_mm=0), keep_with_next=True
                    )
                )
                blocks.extend(b.bullets("quick", c.quick_lines))
        if c.not_rolled:
            blocks.append(b.section("Do not roll these: do this instead"))
            blocks.extend(b.bullets("not_rolled", c.not_rolled, boxed=True))
        blocks.append(b.section("How to roll"))
        blocks.extend(b.bullets("advice", c.advice))
        blocks.append(b.section(c.clinician_title or "When to see a clinician"))
        blocks.extend(b.bullets("red_flags", c.red_flags, boxed=True))
        if c.clinician:
            blocks.extend(b.bullets("clinician", c.clinician))
        if c.contraindications:
            blocks.append(b.section(c.contraindications_title, space_mm=4))
            blocks.extend(b.bullets("contraindications", c.contraindications))
        blocks.append(b.boxed_paragraph("disclaimer", "About this guide", c.disclaimer))
        return blocks

    def _diagram_height_mm(self) -> float:
        """Tall diagrams for a few spots; shorter ones leave room for a long spot table."""
        page_mm = self.content_height / self.blocks.u.mm(1)
        return max(110.0, min(140.0, page_mm * 0.52))

    # -- painting --------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self.flow.page_count

    def content_rect(self) -> QRectF:
        return QRectF(0.0, 0.0, float(self.device.width()), self.content_height)

    def paint(self, painter: QPainter, new_page: Callable[[], object]) -> None:
        """Paint every page; ``new_page()`` advances the device between pages."""
        width = float(self.device.width())
        for page in range(self.flow.page_count):
            if page:
                new_page()
            for placement in self.flow.on_page(page):
                rect = QRectF(0.0, placement.top, width, placement.block.height)
                painter.save()
                painter.setClipRect(rect.adjusted(-2, -2, 2, 2))
                paint = cast(Callable[[QPainter, QRectF], None], placement.block.payload)
                paint(painter, rect)
                painter.restore()
            self._close_cut_boxes(painter, page)
            self._footer(painter, page)

    def _close_cut_boxes(self, painter: QPainter, page: int) -> None:
        """Close the frame of a boxed list that a page break cuts: at the bottom of the page
        it runs off and at the top of the page it runs onto."""
        placed = self.flow.on_page(page)
        if not placed:
            return
        width = float(self.device.width())
        for placement, top in ((placed[0], True), (placed[-1], False)):
            item = placement.block.ref
            if not isinstance(item, ListItem) or not item.boxed:
                continue
            if item.first if top else item.last:
                continue  # the item draws that edge itself
            rect = QRectF(0.0, placement.top, width, placement.block.height)
            self.blocks.close_box(painter, rect, top=top)

    def _footer(self, painter: QPainter, page: int) -> None:
        b = self.blocks
        top = self.content_height + b.u.mm(2.5)
        width = float(self.device.width())
        pen = QPen(RULE)
        pen.setWidthF(b.u.pt(0.4))
        painter.setPen(pen)
        painter.drawLine(QPointF(0, top), QPointF(width, top))
        painter.setPen(MUTED)
        painter.setFont(b.fonts.small)
        box = QRectF(0, top + b.u.mm(1), width, self.footer_height - b.u.mm(3.5))
        painter.drawText(
            box,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{self.content.title} · {self.content.profile}",
        )
        painter.drawText(
            box,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"page {page + 1} of {self.flow.page_count}",
        )


def paint_document(
    device: QPagedPaintDevice,
    tpm: TriggerPointMap,
    monochrome: bool = False,
    length: str = "standard",
    session: str | None = None,
) -> GuideRenderer:
    """Paint the whole guide for ``tpm`` onto a paged ``device`` and return its renderer;
    ``session`` (a preset name) adds that session's timed checklist."""
    content = guide_content_for(tpm, length=length, session=session)
    renderer = GuideRenderer(content, tpm.spots, device, monochrome=monochrome)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot start drawing the guide (is the file or printer writable?)")
    try:
        renderer.paint(painter, device.newPage)
    finally:
        painter.end()
    return renderer
