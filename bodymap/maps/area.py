"""A spot's pain area: a GeoJSON Polygon or MultiPolygon in atlas units, checked strictly.

An `Area` is frozen and valid by construction: closed rings of [x, y] numbers inside the
view (0…1000 on both axes), at most :data:`MAX_AREA_VERTICES` positions in all, a valid
geometry (no self-crossing, holes inside their shell) with an area above zero. shapely is
imported only when an area is checked.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bodymap.maps.errors import shown

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = [
    "AREA_BOUNDS",
    "AREA_KINDS",
    "MAX_AREA_VERTICES",
    "Area",
    "Polygon",
    "Ring",
    "polygon_parts",
]

MAX_AREA_VERTICES = 2000
AREA_BOUNDS = (0.0, 1000.0)
AREA_KINDS = ("Polygon", "MultiPolygon")
Ring = tuple[tuple[float, float], ...]
Polygon = tuple[Ring, ...]


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{where} must be a number, got {shown(value)}")
    number = float(value)
    if not (math.isfinite(number) and AREA_BOUNDS[0] <= number <= AREA_BOUNDS[1]):
        raise ValueError(f"{where} = {value!r:.40} is outside the view (0 to 1000)")
    return number


def _ring(value: object, where: str) -> Ring:
    if not isinstance(value, list | tuple) or len(value) < 4:
        raise ValueError(f"{where} must be a list of at least 4 positions")
    points = []
    for index, position in enumerate(value):
        if not isinstance(position, list | tuple) or len(position) != 2:
            raise ValueError(f"{where}[{index}] must be an [x, y] pair")
        points.append(
            (_number(position[0], f"{where}[{index}]"), _number(position[1], f"{where}[{index}]"))
        )
    if points[0] != points[-1]:
        raise ValueError(f"{where} is not closed (its last position must repeat the first)")
    return tuple(points)


def _polygon(value: object, where: str) -> Polygon:
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"{where} must be a non-empty list of rings")
    return tuple(_ring(ring, f"{where}[{index}]") for index, ring in enumerate(value))


def polygon_parts(shape: BaseGeometry) -> list[Any]:
    """The polygons of a shapely ``shape`` that have an area, however nested (a cut may
    leave lines and points beside them, or collections of collections)."""
    import shapely

    found: list[Any] = []
    for part in shapely.get_parts(shape):
        if isinstance(part, shapely.Polygon):
            if part.area > 0:
                found.append(part)
        elif isinstance(part, shapely.MultiPolygon | shapely.GeometryCollection):
            found.extend(polygon_parts(part))
    return found


@dataclass(frozen=True)
class Area:
    """A Polygon (one part) or MultiPolygon (several parts); each part is a shell ring and
    optional hole rings, each ring closed (last position = first)."""

    kind: str
    parts: tuple[Polygon, ...]

    def __post_init__(self) -> None:
        if self.kind not in AREA_KINDS:
            raise ValueError(f"area type must be Polygon or MultiPolygon, got {self.kind!r:.40}")
        if self.kind == "Polygon" and len(self.parts) != 1:
            raise ValueError("a Polygon area has exactly one part")
        parts = tuple(_polygon(part, f"area part {n}") for n, part in enumerate(self.parts))
        if not parts:
            raise ValueError("a MultiPolygon area needs at least one part")
        object.__setattr__(self, "parts", parts)
        count = self.vertex_count
        if count > MAX_AREA_VERTICES:
            raise ValueError(f"the area has {count:,} positions; at most {MAX_AREA_VERTICES:,}")
        shape = self.shape
        if not shape.is_valid:
            from shapely.validation import explain_validity

            raise ValueError(f"the area is not a valid shape ({explain_validity(shape):.80})")
        if not shape.area > 0:
            raise ValueError("the area is empty (its size is zero)")

    @classmethod
    def from_geojson(cls, value: object) -> Area:
        """An area from a GeoJSON geometry object; ValueError naming the problem."""
        if not isinstance(value, dict):
            raise ValueError("area must be a GeoJSON object")
        if set(value) != {"type", "coordinates"}:
            extra = sorted(set(value) - {"type", "coordinates"})
            raise ValueError(
                f"unknown key {extra[0]!r:.40} in area"
                if extra
                else "area needs 'type' and 'coordinates'"
            )
        kind, coordinates = value["type"], value["coordinates"]
        if kind == "Polygon":
            return cls(kind, (_polygon(coordinates, "area.coordinates"),))
        if kind == "MultiPolygon":
            if not isinstance(coordinates, list) or not coordinates:
                raise ValueError("area.coordinates must be a non-empty list of polygons")
            return cls(
                kind,
                tuple(_polygon(p, f"area.coordinates[{n}]") for n, p in enumerate(coordinates)),
            )
        raise ValueError(f"area type must be Polygon or MultiPolygon, got {kind!r:.40}")

    @classmethod
    def from_shape(cls, shape: BaseGeometry) -> Area:
        """An area from a shapely shape (a brush stroke's result), kept inside the view's
        square: the body's outline reaches a hair past its edge under the soles (y 1000.5
        to 1001.2), and a heel painted to the outline would otherwise be refused. Only its
        polygons count; ValueError if none is left."""
        import shapely

        low, high = AREA_BOUNDS
        parts = polygon_parts(shapely.intersection(shape, shapely.box(low, low, high, high)))
        if not parts:
            raise ValueError("the area lies outside the diagram")
        kept = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
        return cls.from_geojson(json.loads(shapely.to_geojson(kept)))

    def to_geojson(self) -> dict[str, Any]:
        """The GeoJSON geometry object (lists, ready for ``json.dumps``)."""
        polygons = [[[list(p) for p in ring] for ring in part] for part in self.parts]
        return {
            "type": self.kind,
            "coordinates": polygons[0] if self.kind == "Polygon" else polygons,
        }

    @property
    def vertex_count(self) -> int:
        """All positions of all rings, closing positions included."""
        return sum(len(ring) for part in self.parts for ring in part)

    @cached_property
    def shape(self) -> BaseGeometry:
        """The area as a shapely geometry."""
        from shapely.geometry import MultiPolygon
        from shapely.geometry import Polygon as ShapelyPolygon

        polygons = [ShapelyPolygon(part[0], part[1:]) for part in self.parts]
        return polygons[0] if self.kind == "Polygon" else MultiPolygon(polygons)

    @property
    def size(self) -> float:
        """The area in square atlas units."""
        return float(self.shape.area)

    def contains(self, x: float, y: float) -> bool:
        """True if (x, y) lies inside the area or on its edge."""
        from shapely.geometry import Point

        return bool(self.shape.covers(Point(x, y)))

    def inner_point(self) -> tuple[float, float]:
        """A point inside the area (for a spot's disc and label)."""
        point = self.shape.representative_point()
        return (float(point.x), float(point.y))


def area_from_points(points: Sequence[tuple[float, float]]) -> Area:
    """A Polygon area from a ring's positions (closed for you if it is not)."""
    ring = [tuple(p) for p in points]
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return Area("Polygon", ((tuple(ring),),))  # type: ignore[arg-type]
