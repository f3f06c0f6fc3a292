"""Marks drawn into any QPainter in its current units: vector text, numbered spot markers,
trigger-point site markers and hatching, with line widths that stay readable at any scale.

Widths are given in the painter's units and clamped to a range of logical pixels (96 per
inch on any device), so a mark is crisp on screen at any zoom and on paper.
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QTransform

from bodymap.ui.drawing import palette
from bodymap.ui.drawing.palette import intensity_colour

__all__ = [
    "hatch",
    "line_width",
    "paint_site_marker",
    "paint_spot_marker",
    "paint_text",
    "text_width",
]


def _pixels_per_unit(painter: QPainter) -> float:
    """Logical pixels (1/96 inch) per unit of the painter's current coordinates.

    On a high-DPI device the combined transform also holds the device pixel ratio; it is
    taken out, so a label or a line is as big on a 2× screen as on a 1× one, only sharper.
    """
    t = painter.combinedTransform()
    scale = math.sqrt(abs(t.m11() * t.m22() - t.m12() * t.m21())) or 1.0
    device = painter.device()
    dpi = device.logicalDpiX() if device is not None else 96
    ratio = device.devicePixelRatioF() if device is not None else 1.0
    return scale * 96.0 / (dpi or 96) / (ratio or 1.0)


def line_width(painter: QPainter, units: float, min_px: float, max_px: float) -> float:
    """A pen width in the painter's units: ``units`` clamped to [min_px, max_px] logical
    pixels, so lines neither vanish when zoomed out nor bloat when zoomed in."""
    ppu = _pixels_per_unit(painter)
    return min(max(units * ppu, min_px), max_px) / ppu


# -- text and markers ------------------------------------------------------------------
@functools.cache
def _text_path(text: str, bold: bool) -> QPainterPath:
    font = QFont()
    font.setPixelSize(100)
    font.setBold(bold)
    path = QPainterPath()
    path.addText(0, 0, font, text)
    return path


def text_width(text: str, height: float, *, bold: bool = False) -> float:
    """How wide :func:`paint_text` draws ``text`` with capitals ``height`` units tall."""
    return _text_path(text, bold).boundingRect().width() * height / 72.0


def paint_text(
    painter: QPainter,
    text: str,
    centre: QPointF,
    height: float,
    colour: QColor,
    *,
    bold: bool = False,
    halo: QColor | None = None,
) -> QRectF:
    """Draw ``text`` as vector outlines centred on ``centre``, its capitals ``height``
    units tall (sharp at any zoom and in PDFs). Returns the rectangle it covers."""
    raw = _text_path(text, bold)
    box = raw.boundingRect()
    scale = height / 72.0  # cap height of a 100 px font is about 72 px
    transform = QTransform()
    transform.translate(centre.x(), centre.y())
    transform.scale(scale, scale)
    transform.translate(-box.center().x(), -box.center().y())
    path = transform.map(raw)
    if halo is not None:
        painter.strokePath(
            path,
            QPen(
                halo,
                height * 0.28,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            ),
        )
    painter.fillPath(path, colour)
    return path.boundingRect()


def paint_spot_marker(
    painter: QPainter,
    centre: QPointF,
    number: int,
    intensity: float,
    radius: float,
    *,
    selected: bool = False,
    monochrome: bool = False,
) -> None:
    """A numbered circle filled by intensity, with a thin dark rim (and a focus ring when
    ``selected``), drawn in the painter's current units."""
    fill = intensity_colour(intensity)
    if monochrome:
        fill = palette.greyscale(fill)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if selected:
        ring = QPen(palette.FOCUS, radius * 0.22)
        painter.setPen(ring)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, radius * 1.32, radius * 1.32)
    shadow = QColor(0, 0, 0, 0 if monochrome else 45)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(shadow)
    painter.drawEllipse(centre + QPointF(0, radius * 0.12), radius * 1.02, radius * 1.02)
    painter.setPen(QPen(QColor("#2b211c"), radius * 0.12))
    painter.setBrush(fill)
    painter.drawEllipse(centre, radius, radius)
    text = str(number)
    height = radius * (0.95 if len(text) < 2 else 0.8 if len(text) == 2 else 0.62)
    paint_text(painter, text, centre, height, palette.text_colour_on(fill), bold=True)
    painter.restore()


def paint_site_marker(
    painter: QPainter,
    centre: QPointF,
    radius: float,
    *,
    monochrome: bool = False,
    clear: bool = True,
) -> None:
    """A trigger-point site: a ring with a cross through it (⊕, the press test's mark: a
    finger may press here). A site inside a zone not to press (``clear`` False) is an open
    ring with no cross, in the caution zones' colour, so ⊕ never marks a place not to press."""
    if clear:
        colour = QColor("#111111") if monochrome else palette.SITE
    else:
        colour = QColor("#111111") if monochrome else palette.NO_PRESS_SITE
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(QColor(255, 255, 255, 200), radius * 0.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(centre, radius, radius)
    pen = QPen(colour, radius * 0.24)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if not clear and monochrome:
        pen.setStyle(Qt.PenStyle.DashLine)  # told apart from ⊕ without colour
    painter.setPen(pen)
    painter.drawEllipse(centre, radius, radius)
    if clear:
        arm = radius * 1.45
        painter.drawLine(centre + QPointF(-arm, 0), centre + QPointF(arm, 0))
        painter.drawLine(centre + QPointF(0, -arm), centre + QPointF(0, arm))
    painter.restore()


def hatch(painter: QPainter, path: QPainterPath, colour: QColor, spacing: float) -> None:
    """Diagonal lines clipped to ``path`` (device-independent hatching)."""
    box = path.boundingRect()
    painter.save()
    painter.setClipPath(path, Qt.ClipOperation.IntersectClip)
    pen = QPen(colour, line_width(painter, spacing * 0.22, 0.6, 1.6))
    painter.setPen(pen)
    span = box.width() + box.height()
    start = box.left() - box.height()
    steps = int(span / spacing) + 2
    lines = QPainterPath()  # one path, stroked once: far fewer drawing calls in a PDF
    for i in range(steps):
        x = start + i * spacing
        lines.moveTo(QPointF(x, box.bottom()))
        lines.lineTo(QPointF(x + box.height(), box.top()))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(lines)
    painter.restore()
