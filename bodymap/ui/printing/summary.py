"""The one-page summary for a clinician: File → Export Summary and ``bodymap summary``.

One A4 or Letter page, vector: the diagrams with the numbered spots and the heat map of
the period, each spot's trend as a sparkline with its first, last, lowest and highest
reading, the likely sources (with the person's press-test answers), the routine, how often
they checked in, and the disclaimer from the knowledge files. Every user string is drawn as
plain text; figures are also written as numbers so the page reads in black and white.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPdfWriter, QPen

from bodymap.guide.summary import summary_content_for
from bodymap.history import HistoryTable, Period, period_means
from bodymap.history.summary import checkin_rate, spot_figures
from bodymap.ui.drawing.heat import paint_heat_view
from bodymap.ui.printing.diagram import DiagramPainter
from bodymap.ui.printing.pages import ensure_app, resolve_page_size, write_pdf

if TYPE_CHECKING:
    from bodymap.maps.model import TriggerPointMap

__all__ = ["write_summary_pdf"]


def _day(at: float) -> str:
    return datetime.fromtimestamp(at).strftime("%d %b %Y").lstrip("0")


class _Page:
    """Millimetre helpers and text drawing for one page."""

    def __init__(self, painter: QPainter, width: float, dpi: float) -> None:
        self.p = painter
        self.width = width
        self.px = dpi / 25.4

    def mm(self, value: float) -> float:
        return value * self.px

    def font(self, points: float, bold: bool = False) -> None:
        font = QFont("Helvetica")
        font.setPointSizeF(points)
        font.setBold(bold)
        self.p.setFont(font)

    def text(
        self,
        x: float,
        y: float,
        w: float,
        words: str,
        points: float = 8.5,
        bold: bool = False,
        colour: str = "#000000",
    ) -> float:
        """Wrapped plain text from (x, y) mm, ``w`` mm wide; returns the height used (mm)."""
        self.font(points, bold)
        self.p.setPen(QColor(colour))
        box = QRectF(self.mm(x), self.mm(y), self.mm(w), self.mm(400))
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(
            Qt.TextFlag.TextWordWrap
        )
        used = self.p.boundingRect(box, flags, words)
        self.p.drawText(box, flags, words)
        return used.height() / self.px


def _sparkline(page: _Page, box: QRectF, times: Any, values: Any, start: float, end: float) -> None:
    p = page.p
    p.setPen(QPen(QColor("#bbbbbb"), page.mm(0.15)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(box)
    if not len(times) or end <= start:
        return
    from bodymap.history.series import column_ranges

    columns = 60
    middle, _lows, _highs, means = column_ranges(times, values, start, end + 1, columns)
    points = [
        QPointF(
            box.left() + (t - start) / (end - start) * box.width(),
            box.bottom() - v / 10 * box.height(),
        )
        for t, v in zip(middle.tolist(), means.tolist(), strict=True)
    ]
    p.setPen(QPen(QColor("#000000"), page.mm(0.3)))
    if len(points) > 1:
        p.drawPolyline(points)
    elif points:
        p.drawEllipse(points[0], page.mm(0.4), page.mm(0.4))


def paint_summary(
    painter: QPainter,
    width: float,
    height: float,
    dpi: float,
    tpm: TriggerPointMap,
    start: float | None,
    end: float | None,
    today: date,
) -> None:
    """Paint the summary of ``tpm`` over ``start``–``end`` (POSIX seconds or None) on a
    page ``width`` × ``height`` device pixels at ``dpi``."""
    from bodymap.atlas import load_atlas
    from bodymap.knowledge import load_knowledge

    page = _Page(painter, width, dpi)
    W = width / page.px
    H = height / page.px
    knowledge = load_knowledge()
    atlas = load_atlas()
    table = HistoryTable.from_map(tpm).between(start, end)
    span = table.span()
    first = span[0] if span else (start or 0.0)
    last = span[1] if span else (end or 0.0)
    spots = list(tpm.spots)
    y = page.text(0, 0, W, f"Pain summary — {tpm.name}", 15, bold=True) + 1
    if span:  # the check-in rate says "no check-ins" itself, so it is left out without any
        period = f"{_day(first)} – {_day(last)}  ·  {checkin_rate(table).describe()}"
    else:
        period = "no check-ins in this period"
    y += page.text(0, y, W, f"Period: {period}  ·  made {today:%d %b %Y}", 8.5)
    y += 2
    # diagrams: numbered spots, then the period's heat map
    diagrams = DiagramPainter(atlas, knowledge)
    means = period_means(table, Period("", first, last)) if span else {}
    tall = 62.0
    quarter = W / 4
    for i, view in enumerate(("front", "back")):
        target = QRectF(page.mm(i * quarter), page.mm(y), page.mm(quarter), page.mm(tall))
        diagrams.paint_view(painter, target, view, spots=spots)
        heat = QRectF(page.mm((i + 2) * quarter), page.mm(y), page.mm(quarter), page.mm(tall))
        paint_heat_view(painter, heat, diagrams.painter_for(view), spots, means)
    page.text(
        0, y + tall, W / 2, "Spots as marked now (numbers as in the table)", 7, colour="#444444"
    )
    page.text(
        W / 2, y + tall, W / 2, "Mean pain over the period (0–10) by body area", 7, colour="#444444"
    )
    y += tall + 5
    # spots: sparkline and figures
    page.text(0, y, W, "Each spot over the period", 10, bold=True)
    y += 5
    row = 5.2
    footer = 20.0
    room = int((H - footer - y - 60) // row)
    said = summary_content_for(tpm)
    page.text(0, y, 70, "Spot", 7.5, bold=True)
    page.text(72, y, 50, "Trend", 7.5, bold=True)
    page.text(125, y, W - 125, "First · last · lowest · highest (readings)", 7.5, bold=True)
    y += row
    shown = 0
    for entry in said.spots:
        if shown >= room:
            break
        figures = spot_figures(table, entry.spot_id)
        kind = f" · {entry.kind}" if entry.kind else ""
        page.text(0, y, 70, f"{entry.number}. {entry.where}{kind}", 7.5)
        box = QRectF(page.mm(72), page.mm(y + 0.4), page.mm(50), page.mm(row - 1.4))
        if figures is None:
            page.text(125, y, W - 125, "no readings in this period", 7.5, colour="#444444")
        else:
            _sparkline(page, box, figures.times, figures.values, first, last)
            page.text(
                125,
                y,
                W - 125,
                f"{figures.first:.0f} · {figures.last:.0f} · {figures.low:.0f} · "
                f"{figures.high:.0f}  ({figures.count:,})",
                7.5,
            )
        y += row
        shown += 1
    if shown < len(said.spots):
        page.text(0, y, W, f"… and {len(said.spots) - shown} more spots (see the map file).", 7.5)
        y += row
    y += 3
    # sources and routine side by side
    top = y
    page.text(0, y, W / 2 - 4, "Muscles that commonly refer pain to these spots", 10, bold=True)
    y += 5.5
    for line in said.sources:
        y += page.text(0, y, W / 2 - 4, f"• {line}", 8) + 0.6
    y2 = top
    page.text(W / 2, y2, W / 2, "The routine they follow", 10, bold=True)
    y2 += 5.5
    for line in said.routine:
        y2 += page.text(W / 2, y2, W / 2, f"• {line}", 8) + 0.6
    if said.more_steps:
        y2 += page.text(W / 2, y2, W / 2, said.more_steps, 8)
    if said.held:  # what waits for the clinician's word (a tingling or numb place)
        y2 += 1.5
        y2 += page.text(W / 2, y2, W / 2, "Held for your check", 9, bold=True) + 0.6
        for line in said.held:
            y2 += page.text(W / 2, y2, W / 2, f"• {line}", 8) + 0.6
    # the warning signs the spots raise, in full, under both columns
    y = max(y, y2) + 3
    foot = H - footer
    if said.warnings and y + 11 < foot:
        page.text(0, y, W, "Warning signs raised by these spots", 10, bold=True, colour="#a01010")
        y += 5.5
        for k, line in enumerate(said.warnings):
            rest = len(said.warnings) - k
            if y + 9 > foot and rest > 1:  # no room for this one and the next
                page.text(0, y, W, f"… and {rest} more: see the rolling guide.", 8)
                break
            y += page.text(0, y, W, f"• {line}", 8) + 0.6
    # disclaimer at the foot of the page
    painter.setPen(QPen(QColor("#000000"), page.mm(0.25)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(0, page.mm(foot), width, page.mm(footer - 2)))
    page.text(2, foot + 1.5, W - 4, knowledge.disclaimer, 7.5)


def write_summary_pdf(
    tpm: TriggerPointMap,
    out: Path,
    *,
    page_size: str | None = None,
    start: float | None = None,
    end: float | None = None,
    today: date | None = None,
) -> None:
    """Write the one-page summary of ``tpm`` to ``out`` (atomically)."""
    ensure_app()
    resolve_page_size(page_size)

    def paint(writer: QPdfWriter) -> None:
        painter = QPainter(writer)
        paint_summary(
            painter,
            writer.width(),
            writer.height(),
            writer.resolution(),
            tpm,
            start,
            end,
            today or date.today(),
        )
        painter.end()

    write_pdf(out, page_size, f"Pain summary – {tpm.name}", paint)
