"""Small geometry helpers: smooth curves through control points and width profiles.

The atlas is drawn by hand-chosen control points; these helpers turn them into smooth
shapely polygons (Catmull-Rom curves, cubic width profiles) so the figure has no corners.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

__all__ = [
    "HALF",
    "Frame",
    "Limb",
    "Point",
    "Profile",
    "blob",
    "closing",
    "curve",
    "largest",
    "opening",
    "polygons",
    "strip",
]

Point = tuple[float, float]

#: the right half of the design plane (d >= 0), generous in y.
HALF = box(0.0, -50.0, 400.0, 1050.0)


def _catmull_rom(points: np.ndarray, closed: bool, samples: int) -> np.ndarray:
    """Points on a uniform Catmull-Rom spline through ``points`` (closed or open)."""
    if closed:
        pts = np.vstack([points[-1], points, points[0], points[1]])
    else:
        pts = np.vstack([points[0], points, points[-1]])
    t = np.linspace(0.0, 1.0, samples, endpoint=False)[:, None]
    out = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        out.append(
            0.5
            * (
                2 * p1
                + (-p0 + p2) * t
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3
            )
        )
    if not closed:
        out.append(pts[-2][None, :])
    return np.vstack(out)


def curve(points: Sequence[Point], samples: int = 10) -> list[Point]:
    """Points on a smooth open curve through the control points (ends included)."""
    line = _catmull_rom(np.asarray(points, dtype=float), closed=False, samples=samples)
    return [(float(d), float(y)) for d, y in line]


def blob(points: Sequence[Point], samples: int = 10) -> Polygon:
    """A smooth closed shape through the control points (in order)."""
    ring = _catmull_rom(np.asarray(points, dtype=float), closed=True, samples=samples)
    poly = shapely.make_valid(Polygon(ring))
    return largest(poly)


def strip(points: Sequence[Point], width: float | Sequence[float]) -> Polygon:
    """A smooth band of the given width (or widths per control point) along a curve."""
    pts = np.asarray(points, dtype=float)
    widths = np.broadcast_to(np.asarray(width, dtype=float), (len(pts),))
    line = _catmull_rom(pts, closed=False, samples=8)
    wline = np.interp(np.linspace(0, len(pts) - 1, len(line)), np.arange(len(pts)), widths)
    tang = np.gradient(line, axis=0)
    tang /= np.maximum(np.hypot(tang[:, 0], tang[:, 1]), 1e-9)[:, None]
    normal = np.stack([-tang[:, 1], tang[:, 0]], axis=1) * (wline / 2)[:, None]
    ring = np.vstack([line + normal, (line - normal)[::-1]])
    return largest(shapely.make_valid(Polygon(ring)))


class Profile:
    """A smooth function of y through control values (cubic Hermite, finite-difference slopes)."""

    def __init__(self, controls: Sequence[Point]) -> None:
        arr = np.asarray(sorted(controls), dtype=float)
        self.y, self.v = arr[:, 0], arr[:, 1]
        dy = np.diff(self.y)
        slope = np.diff(self.v) / dy
        m = np.empty_like(self.v)
        m[0], m[-1] = slope[0], slope[-1]
        m[1:-1] = (self.v[2:] - self.v[:-2]) / (self.y[2:] - self.y[:-2])
        self.m = m

    def __call__(self, y: float | np.ndarray) -> np.ndarray:
        yy = np.clip(np.asarray(y, dtype=float), self.y[0], self.y[-1])
        i = np.clip(np.searchsorted(self.y, yy, side="right") - 1, 0, len(self.y) - 2)
        h = self.y[i + 1] - self.y[i]
        t = (yy - self.y[i]) / h
        h00 = 2 * t**3 - 3 * t**2 + 1
        h10 = t**3 - 2 * t**2 + t
        h01 = -2 * t**3 + 3 * t**2
        h11 = t**3 - t**2
        return h00 * self.v[i] + h10 * h * self.m[i] + h01 * self.v[i + 1] + h11 * h * self.m[i + 1]

    @property
    def span(self) -> tuple[float, float]:
        return float(self.y[0]), float(self.y[-1])


class Limb:
    """A body part given by its inner (medial) and outer (lateral) edge along y.

    ``at(u, y)`` maps a limb coordinate (u = 0 medial edge, 1 lateral edge) to ``(d, y)``,
    so regions on a limb follow its taper and its angle away from the body.
    """

    def __init__(self, inner: Profile, outer: Profile) -> None:
        self.inner, self.outer = inner, outer

    def polygon(self, step: float = 1.0) -> Polygon:
        lo = max(self.inner.span[0], self.outer.span[0])
        hi = min(self.inner.span[1], self.outer.span[1])
        ys = np.arange(lo, hi + step / 2, step)
        left = np.stack([self.inner(ys), ys], axis=1)
        right = np.stack([self.outer(ys), ys], axis=1)
        return Polygon(np.vstack([left, right[::-1]]))

    def at(self, u: float, y: float) -> Point:
        a, b = float(self.inner(y)), float(self.outer(y))
        return (a + u * (b - a), y)

    def blob(self, uv: Sequence[Point], samples: int = 10) -> Polygon:
        """A smooth shape whose control points are given in limb coordinates (u, y)."""
        ring = _catmull_rom(np.asarray(uv, dtype=float), closed=True, samples=samples)
        pts = [self.at(u, y) for u, y in ring]
        return largest(shapely.make_valid(Polygon(pts)))

    def strip(self, uv: Sequence[Point], width: float | Sequence[float]) -> Polygon:
        """A band along a curve given in limb coordinates; width in atlas units."""
        return strip([self.at(u, y) for u, y in uv], width)

    def band(self, u0: float, u1: float, y0: float, y1: float, step: float = 2.0) -> Polygon:
        """The part of the limb between two limb coordinates and two heights."""
        ys = np.arange(y0, y1 + step / 2, step)
        a = [self.at(u0, y) for y in ys]
        b = [self.at(u1, y) for y in ys]
        return Polygon(a + b[::-1])


class Frame:
    """A local frame for a body part: ``t`` along its axis, ``v`` across it (lateral +).

    ``angle`` (degrees) turns the axis from straight down towards the lateral side, so a
    part drawn upright in (t, v) hangs at the angle of the limb it continues. Lengths are
    kept (a rotation), so circles stay circles.
    """

    def __init__(self, origin: Point, angle: float) -> None:
        self.origin = origin
        a = np.radians(angle)
        self.axis = (float(np.sin(a)), float(np.cos(a)))
        self.across = (float(np.cos(a)), float(-np.sin(a)))

    def at(self, t: float, v: float) -> Point:
        (d0, y0), (ad, ay), (cd, cy) = self.origin, self.axis, self.across
        return (d0 + t * ad + v * cd, y0 + t * ay + v * cy)

    def local(self, d: float, y: float) -> Point:
        """The (t, v) of a point given in half coordinates."""
        (d0, y0), (ad, ay), (cd, cy) = self.origin, self.axis, self.across
        return ((d - d0) * ad + (y - y0) * ay, (d - d0) * cd + (y - y0) * cy)

    def polygon(self, tv: Sequence[Point]) -> Polygon:
        return Polygon([self.at(t, v) for t, v in tv])

    def blob(self, tv: Sequence[Point], samples: int = 10) -> Polygon:
        """A smooth closed shape through control points given in (t, v)."""
        return blob([self.at(t, v) for t, v in tv], samples=samples)

    def digit(self, points: Sequence[Point], widths: Sequence[float]) -> Polygon:
        """A finger, thumb or toe: a smooth tapering band through ``points`` (t, v) with a
        round end centred on the last point (so it reaches ``widths[-1] / 2`` beyond it)."""
        band = strip([self.at(t, v) for t, v in points], widths)
        end = shapely.Point(self.at(*points[-1])).buffer(widths[-1] / 2, quad_segs=16)
        return largest(shapely.union(band, end))


def polygons(geom: BaseGeometry) -> list[Polygon]:
    """The polygon parts of any geometry (drops points and lines)."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [p for g in getattr(geom, "geoms", []) for p in polygons(g)]


def largest(geom: BaseGeometry) -> Polygon:
    """The largest polygon part of a geometry."""
    parts = polygons(geom)
    if not parts:
        return Polygon()
    return max(parts, key=lambda p: p.area)


def closing(geom: BaseGeometry, r: float) -> BaseGeometry:
    """Round concave corners and fill notches narrower than 2r."""
    return geom.buffer(r, quad_segs=16).buffer(-r, quad_segs=16)


def opening(geom: BaseGeometry, r: float) -> BaseGeometry:
    """Round convex corners and remove spikes narrower than 2r."""
    return geom.buffer(-r, quad_segs=16).buffer(r, quad_segs=16)
