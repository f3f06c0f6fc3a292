"""The legend shared by the window and the printed guide: what the hatching, the shading,
the crossed and open circles and the numbered discs on a body diagram mean."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from bodymap.ui.drawing import palette
from bodymap.ui.drawing.markers import hatch, paint_site_marker, paint_spot_marker

__all__ = ["LEGEND_ITEMS", "paint_legend"]

LEGEND_ITEMS = (
    ("caution", "Hatched: do not roll here"),
    ("zone", "Shaded: where to roll"),
    ("site", "Crossed circle: a usual tender spot (trigger point): press it gently to check it"),
    (
        "no_press_site",
        "Open circle: a usual tender spot that lies too close to a nerve or blood vessel: "
        "do not press it",
    ),
    ("spot", "Numbered disc: your spot"),
)


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


def paint_legend(
    painter: QPainter, rect: QRectF, font: QFont, *, monochrome: bool = False
) -> float:
    """Draw the legend items left to right in ``rect``, wrapping to a new row when needed;
    returns the height used."""
    metrics = QFontMetricsF(font, painter.device())
    size = metrics.height() * 1.1
    gap = size * 0.5
    x, y = rect.left(), rect.top()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(font)
    for kind, text in LEGEND_ITEMS:
        width = size + gap * 0.6 + metrics.horizontalAdvance(text)
        if x > rect.left() and x + width > rect.right():
            x, y = rect.left(), y + size + gap * 0.6
        _swatch(painter, kind, QRectF(x, y, size * 1.3, size), monochrome)
        painter.setPen(QColor("#000000") if monochrome else palette.INK)
        painter.drawText(
            QPointF(x + size * 1.3 + gap * 0.4, y + size / 2 + metrics.ascent() / 2 - 1), text
        )
        x += width + size * 0.3 + gap
    painter.restore()
    return y + size - rect.top()
