"""Draw the atlas GeoJSON to PNG files, for reviewing the geometry by eye.

Reads ``assets/atlas/<view>.geojson`` with json and shapely (not the atlas loader, so a
broken loader cannot hide a broken atlas) and paints each view with QPainter on a QImage:
outline, superficial regions in soft colours, deep regions dashed, optional segments and
caution zones, landmarks and small labels.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from bodymap.resources import asset

__all__ = ["ALL_LAYERS", "DEFAULT_LAYERS", "render_atlas"]

ALL_LAYERS = ("outline", "superficial", "deep", "segment", "caution", "landmark", "labels")
DEFAULT_LAYERS = ("outline", "superficial", "deep", "caution", "landmark", "labels")
VIEWS = ("front", "back")
MARGIN = 20.0

Feature = dict[str, Any]


def _app() -> QGuiApplication:
    """The running QGuiApplication, or a new offscreen one."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance()
    return app if isinstance(app, QGuiApplication) else QGuiApplication([])


def _soft_colour(key: str, fascia: bool = False) -> QColor:
    """A stable pastel colour per id (fascia in cool greys)."""
    h = zlib.crc32(key.encode()) % 360
    if fascia:
        return QColor.fromHsv(205, 40, 235)
    return QColor.fromHsv(h, 70 + zlib.crc32(key.encode()[::-1]) % 50, 245)


def _path(geom: BaseGeometry) -> QPainterPath:
    path = QPainterPath()
    polys = getattr(geom, "geoms", [geom])
    for poly in polys:
        for ring in [poly.exterior, *poly.interiors]:
            path.addPolygon(QPolygonF([QPointF(x, y) for x, y in ring.coords]))
            path.closeSubpath()
    return path


def _label_point(geom: BaseGeometry) -> Point:
    """The point deepest inside the largest part: labels sit in the widest spot."""
    parts = list(getattr(geom, "geoms", [geom]))
    return polylabel(max(parts, key=lambda p: p.area), tolerance=0.5)


def _load(view: str, source: Path | None) -> list[Feature]:
    if source is not None:
        text = (source / f"{view}.geojson").read_text(encoding="utf-8")
    else:
        text = asset("atlas", f"{view}.geojson").read_text(encoding="utf-8")
    return list(json.loads(text)["features"])


def _by_layer(feats: Iterable[Feature], layer: str) -> list[tuple[dict[str, str], BaseGeometry]]:
    return [
        (f["properties"], shape(f["geometry"])) for f in feats if f["properties"]["layer"] == layer
    ]


def _draw_view(painter: QPainter, feats: list[Feature], view: str, layers: Sequence[str]) -> None:
    thin = QPen(QColor(90, 90, 90, 160), 0.5)
    outline = _by_layer(feats, "outline")[0][1]
    body = _path(outline)
    painter.fillPath(body, QColor(250, 236, 222))
    if "superficial" in layers:
        for props, geom in _by_layer(feats, "superficial"):
            painter.setPen(thin)
            painter.setBrush(_soft_colour(props["id"], props["kind"] == "fascia"))
            painter.drawPath(_path(geom))
    if "segment" in layers:
        for props, geom in _by_layer(feats, "segment"):
            painter.setPen(QPen(QColor(40, 90, 160), 0.7))
            colour = (
                _soft_colour(props["id"]) if "superficial" not in layers else Qt.BrushStyle.NoBrush
            )
            painter.setBrush(colour)
            painter.drawPath(_path(geom))
    if "deep" in layers:
        pen = QPen(QColor(60, 40, 120, 200), 0.8, Qt.PenStyle.DashLine)
        for _props, geom in _by_layer(feats, "deep"):
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(_path(geom))
    if "caution" in layers:
        brush = QBrush(QColor(220, 40, 40, 110), Qt.BrushStyle.BDiagPattern)
        for _props, geom in _by_layer(feats, "caution"):
            painter.setPen(QPen(QColor(200, 30, 30, 200), 0.8))
            painter.setBrush(brush)
            painter.drawPath(_path(geom))
    if "outline" in layers:
        painter.setPen(QPen(QColor(40, 40, 40), 1.4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(body)
    font = QFont("Sans", 1)
    font.setPointSizeF(4.2)
    painter.setFont(font)
    if "labels" in layers:
        label_layers = ["superficial"] if "superficial" in layers else []
        label_layers += ["segment"] if "segment" in layers and not label_layers else []
        painter.setPen(QColor(30, 30, 30))
        for layer in label_layers:
            for props, geom in _by_layer(feats, layer):
                if props["side"] == "left":
                    continue
                pt = _label_point(geom)
                text = props["name"]
                width = painter.fontMetrics().horizontalAdvance(text)
                painter.drawText(QPointF(pt.x - width / 2, pt.y + 1.5), text)
    if "landmark" in layers:
        painter.setPen(Qt.PenStyle.NoPen)
        for props, geom in _by_layer(feats, "landmark"):
            painter.setBrush(QColor(20, 20, 20))
            painter.drawEllipse(QPointF(geom.x, geom.y), 1.6, 1.6)
            if "labels" in layers and props["side"] != "right":
                painter.setPen(QColor(150, 20, 20))
                painter.drawText(QPointF(geom.x + 2.5, geom.y - 1.5), props["id"])
                painter.setPen(Qt.PenStyle.NoPen)
    painter.setPen(QColor(0, 0, 0))
    font.setPointSizeF(12)
    painter.setFont(font)
    right = "right at left" if view == "front" else "right at right"
    painter.drawText(QPointF(outline.bounds[0] - 30, -12), f"{view} view (person's {right})")


def render_atlas(
    outdir: Path,
    scale: float = 1.0,
    layers: Sequence[str] = DEFAULT_LAYERS,
    views: Sequence[str] = VIEWS,
    source: Path | None = None,
) -> list[Path]:
    """Paint each view to ``outdir/<view>.png`` and return the paths.

    ``layers`` picks what to draw (see ``ALL_LAYERS``), e.g. ``("outline", "segment",
    "labels")`` to inspect the pain-location zones alone. ``source`` is a folder with the
    GeoJSON files (default: the shipped atlas).
    """
    unknown = set(layers) - set(ALL_LAYERS)
    if unknown:
        raise ValueError(f"unknown atlas layers: {', '.join(sorted(unknown))}")
    _app()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for view in views:
        feats = _load(view, source)
        x0, _, x1, _ = _by_layer(feats, "outline")[0][1].bounds
        x0, x1 = min(x0, 500 - 150) - 2 * MARGIN, max(x1, 500 + 150) + 2 * MARGIN
        width, height = round((x1 - x0) * scale), round((1000 + 3 * MARGIN) * scale)
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        painter.translate(QPointF(-x0, 2 * MARGIN))
        _draw_view(painter, feats, view, layers)
        painter.end()
        path = outdir / f"{view}.png"
        if not image.save(str(path)):
            raise OSError(f"cannot write {path}")
        written.append(path)
    return written
