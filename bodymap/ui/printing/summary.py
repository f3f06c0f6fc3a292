"""The summary for a clinician: File → Export Summary and ``bodymap summary``.

One A4 or Letter page for an ordinary map, vector: the diagrams with the numbered spots and
painted areas and the heat map of the period, read with one pain colour scale under them
(no hatched no-roll zones: these diagrams are about pain), each spot's trend as a
sparkline with its first, last, lowest and highest reading, the likely sources (with the
person's press-test answers), the routine, the places held for the clinician's check,
every warning sign the spots raise (the most urgent first,
`bodymap.guide.summary.flag_urgency`), how often they checked in, and
the disclaimer from the knowledge files. Every list is measured before it is drawn: nothing
is drawn over the disclaimer box or off the page, and warning signs or held places that do
not fit continue on a next page (each page with the disclaimer) rather than being left
out. Every user string is drawn as plain text; figures are also written as numbers so the
page reads in black and white.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPdfWriter, QPen

from bodymap.guide.summary import summary_content_for
from bodymap.history import HistoryTable, Period, period_means
from bodymap.history.figures import checkin_rate, spot_figures
from bodymap.history.series import FloatArray
from bodymap.ui.drawing.heat import (
    HEAT_ALPHA,
    UNREAD_NOTE,
    paint_heat_scale,
    paint_heat_view,
    unread,
)
from bodymap.ui.drawing.lines import joined_pairs, lone_points
from bodymap.ui.printing.diagram import DiagramPainter
from bodymap.ui.printing.pages import ensure_app, resolve_page_size, write_pdf
from bodymap.words import user_text

if TYPE_CHECKING:
    from bodymap.guide.summary import SummaryContent
    from bodymap.maps.model import TriggerPointMap

__all__ = ["Placed", "SummaryLayout", "paint_summary", "write_summary_pdf"]


def _day(at: float) -> str:
    return datetime.fromtimestamp(at).strftime("%d %b %Y").lstrip("0")


@dataclass(frozen=True)
class Placed:
    """A piece of text drawn on the summary: its page (from 0), its box in millimetres
    from the top left of the printable area, what it says, and its part ("warning",
    "held", "disclaimer", ...)."""

    page: int
    rect: QRectF
    text: str
    role: str = ""


@dataclass
class SummaryLayout:
    """Where the summary drew its text, page by page, for tests and checks: nothing may
    reach into the disclaimer box at the foot of each page or below the page."""

    width: float
    height: float
    """The printable area in millimetres."""
    foot: float
    """Where the disclaimer box starts (mm from the top): text above, the box below."""
    pages: int = 1
    placed: list[Placed] = field(default_factory=list)

    def texts(self, role: str) -> list[str]:
        return [item.text for item in self.placed if item.role == role]


class _Page:
    """Millimetre helpers and text drawing for one page."""

    def __init__(self, painter: QPainter, width: float, dpi: float, layout: SummaryLayout) -> None:
        self.p = painter
        self.width = width
        self.px = dpi / 25.4
        self.layout = layout
        self.page = 0

    def mm(self, value: float) -> float:
        return value * self.px

    def font(self, points: float, bold: bool = False) -> None:
        font = QFont("Helvetica")
        font.setPointSizeF(points)
        font.setBold(bold)
        self.p.setFont(font)

    _FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(
        Qt.TextFlag.TextWordWrap
    )

    def measure(self, w: float, words: str, points: float = 8.5, bold: bool = False) -> float:
        """The height (mm) ``words`` take wrapped ``w`` mm wide, without drawing them."""
        self.font(points, bold)
        box = QRectF(0, 0, self.mm(w), self.mm(400))
        return self.p.boundingRect(box, self._FLAGS, words).height() / self.px

    def text(
        self,
        x: float,
        y: float,
        w: float,
        words: str,
        points: float = 8.5,
        bold: bool = False,
        colour: str = "#000000",
        role: str = "",
    ) -> float:
        """Wrapped plain text from (x, y) mm, ``w`` mm wide; returns the height used (mm)."""
        self.font(points, bold)
        self.p.setPen(QColor(colour))
        box = QRectF(self.mm(x), self.mm(y), self.mm(w), self.mm(400))
        used = self.p.boundingRect(box, self._FLAGS, words)
        self.p.drawText(box, self._FLAGS, words)
        rect = QRectF(
            used.x() / self.px, used.y() / self.px, used.width() / self.px, used.height() / self.px
        )
        self.layout.placed.append(Placed(self.page, rect, words, role))
        return rect.height()


def _sparkline(
    page: _Page, box: QRectF, times: FloatArray, values: FloatArray, start: float, end: float
) -> None:
    p = page.p
    p.setPen(QPen(QColor("#bbbbbb"), page.mm(0.15)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(box)
    if not len(times) or end <= start:
        return
    from bodymap.history.series import column_joins, column_ranges

    columns = 60
    middle, _lows, _highs, means = column_ranges(times, values, start, end + 1, columns)
    joins = column_joins(times, start, end + 1, columns).tolist()
    points = [
        QPointF(
            box.left() + (t - start) / (end - start) * box.width(),
            box.bottom() - v / 10 * box.height(),
        )
        for t, v in zip(middle.tolist(), means.tolist(), strict=True)
    ]
    # as in the History: broken where the spot went more than two weeks without a reading
    p.setPen(QPen(QColor("#000000"), page.mm(0.3)))
    p.drawLines(joined_pairs(points, joins))
    for point in lone_points(points, joins):
        p.drawEllipse(point, page.mm(0.4), page.mm(0.4))


def paint_summary(
    painter: QPainter,
    width: float,
    height: float,
    dpi: float,
    tpm: TriggerPointMap,
    start: float | None,
    end: float | None,
    today: date,
    new_page: Callable[[], object] | None = None,
) -> SummaryLayout:
    """Paint the summary of ``tpm`` over ``start``–``end`` (POSIX seconds or None) on a
    page ``width`` × ``height`` device pixels at ``dpi``, and say where the text went.

    Everything fits on one page for an ordinary map. When the warning signs do not, the
    ones left over continue on the next page (``new_page`` starts it), so none is ever left
    out, and so do the places held for the clinician's check; each page ends with the
    disclaimer. Without ``new_page`` a second page is an error."""
    from bodymap.atlas import load_atlas
    from bodymap.knowledge import load_knowledge

    px = dpi / 25.4
    W = width / px
    H = height / px
    layout = SummaryLayout(W, H, H - FOOTER)
    page = _Page(painter, width, dpi, layout)
    knowledge = load_knowledge()
    atlas = load_atlas()
    table = HistoryTable.from_map(tpm).between(start, end)
    span = table.span()
    first = span[0] if span else (start or 0.0)
    last = span[1] if span else (end or 0.0)
    spots = list(tpm.spots)
    y = page.text(0, 0, W, f"Pain summary — {user_text(tpm.name)}", 15, bold=True) + 1
    if span:  # the check-in rate says "no check-ins" itself, so it is left out without any
        period = f"{_day(first)} – {_day(last)}  ·  {checkin_rate(table).describe()}"
    else:
        period = "no check-ins in this period"
    y += page.text(0, y, W, f"Period: {period}  ·  made {today.day} {today:%b %Y}", 8.5)
    y += 2
    # diagrams: numbered spots, then the period's heat map; both about pain, so the places
    # not to roll (the rolling guide's hatching) are left out, and painted areas are filled
    # as strongly as the heat map so one colour scale reads both
    diagrams = DiagramPainter(atlas, knowledge)
    means = period_means(table, Period("", first, last)) if span else {}
    tall = DIAGRAM_HEIGHT
    quarter = W / 4
    for i, view in enumerate(("front", "back")):
        target = QRectF(page.mm(i * quarter), page.mm(y), page.mm(quarter), page.mm(tall))
        diagrams.paint_view(
            painter, target, view, spots=spots, cautions=False, area_alpha=AREA_FILL
        )
        heat = QRectF(page.mm((i + 2) * quarter), page.mm(y), page.mm(quarter), page.mm(tall))
        paint_heat_view(painter, heat, diagrams.painter_for(view), spots, means)
    left = page.text(
        0,
        y + tall,
        W / 2,
        "Spots and painted areas as marked now (numbers as in the table)",
        7,
        colour="#444444",
        role="caption",
    )
    right = page.text(
        W / 2,
        y + tall,
        W / 2,
        "Mean pain over the period (0–10) by body area, painted areas as painted"
        + (f"; {UNREAD_NOTE}" if means and unread(spots, means) else ""),
        7,
        colour="#444444",
        role="caption",
    )
    y += tall + max(3.5, left + 0.5, right + 0.5)  # a caption of two lines pushes on
    scale = QRectF(page.mm(0), page.mm(y), page.mm(110), page.mm(SCALE_HEIGHT))
    paint_heat_scale(painter, scale, title="Colour: pain (0–10), on both diagrams")
    layout.placed.append(Placed(page.page, QRectF(0, y, 110, SCALE_HEIGHT), "scale", "legend"))
    page.text(
        112,
        y + 0.8,
        W - 112,
        "Places not to roll are not drawn here: see the rolling guide.",
        7,
        colour="#444444",
        role="legend",
    )
    y += SCALE_HEIGHT + 3
    # spots: sparkline and figures
    page.text(0, y, W, "Each spot over the period", 10, bold=True)
    y += 5
    row = 5.2
    # room under the table for the columns and the first, most urgent warning signs
    room = int((H - FOOTER - y - 75) // row)
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
        if figures is None:  # the pain as marked now still tells the clinician something
            now = f" · marked {entry.intensity}/10 now" if entry.intensity is not None else ""
            page.text(125, y, W - 125, f"no readings in this period{now}", 7.5, colour="#444444")
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
    _paint_lists(page, said, y, user_text(tpm.name), knowledge.disclaimer, new_page)
    return layout


AREA_FILL = round(HEAT_ALPHA * 255)
"""How strongly the summary fills a painted area: as the heat map fills, so the scale under
both diagrams gives its intensity."""
SCALE_HEIGHT = 5.0
DIAGRAM_HEIGHT = 56.0
"""The body diagrams' height (mm): low enough that the colour scale under them leaves a
one-page summary its room (the desk worker's on US Letter)."""
"""The colour scale under the diagrams (mm)."""
FOOTER = 20.0
"""The band at the foot of each page (mm) that holds the disclaimer box."""
BULLET = 8.0
"""The lists' type size (points)."""
GAP = 0.6
"""Space under each list item (mm)."""
HEADING = 5.5
"""Height of a 10 pt section heading with its space (mm)."""


_ORDER = "(ordered by the most urgent care each can call for)"
"""How the warning signs are ordered, said in their heading (`flag_urgency`)."""
_HELD_LATER = "listed on the next page, after the warning signs."


def _fit(
    page: _Page,
    w: float,
    lines: Sequence[str],
    top: float,
    bottom: float,
    more: float | None = None,
) -> int:
    """How many of ``lines`` (bullets ``w`` mm wide) fit between ``top`` and ``bottom``
    with room left for a "… and N more" line (``more`` mm; one line by default) under them
    when some do not."""
    if more is None:
        more = page.measure(w, "… and 99 more", BULLET) + GAP
    y = top
    for shown, line in enumerate(lines):
        y += page.measure(w, f"• {line}", BULLET) + GAP
        if y + (more if shown < len(lines) - 1 else 0.0) > bottom:
            return shown
    return len(lines)


def _bullets(page: _Page, x: float, y: float, w: float, lines: Sequence[str], role: str) -> float:
    """Draw ``lines`` as bullets from ``y``; returns the y under the last one."""
    for line in lines:
        y += page.text(x, y, w, f"• {line}", BULLET, role=role) + GAP
    return y


def _height(page: _Page, w: float, lines: Sequence[str]) -> float:
    return sum(page.measure(w, f"• {line}", BULLET) + GAP for line in lines)


def _disclaimer(page: _Page, words: str) -> None:
    """The disclaimer box at the foot of the current page."""
    foot = page.layout.foot
    page.p.setPen(QPen(QColor("#000000"), page.mm(0.25)))
    page.p.setBrush(Qt.BrushStyle.NoBrush)
    page.p.drawRect(QRectF(0, page.mm(foot), page.width, page.mm(FOOTER - 2)))
    page.text(2, foot + 1.5, page.layout.width - 4, words, 7.5, role="disclaimer")


def _paint_lists(
    page: _Page,
    said: SummaryContent,
    y: float,
    name: str,
    disclaimer: str,
    new_page: Callable[[], object] | None,
) -> None:
    """The likely sources and the routine side by side, the places held for the
    clinician's check under the routine, then every warning sign, most urgent first, under
    both columns; then the disclaimer. What does not fit above the disclaimer continues on
    the next page: the warning signs first, then the held places."""
    W = page.layout.width
    foot = page.layout.foot
    half = W / 2 - 4
    top = y
    page.text(0, y, half, "Muscles that commonly refer pain to these spots", 10, bold=True)
    y += HEADING
    shown = _fit(page, half, said.sources, y, foot)
    y = _bullets(page, 0, y, half, said.sources[:shown], "source")
    if shown < len(said.sources):
        left = len(said.sources) - shown
        y += page.text(0, y, half, f"… and {left} more: see the rolling guide", 8, role="more")
    y2 = top
    page.text(W / 2, y2, W / 2, "The routine they follow", 10, bold=True)
    y2 += HEADING
    steps = said.routine
    shown = _fit(page, W / 2, steps, y2, foot - (4.0 if said.more_steps else 0.0))
    y2 = _bullets(page, W / 2, y2, W / 2, steps[:shown], "routine")
    if shown < len(steps):
        more = len(steps) - shown + said.steps_left
        words = f"… {more} more steps: see the rolling guide"
        y2 += page.text(W / 2, y2, W / 2, words, 8, role="more")
    elif said.more_steps:
        y2 += page.text(W / 2, y2, W / 2, said.more_steps, 8, role="more")
    # what waits for the clinician's word (a tingling or numb place), under the routine:
    # all of it when the warning signs still fit under both columns, else what leaves them
    # room, the rest on the next page
    warnings_height = HEADING + _height(page, W, said.warnings) if said.warnings else 0.0
    held_rest: Sequence[str] = ()
    held_more = y2
    if said.held:
        y2 += 1.5
        heading = page.measure(W / 2, "Held for your check", 9, bold=True) + GAP
        more_line = page.measure(W / 2, f"… and {len(said.held)} more: {_HELD_LATER}", 8) + GAP
        whole = heading + _height(page, W / 2, said.held)
        if max(y, y2 + whole) + 3 + warnings_height <= foot:
            bottom = foot
        else:
            bottom = min(foot, max(foot - 3 - warnings_height, y2 + heading + more_line))
        y2 += page.text(W / 2, y2, W / 2, "Held for your check", 9, bold=True) + GAP
        shown = _fit(page, W / 2, said.held, y2, bottom, more_line)
        y2 = _bullets(page, W / 2, y2, W / 2, said.held[:shown], "held")
        held_rest = said.held[shown:]
        held_more = y2  # its "… and N more" line, worded once the warning signs are placed
        if held_rest:
            y2 += more_line
    # the warning signs the spots raise, in full, the most urgent first, under both columns
    y = max(y, y2) + 3
    warn_rest: Sequence[str] = ()
    title = "Warning signs raised by these spots"
    more_line = page.measure(W, "… and 99 more", BULLET) + GAP
    if said.warnings and y + HEADING + more_line > foot:  # not even the heading: all overleaf
        warn_rest = said.warnings
    elif said.warnings:
        # ordered by the most urgent care a sign's text can call for: weight loss is asked
        # about within a week, but at once with cancer and new weakness (a walk read its
        # place among the emergencies as a mistake under "the most urgent first")
        page.text(0, y, W, f"{title} {_ORDER}", 10, bold=True, colour="#a01010")
        y += HEADING
        shown = _fit(page, W, said.warnings, y, foot)
        y = _bullets(page, 0, y, W, said.warnings[:shown], "warning")
        warn_rest = said.warnings[shown:]
        if warn_rest:
            count = f"… and {len(warn_rest)} more" if shown else str(len(warn_rest))
            signs = "warning sign" if len(warn_rest) == 1 else "warning signs"
            words = f"{count} {signs}: continued on the next page."
            y += page.text(0, y, W, words, 8, bold=True, colour="#a01010", role="more")
    if held_rest:  # under its column, which the "more" line was left room for
        later = _HELD_LATER if warn_rest else "listed on the next page."
        if len(held_rest) == len(said.held):
            places = "place" if len(held_rest) == 1 else "places"
            words = f"{len(held_rest)} {places}: {later}"
        else:
            words = f"… and {len(held_rest)} more: {later}"
        page.text(W / 2, held_more, W / 2, words, 8, role="more")
    _disclaimer(page, disclaimer)
    # the continuation pages: the warning signs left over, then the held places
    sections = (
        (f"{title}, continued {_ORDER}", warn_rest, "warning", "#a01010"),
        ("Held for your check, continued", held_rest, "held", "#000000"),
    )
    if not (warn_rest or held_rest):
        return
    y = _next_page(page, name, disclaimer, new_page, first=True)
    for section, lines, role, colour in sections:
        if not lines:
            continue
        first = page.measure(W, f"• {lines[0]}", BULLET) + GAP
        if y + HEADING + first > foot:
            y = _next_page(page, name, disclaimer, new_page)
        y += 2
        page.text(0, y, W, section, 10, bold=True, colour=colour)
        y += HEADING
        for line in lines:
            if y + page.measure(W, f"• {line}", BULLET) + GAP > foot:
                y = _next_page(page, name, disclaimer, new_page)
                page.text(0, y, W, section, 10, bold=True, colour=colour)
                y += HEADING
            y = _bullets(page, 0, y, W, [line], role)
    _disclaimer(page, disclaimer)


def _next_page(
    page: _Page,
    name: str,
    disclaimer: str,
    new_page: Callable[[], object] | None,
    first: bool = False,
) -> float:
    """End the page (its disclaimer is drawn when ``first`` is False), start the next with
    the summary's title; returns the y under it."""
    if new_page is None:
        raise ValueError("the summary needs a second page, and this device has none")
    if not first:
        _disclaimer(page, disclaimer)
    new_page()
    page.page += 1
    page.layout.pages = page.page + 1
    return page.text(0, 0, page.layout.width, f"Pain summary — {name} (continued)", 13, True) + 3


def write_summary_pdf(
    tpm: TriggerPointMap,
    out: Path,
    *,
    page_size: str | None = None,
    start: float | None = None,
    end: float | None = None,
    today: date | None = None,
) -> SummaryLayout:
    """Write the summary of ``tpm`` to ``out`` (atomically): one page for an ordinary map,
    more when its warning signs or held places need them. Returns where the text went."""
    ensure_app()
    resolve_page_size(page_size)

    def paint(writer: QPdfWriter) -> SummaryLayout:
        painter = QPainter(writer)
        try:
            return paint_summary(
                painter,
                writer.width(),
                writer.height(),
                writer.resolution(),
                tpm,
                start,
                end,
                today or date.today(),
                new_page=writer.newPage,
            )
        finally:
            painter.end()

    return write_pdf(out, page_size, f"Pain summary – {user_text(tpm.name)}", paint)
