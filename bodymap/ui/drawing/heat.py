"""Body heat maps: both views with each surface segment coloured by the pain of the spots
in it over a period, or by how much that pain changed between two periods.

A segment takes the highest value of the spots that fall in it; each spot also gets a disc
of its own value, so a spot on a segment boundary still shows. In "change" maps the scale
diverges (blue: better, red: worse) and every disc carries its signed change as text, so
the map reads in greyscale too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from bodymap.atlas import Region, ViewAtlas
from bodymap.maps import Spot
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.markers import paint_text
from bodymap.ui.drawing.painting import ViewPainter, view_transform

__all__ = ["HEAT_RADIUS", "change_colour", "paint_heat_view", "segment_values"]

HEAT_RADIUS = 22.0
"""A spot's disc in atlas units."""
_BETTER = QColor("#2166ac")
_WORSE = QColor("#b2182b")
_NEUTRAL = QColor("#f7f7f7")


def change_colour(delta: float, scale: float = 4.0) -> QColor:
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


def segment_values(
    view_atlas: ViewAtlas, spots: Sequence[Spot], values: Mapping[str, float], *, change: bool
) -> dict[Region, float]:
    """Each segment of the view holding a spot with a value: the highest value there (for
    a change map, the one furthest from zero)."""
    out: dict[Region, float] = {}
    for spot in spots:
        if spot.view != view_atlas.view or spot.id not in values:
            continue
        value = values[spot.id]
        for segment in view_atlas.locate(spot.x, spot.y).segments:
            known = out.get(segment)
            stronger = known is None or (abs(value) > abs(known) if change else value > known)
            if stronger:
                out[segment] = value
    return out


def _fill(value: float, change: bool, monochrome: bool) -> QColor:
    colour = change_colour(value) if change else palette.intensity_colour(value)
    return palette.greyscale(colour) if monochrome else colour


def paint_heat_view(
    painter: QPainter,
    target: QRectF,
    view_painter: ViewPainter,
    spots: Sequence[Spot],
    values: Mapping[str, float],
    *,
    change: bool = False,
    monochrome: bool = False,
) -> None:
    """One view fitted into ``target``: the body, its segments coloured by ``values``
    (spot id → mean intensity, or change), and a disc with the value at each spot."""
    vp = view_painter
    painter.save()
    painter.setClipRect(target)
    painter.setTransform(view_transform(vp.view_atlas, target), True)
    vp.paint_body(painter, monochrome=monochrome)
    by_segment = segment_values(vp.view_atlas, spots, values, change=change)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.save()
    painter.setClipPath(vp.outline_path, Qt.ClipOperation.IntersectClip)
    for region, path in vp.layer_paths("segment"):
        if region in by_segment:
            fill = _fill(by_segment[region], change, monochrome)
            fill.setAlphaF(0.7)
            painter.setPen(QPen(QColor(0, 0, 0, 60), 0.8))
            painter.setBrush(fill)
            painter.drawPath(path)
    painter.restore()
    for spot in spots:
        if spot.view != vp.view or spot.id not in values:
            continue
        value = values[spot.id]
        fill = _fill(value, change, monochrome)
        centre = QPointF(spot.x, spot.y)
        painter.setPen(QPen(QColor("#2b211c"), 1.6))
        painter.setBrush(fill)
        painter.drawEllipse(centre, HEAT_RADIUS * 0.62, HEAT_RADIUS * 0.62)
        text = f"{value:+.1f}".replace("-", "−") if change else f"{value:.1f}"
        paint_text(painter, text, centre, HEAT_RADIUS * 0.42, palette.text_colour_on(fill))
    painter.restore()
