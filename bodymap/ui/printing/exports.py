"""File → Export: the map as a picture, the spots as CSV or GeoJSON.

The picture is drawn by the same `ViewPainter` as the canvas and the printed guide. The
tables come from `bodymap.maps.export`, with each spot's main region (the first muscle or
fascia region under it) named through the atlas.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from bodymap.atlas import Atlas, load_atlas
from bodymap.maps import Spot, TriggerPointMap, atomic_write, spots_to_csv, spots_to_geojson
from bodymap.maps.export import RegionNames
from bodymap.ui.drawing.painting import Highlight, ViewPainter, view_frame
from bodymap.words import spot_place, user_text

__all__ = ["export_csv", "export_geojson", "export_png", "region_name", "render_map_image"]

PNG_HEIGHT = 1400
_TITLE_PX = 56


def region_name(spot: Spot, atlas: Atlas | None = None) -> str:
    """The name of the main muscle or fascia region under ``spot`` ("" outside the body);
    for a painted area, where it lies as the spot list names it ("lower buttocks (sit
    bones), both sides"), since one muscle under its disc says little of it."""
    view_atlas = (atlas or load_atlas())[spot.view]
    if spot.area is not None:
        return spot_place(view_atlas, spot)
    hit = view_atlas.locate(spot.x, spot.y)
    return hit.regions[0].name if hit.regions else ""


def render_map_image(
    tpm: TriggerPointMap,
    height: int = PNG_HEIGHT,
    atlas: Atlas | None = None,
    highlight: Highlight | None = None,
    layers: frozenset[str] = frozenset({"superficial"}),
) -> QImage:
    """Both diagrams (front left, back right) with the numbered spots, on white, under the
    map's name."""
    atlas = atlas or load_atlas()
    painters = [ViewPainter.of(atlas[view]) for view in ("front", "back")]
    frames = [view_frame(atlas[view]) for view in ("front", "back")]
    body_height = height - _TITLE_PX
    widths = [body_height * frame.width() / frame.height() for frame in frames]
    image = QImage(int(sum(widths)) + 40, height, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(3780)  # 96 dpi, so text sizes match the screen
    image.setDotsPerMeterY(3780)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(painter.font())
        font.setPixelSize(26)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#202020"))
        painter.drawText(
            QRectF(0, 8, image.width(), _TITLE_PX - 8),
            Qt.AlignmentFlag.AlignCenter,
            user_text(tpm.name),
        )
        left = 20.0
        for vp, width in zip(painters, widths, strict=True):
            target = QRectF(left, _TITLE_PX, width, body_height)
            vp.paint(
                painter,
                target,
                spots=tpm.spots,
                highlight=highlight,
                layers=layers,
                title=vp.view.capitalize(),
            )
            left += width
    finally:
        painter.end()
    return image


def export_png(
    tpm: TriggerPointMap,
    path: str | os.PathLike[str],
    atlas: Atlas | None = None,
    layers: frozenset[str] = frozenset({"superficial"}),
) -> Path:
    """Save `render_map_image` (with the optional ``layers`` shown on screen, e.g.
    ``{"superficial", "fascia", "caution"}``) as a PNG; OSError if it cannot be written."""
    path = Path(path)
    image = render_map_image(tpm, atlas=atlas, layers=layers)
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # str works at run time
        raise OSError(f"could not write the picture to {path}")
    return path


def _names(atlas: Atlas | None) -> RegionNames:
    atlas = atlas or load_atlas()
    return lambda spot: region_name(spot, atlas)


def export_csv(
    tpm: TriggerPointMap, path: str | os.PathLike[str], atlas: Atlas | None = None
) -> Path:
    """The spots as a CSV table (UTF-8 with a byte-order mark, so spreadsheets read the
    accents) with a region column; written atomically."""
    text = spots_to_csv(tpm, _names(atlas))
    atomic_write(path, ("\ufeff" + text).encode("utf-8"))
    return Path(path)


def export_geojson(
    tpm: TriggerPointMap, path: str | os.PathLike[str], atlas: Atlas | None = None
) -> Path:
    """The spots as a GeoJSON FeatureCollection in atlas units with a region property."""
    atomic_write(path, spots_to_geojson(tpm, _names(atlas)).encode("utf-8"))
    return Path(path)
