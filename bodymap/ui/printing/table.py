"""The guide's spot table: a header and one row per spot, numbered as on the diagrams.

A row carries the spot's numbered, intensity-filled marker, where it is, its pain and its
note; a spot over a place not to roll shows that caution above the note in the caution ink,
and a spot the chosen routine length left out says so there in the ordinary ink (it is not
a safety text). Rows repeat the header when the table runs onto a new page.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

from bodymap.guide.content import SpotRow
from bodymap.guide.layout import Block
from bodymap.ui.drawing.palette import intensity_colour, text_colour_on
from bodymap.ui.printing.block_base import CAUTION_INK, INK, MUTED, RULE, BlockBuilder

__all__ = ["SpotTableBlocks"]


class SpotTableBlocks(BlockBuilder):
    """Blocks of the spot table."""

    def _columns(self) -> list[tuple[str, float]]:
        u = self.u
        fixed = [("#", u.mm(9)), ("View", u.mm(13)), ("Where", u.mm(44)), ("Pain", u.mm(28))]
        note = self.width - sum(w for _, w in fixed)
        # a caution under a plain "Note" heading read as the person's own words
        return [*fixed, ("Caution · your note", note)]

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
            # "–" only for a cell with nothing in it: under a caution it read as a stray mark
            self.text(
                row.note or ("" if row.caution or row.left_out else "–"),
                self.fonts.body,
                inner[4],
                max_lines=2,
            ),
        ]
        # above the note: the spot's caution (in the caution ink), then what the routine
        # length left out; both when both apply, so a left-out note never hides a caution
        leads = [
            (self.text(text, self.fonts.small_bold, inner[4]), ink)
            for text, ink in ((row.caution, CAUTION_INK), (row.left_out, INK))
            if text
        ]
        note_top = sum(lead.height + self.u.mm(0.8) for lead, _ in leads)
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
                if index == 3:
                    for lead, ink in leads:
                        painter.setPen(ink)
                        lead.draw(painter, x, top)
                        top += lead.height + self.u.mm(0.8)
                    painter.setPen(INK)
                if cell is not None:
                    cell.draw(painter, x, top)
                x += w
            painter.setPen(self._pen(RULE, 0.3))
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        return self._block("spot_row", height, paint, repeat_header=header, ref=row)

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
