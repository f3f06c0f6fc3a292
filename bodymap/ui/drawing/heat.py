"""Body heat maps: both views with each surface segment coloured by the pain of the spots
on it over a period, or by how much that pain changed between two periods.

What is coloured comes from the core (`bodymap.history.heat.heat_cells`): a point spot's
whole segment, a painted area's own part of each segment it lies on, the strongest value on
top. Each spot also gets a disc of its own value, so a spot on a segment boundary still
shows. In "change" maps the scale diverges (blue: better, red: worse) and every disc
carries its signed change as text, so the map reads in greyscale too. `paint_heat_scale`
draws the colour scale the map is read with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from bodymap.history.heat import heat_cells
from bodymap.maps import Spot
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.markers import paint_text, text_width
from bodymap.ui.drawing.painting import ViewPainter, view_transform
from bodymap.ui.drawing.region_paths import region_path

__all__ = [
    "CHANGE_SCALE",
    "HEAT_ALPHA",
    "HEAT_RADIUS",
    "change_colour",
    "change_text",
    "heat_fill",
    "paint_heat_scale",
    "paint_heat_view",
    "unread",
]


def change_text(value: float, decimals: int = 1) -> str:
    """A change as a person reads it: "+1.7", "−2.7" (a true minus) and "0.0" for one that
    rounds to nothing, with no sign ("+0.0" and "−0.0" read as a change)."""
    text = f"{abs(value):.{decimals}f}"
    if float(text) == 0:
        return text
    return f"+{text}" if value > 0 else f"−{text}"


HEAT_RADIUS = 22.0
"""A spot's disc in atlas units."""
DISC_PX, DIGITS_PX = 12.0, 8.0
"""The least radius of a value's disc and height of its digits' capitals, in pixels."""
_BETTER = QColor("#2166ac")
_WORSE = QColor("#b2182b")
_NEUTRAL = QColor("#f7f7f7")
HEAT_ALPHA = 0.7
"""Opacity of a heat map's colour over the body (and of its scale's swatches, over skin)."""
CHANGE_SCALE = 4.0
"""Points of change at which the change scale saturates."""


def change_colour(delta: float, scale: float = CHANGE_SCALE) -> QColor:
    """Diverging colour for a change in mean intensity: blue for better (negative), red
    for worse, near-white for none; saturated at ``scale`` points."""
    t = max(-1.0, min(1.0, delta / scale))
    end = _BETTER if t < 0 else _WORSE
    t = abs(t)
    return QColor.fromRgbF(
        _NEUTRAL.redF() + (end.redF() - _NEUTRAL.redF()) * t,
        _NEUTRAL.greenF() + (end.greenF() - _NEUTRAL.greenF()) * t,
        _NEUTRAL.blueF() + (end.blueF() - _NEUTRAL.blueF()) * t,
    )


def _fill(value: float, change: bool, monochrome: bool) -> QColor:
    colour = change_colour(value) if change else palette.intensity_colour(value)
    return palette.greyscale(colour) if monochrome else colour


def heat_fill(value: float, change: bool = False, monochrome: bool = False) -> QColor:
    """The translucent colour a heat map fills with for ``value``."""
    fill = _fill(value, change, monochrome)
    fill.setAlphaF(HEAT_ALPHA)
    return fill


def paint_heat_view(
    painter: QPainter,
    target: QRectF,
    view_painter: ViewPainter,
    spots: Sequence[Spot],
    values: Mapping[str, float],
    *,
    change: bool = False,
    monochrome: bool = False,
    title: bool = False,
) -> None:
    """One view fitted into ``target``: the body, the person's R and L beside it (and with
    ``title`` the view's name above it), its segments coloured by ``values`` (spot id →
    mean intensity, or change), and a disc with the value at each spot; a spot or area
    with no value is outlined, dashed (`unread`)."""
    vp = view_painter
    painter.save()
    painter.setClipRect(target)
    painter.setTransform(view_transform(vp.view_atlas, target), True)
    vp.paint_body(painter, monochrome=monochrome)
    vp.paint_side_marks(painter, monochrome=monochrome)  # which side, as on the canvas
    if title:
        vp.paint_title(painter, vp.view.capitalize(), monochrome=monochrome)
    # a value's disc and digits keep a readable size on screen however small the figure
    pixels = max(painter.transform().m11(), 1e-6)  # device pixels per atlas unit
    radius = max(HEAT_RADIUS * 0.62, DISC_PX / pixels)
    digits = max(HEAT_RADIUS * 0.42, DIGITS_PX / pixels)
    if change:  # every signed change fits its disc, all at one size ("−2.3" ran past it)
        digits *= min(1.0, 1.6 * radius / text_width(change_text(-8.8), digits))
    segment_paths = dict(vp.layer_paths("segment"))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.save()
    painter.setClipPath(vp.outline_path, Qt.ClipOperation.IntersectClip)
    painter.setPen(QPen(QColor(0, 0, 0, 60), 0.8))
    for cell in heat_cells(vp.view_atlas, spots, values, change=change):  # weakest first
        path = segment_paths.get(cell.segment) if not cell.painted else None
        painter.setBrush(heat_fill(cell.value, change, monochrome))
        painter.drawPath(path if path is not None else region_path(cell.shape))
    painter.restore()
    if values:  # with no reading at all the map says so in words instead
        pen = QPen(UNREAD_COLOUR, 1.2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for spot in unread(spots, values, vp.view):
            if spot.area is not None:
                painter.drawPath(region_path(vp.view_atlas.on_body(spot.area.shape)))
            else:
                painter.drawEllipse(QPointF(spot.x, spot.y), radius, radius)
    for spot in spots:
        if spot.view != vp.view or spot.id not in values:
            continue
        value = values[spot.id]
        fill = _fill(value, change, monochrome)
        centre = QPointF(spot.x, spot.y)
        painter.setPen(QPen(QColor("#2b211c"), 1.6))
        painter.setBrush(fill)
        painter.drawEllipse(centre, radius, radius)
        text = change_text(value) if change else f"{value:.1f}"
        paint_text(painter, text, centre, digits, palette.text_colour_on(fill))
    painter.restore()


UNREAD_COLOUR = QColor(60, 60, 60, 170)
"""The dashed outline of a spot or area with no reading in a heat map's period."""
UNREAD_NOTE = "dashed: no reading in this period"
"""Said beside a heat map that outlines such a spot or area."""


def unread(
    spots: Sequence[Spot], values: Mapping[str, float], view: str | None = None
) -> list[Spot]:
    """The spots (of ``view``, or of both) with no value in a heat map's period: a spot
    left out of every check-in of the period is outlined, not gone from the map."""
    return [s for s in spots if s.id not in values and view in (None, s.view)]


def paint_heat_scale(
    painter: QPainter,
    rect: QRectF,
    *,
    change: bool = False,
    monochrome: bool = False,
    title: str = "",
) -> None:
    """The colour scale a heat map is read with, in ``rect`` (device units): pain 0–10 in
    the intensity colours, or a change from −4 (better, blue) to +4 (worse, red), where
    the colours saturate (`CHANGE_SCALE`); each swatch as the map draws it (translucent
    over skin) with its number, after ``title``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    ink = QColor("#000000") if monochrome else palette.INK
    height = rect.height()
    font = painter.font()
    font.setPixelSize(max(1, round(height * 0.5)))
    painter.setFont(font)
    x = rect.left()
    if title:
        painter.setPen(ink)
        width = painter.fontMetrics().horizontalAdvance(title) + height * 0.4
        painter.drawText(QRectF(x, rect.top(), width, height), Qt.AlignmentFlag.AlignVCenter, title)
        x += width
    reach = round(CHANGE_SCALE)
    steps = (
        [float(v) for v in range(-reach, reach + 1)] if change else [float(v) for v in range(11)]
    )
    box = min(height, (rect.right() - x) / len(steps))
    skin = QColor("#ffffff") if monochrome else palette.SKIN
    for k, value in enumerate(steps):
        cell = QRectF(x + k * box, rect.top(), box, height * 0.62)
        painter.fillRect(cell, skin)
        painter.fillRect(cell, heat_fill(value, change, monochrome))
        painter.setPen(QPen(QColor(0, 0, 0, 60), max(0.5, height * 0.02)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(cell)
        words = change_text(value, 0) if change else f"{value:.0f}"
        painter.setPen(ink)
        below = QRectF(cell.left(), cell.bottom(), box, height - cell.height())
        painter.drawText(below, Qt.AlignmentFlag.AlignCenter, words)
    painter.restore()
