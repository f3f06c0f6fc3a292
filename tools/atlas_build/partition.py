"""Turn overlapping, generous region shapes into a true partition of the half outline.

Shapes are placed in priority order: each is clipped to the outline minus what is already
placed. Detached crumbs and uncovered slivers then go to the neighbour that shares most of
their border, so the layer covers the outline with no overlaps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from .geom import HALF, largest, polygons

__all__ = ["Part", "clip_inside", "partition"]


@dataclass(frozen=True)
class Part:
    """A named shape on the right half: ``midline`` parts are merged with their mirror."""

    id: str
    shape: BaseGeometry = field(repr=False)
    kind: str = "muscle"
    midline: bool = False


def clip_inside(container: Polygon, shape: BaseGeometry) -> Polygon:
    """A region clipped to the half outline, as one valid polygon."""
    return largest(shapely.make_valid(shape.intersection(container).intersection(HALF)))


def partition(container: Polygon, parts: list[Part]) -> list[tuple[Part, BaseGeometry]]:
    """Partition ``container`` among ``parts`` (earlier parts win overlaps)."""
    placed: list[tuple[Part, BaseGeometry]] = []
    taken: BaseGeometry = Polygon()
    crumbs: list[Polygon] = []
    for part in parts:
        geom = shapely.make_valid(part.shape.intersection(container).difference(taken))
        pieces = sorted(polygons(geom), key=lambda p: -p.area)
        if not pieces:
            raise ValueError(f"region {part.id} is empty after clipping")
        main, rest = pieces[0], pieces[1:]
        crumbs.extend(rest)
        placed.append((part, main))
        taken = shapely.union(taken, geom)
    leftover = shapely.make_valid(container.difference(taken))
    crumbs.extend(polygons(leftover))
    geoms = [g for _, g in placed]
    tree = shapely.STRtree(geoms)
    for crumb in sorted(crumbs, key=lambda p: (-p.area, p.centroid.x, p.centroid.y)):
        if crumb.area < 1e-6:
            continue
        near = crumb.buffer(0.6)
        best, best_score = -1, -1.0
        for i in sorted(tree.query(near)):
            score = near.intersection(geoms[i]).area
            if score > best_score + 1e-9:
                best, best_score = int(i), score
        if best < 0:
            best = int(tree.nearest(crumb))
        geoms[best] = shapely.make_valid(shapely.union(geoms[best], crumb))
    return [(part, geom) for (part, _), geom in zip(placed, geoms, strict=True)]
