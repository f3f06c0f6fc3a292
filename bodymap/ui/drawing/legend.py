"""The legend shared by the window and the printed guide: what the hatching, the shading,
the crossed and open circles and the numbered discs on a body diagram mean."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
)

from bodymap.knowledge import load_knowledge
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.markers import hatch, paint_site_marker, paint_spot_marker
from bodymap.ui.drawing.painting import area_colours

__all__ = [
    "LegendEntry",
    "fascia_items",
    "legend_height",
    "legend_items",
    "legend_layout",
    "paint_legend",
    "painted_items",
    "pattern_items",
]


_MARKS = (  # (kind, what it looks like, its meaning in advice.toml's [symbols])
    ("caution", "Hatched", "hatched"),
    ("zone", "Shaded", "shaded"),
    ("site", "Crossed circle", "crossed_circle"),
    ("no_press_site", "Open circle", "open_circle"),
    ("spot", "Numbered disc", "disc"),
)
_FASCIA = (("fascia", "Grey", "fascia"),)
_PAINTED = (("painted", "Tinted patch", "painted"),)
_PATTERN = (("essential", "Dark red", "essential"), ("spillover", "Light red", "spillover"))


def _said(marks: Sequence[tuple[str, str, str]]) -> tuple[tuple[str, str], ...]:
    symbols = load_knowledge().symbols
    return tuple((kind, f"{look}: {symbols[key]}") for kind, look, key in marks)


@functools.cache
def legend_items() -> tuple[tuple[str, str], ...]:
    """(kind, text) of the marks every diagram has, in the words of ``advice.toml``."""
    return _said(_MARKS)


@functools.cache
def fascia_items() -> tuple[tuple[str, str], ...]:
    """(kind, text) of the grey fascia, on the diagrams that show that layer."""
    return _said(_FASCIA)


@functools.cache
def painted_items() -> tuple[tuple[str, str], ...]:
    """(kind, text) of a painted pain area, on the diagrams of a map that has one."""
    return _said(_PAINTED)


@functools.cache
def pattern_items() -> tuple[tuple[str, str], ...]:
    """(kind, text) of a referral pattern's zones, drawn while the browser shows one."""
    return (*_said(_PATTERN), ("outline", "Dashed line: the muscle itself"))


def _swatch(painter: QPainter, kind: str, box: QRectF, monochrome: bool) -> None:
    path = QPainterPath()
    path.addRoundedRect(box, box.height() * 0.15, box.height() * 0.15)
    if kind == "caution":
        colour = QColor(0, 0, 0, 150) if monochrome else palette.CAUTION
        hatch(painter, path, colour, box.height() / 3.2)
        painter.setPen(QPen(colour, max(1.0, box.height() / 14)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    elif kind == "zone":
        edge = QColor("#000000") if monochrome else palette.HIGHLIGHT_EDGE
        if monochrome:
            hatch(painter, path, QColor(0, 0, 0, 120), box.height() / 4.5)
        else:
            painter.fillPath(path, palette.HIGHLIGHT)
        painter.setPen(QPen(edge, max(1.0, box.height() / 10)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    elif kind == "fascia":  # as the figure shows it: the tint over the skin
        painter.fillPath(path, QColor(0, 0, 0, 28) if monochrome else palette.SKIN)
        if not monochrome:
            painter.fillPath(path, palette.FASCIA_TINT)
        painter.setPen(QPen(palette.SKIN_EDGE, max(1.0, box.height() / 16)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    elif kind == "painted":  # as a painted area is drawn: its pain's colour, see-through
        painter.fillPath(path, QColor(0, 0, 0, 28) if monochrome else palette.SKIN)
        colour, edge = area_colours(6, monochrome=monochrome)
        painter.fillPath(path, colour)
        painter.setPen(QPen(edge, max(1.0, box.height() / 16)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    elif kind in ("essential", "spillover"):
        fill = palette.PATTERN_ESSENTIAL if kind == "essential" else palette.PATTERN_SPILLOVER
        painter.fillPath(
            path, QColor(0, 0, 0, 90 if kind == "essential" else 35) if monochrome else fill
        )
    elif kind == "outline":
        pen = QPen(QColor("#000000") if monochrome else palette.PATTERN_OUTLINE)
        pen.setWidthF(max(1.0, box.height() / 12))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    elif kind in ("site", "no_press_site"):
        paint_site_marker(
            painter,
            box.center(),
            box.height() * 0.4,
            monochrome=monochrome,
            clear=kind == "site",
        )
    else:
        paint_spot_marker(painter, box.center(), 1, 6, box.height() * 0.48, monochrome=monochrome)


@dataclass(frozen=True)
class LegendEntry:
    """One legend item placed in a rectangle: its swatch, its text broken into lines to fit
    the width, and where those lines go (device units)."""

    kind: str
    text: str
    swatch: QRectF
    lines: tuple[str, ...]
    text_rect: QRectF
    baseline: float
    """The first line's baseline; each further line one line spacing below."""
    line_spacing: float

    @property
    def rect(self) -> QRectF:
        """The swatch and the text together."""
        return self.swatch.united(self.text_rect)


def _wrap(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` (a word longer than
    that keeps a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line or not lines:
        lines.append(line)
    return lines


def legend_layout(
    rect: QRectF,
    font: QFont,
    device: QPaintDevice | None = None,
    items: Sequence[tuple[str, str]] | None = None,
) -> list[LegendEntry]:
    """Where each legend item goes in ``rect``: left to right, a new row when an item does
    not fit the rest of the row, and an item wider than the whole row wrapped onto more
    lines; each row is as tall as its tallest item, so no item overlaps another (the
    height used is the bottom of the last entry)."""
    items = legend_items() if items is None else items
    metrics = QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)
    size = metrics.height() * 1.1
    gap = size * 0.5
    swatch_w = size * 1.3
    indent = swatch_w + gap * 0.4  # from the swatch's left to the text
    spacing = metrics.lineSpacing()
    entries: list[LegendEntry] = []
    x, y = rect.left(), rect.top()
    row_bottom = y + size
    for kind, text in items:
        if x > rect.left() and x + indent + metrics.horizontalAdvance(text) > rect.right():
            x, y = rect.left(), row_bottom + gap * 0.6
            row_bottom = y + size
        lines = _wrap(text, metrics, max(rect.right() - x - indent, size))
        baseline = y + size / 2 + metrics.ascent() / 2 - 1
        top = baseline - metrics.ascent()
        width = max(metrics.horizontalAdvance(line) for line in lines)
        text_rect = QRectF(x + indent, top, width, (len(lines) - 1) * spacing + metrics.height())
        entry = LegendEntry(
            kind, text, QRectF(x, y, swatch_w, size), tuple(lines), text_rect, baseline, spacing
        )
        entries.append(entry)
        row_bottom = max(row_bottom, entry.rect.bottom())
        x = text_rect.right() + size * 0.3 + gap
    return entries


def legend_height(
    width: float,
    font: QFont,
    device: QPaintDevice | None = None,
    items: Sequence[tuple[str, str]] | None = None,
) -> float:
    """The height `paint_legend` takes ``width`` wide."""
    entries = legend_layout(QRectF(0, 0, width, 1e6), font, device, items)
    return max(entry.rect.bottom() for entry in entries)


def paint_legend(
    painter: QPainter,
    rect: QRectF,
    font: QFont,
    *,
    monochrome: bool = False,
    items: Sequence[tuple[str, str]] | None = None,
) -> float:
    """Draw the legend items left to right in ``rect`` (laid out by `legend_layout`, so an
    entry too long for the row wraps instead of running into the next); returns the height
    used."""
    entries = legend_layout(rect, font, painter.device(), items)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    for entry in entries:
        _swatch(painter, entry.kind, entry.swatch, monochrome)
        painter.setPen(QColor("#000000") if monochrome else palette.INK)
        for k, line in enumerate(entry.lines):
            painter.drawText(
                QPointF(entry.text_rect.left(), entry.baseline + k * entry.line_spacing), line
            )
    painter.restore()
    return max(entry.rect.bottom() for entry in entries) - rect.top()
