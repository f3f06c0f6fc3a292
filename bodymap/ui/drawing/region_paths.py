"""Shapely geometry → QPainterPath, the one conversion every drawing of the atlas uses.

Region paths are cached per geometry object: the canvas, the exports and the guide draw the
same regions again and again, and building a path from hundreds of vertices is not free.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = ["region_path", "smooth_path"]

_PATH_CACHE: dict[int, tuple[BaseGeometry, QPainterPath]] = {}
_PATH_CACHE_LIMIT = 4096


def _polygons(geometry: BaseGeometry) -> Iterable[BaseGeometry]:
    kind = geometry.geom_type
    if kind == "Polygon":
        return (geometry,)
    if kind in ("MultiPolygon", "GeometryCollection"):
        return [g for g in geometry.geoms if g.geom_type == "Polygon"]
    return ()


def _rings(geometry: BaseGeometry) -> Iterator[Sequence[tuple[float, float]]]:
    """Every ring (exterior, then its holes) of every polygon, without the closing vertex."""
    for polygon in _polygons(geometry):
        yield polygon.exterior.coords[:-1]
        for ring in polygon.interiors:
            yield ring.coords[:-1]


def _add_ring(path: QPainterPath, coords: Sequence[tuple[float, float]]) -> None:
    points = list(coords)
    if len(points) < 3:
        return
    path.moveTo(points[0][0], points[0][1])
    for x, y in points[1:]:
        path.lineTo(x, y)
    path.closeSubpath()


def region_path(geometry: BaseGeometry) -> QPainterPath:
    """A filled path for a shapely Polygon or MultiPolygon (holes stay holes), cached per
    geometry object. The result is a copy the caller may change."""
    key = id(geometry)
    cached = _PATH_CACHE.get(key)
    if cached is not None and cached[0] is geometry:
        return QPainterPath(cached[1])
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in _rings(geometry):
        _add_ring(path, ring)
    if len(_PATH_CACHE) >= _PATH_CACHE_LIMIT:
        _PATH_CACHE.clear()
    _PATH_CACHE[key] = (geometry, path)
    return QPainterPath(path)


def _add_smooth_ring(path: QPainterPath, coords: Sequence[tuple[float, float]]) -> None:
    points = list(coords)
    n = len(points)
    if n < 3:
        return

    def mid(i: int) -> tuple[float, float]:
        (ax, ay), (bx, by) = points[i % n], points[(i + 1) % n]
        return (ax + bx) / 2, (ay + by) / 2

    start = mid(0)
    path.moveTo(*start)
    for i in range(1, n + 1):
        cx, cy = points[i % n]
        ex, ey = mid(i)
        path.quadTo(cx, cy, ex, ey)
    path.closeSubpath()


def smooth_path(geometry: BaseGeometry) -> QPainterPath:
    """Like :func:`region_path` but with quadratic curves through the edge midpoints, for
    a silhouette without visible corners (deviates from the polygon by less than half an
    edge's bend)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in _rings(geometry):
        _add_smooth_ring(path, ring)
    return path
