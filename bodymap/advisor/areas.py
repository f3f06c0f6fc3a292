"""Painted pain areas: how much of an area each referral zone covers, and the pain extent.

A spot may carry an ``area`` (anything with a shapely ``shape``, or a shapely geometry),
a painted region of its view in atlas units. For an area spot the advisor replaces the
point's yes/no questions ("is the point in this muscle's zone?") by fractions of areas.

With ``A`` the area clipped to the body outline, ``E`` a muscle's essential zone and ``S``
its spillover zone on one side (the union of its referral segments on that side and on
the midline, spillover without the essential part), and ``M`` the muscle's own region:

    referred = ESSENTIAL × (|A∩E| / |A| + FILL × |A∩E| / |E|)
             + SPILLOVER × (|A∩S| / |A| + FILL × |A∩S| / |S|)
    local    = layer weight × min(1, |A∩M| / disc)

The first fraction of each zone term (*coverage*: how much of the area the zone explains)
carries the weight; the second (*fill*: how much of the zone the area covers) is a
Jaccard-like bonus at :data:`FILL` so that an area painted over the whole of a pattern
beats one that merely lies inside it. An area wholly inside the essential zone of a muscle
weighs like a point in it (:data:`~bodymap.advisor.ranking.ESSENTIAL`). A muscle lies under
the area (``local``) when the area covers at least a spot's disc of it
(π × :data:`~bodymap.advisor.extent.SPOT_RADIUS` squared). For an area the drawing's *shape* is
the evidence: the two combine as ``referred + ¼ × local``, so lying under part of a drawing
adds a quarter, and a muscle whose pattern the drawing reproduces ranks above muscles that
merely lie under it (for a point, where shape says nothing, the larger of the two counts
whole). The sum is scaled by prevalence and intensity.

Painting more of a muscle's essential zone never lowers its score: coverage of ``E`` rises,
the loss in coverage of ``S`` is smaller (the added part was counted nowhere for ``S``, and
ESSENTIAL ≥ SPILLOVER), the fills and ``|A∩M|`` never fall.

Segments partition the outline, so ``|A∩E|`` is a sum of ``|A∩segment|`` over the
segments of ``E``: one intersection per segment the area touches, and each zone's size is
precomputed per view, muscle and side (:class:`AreaTables`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shapely

from bodymap.advisor.extent import SPOT_RADIUS
from bodymap.advisor.model import Reason
from bodymap.sides import MIDLINE_X

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from bodymap.advisor.tables import Tables
    from bodymap.atlas import Region, ViewAtlas

__all__ = [
    "DISC",
    "FILL",
    "SLIVER",
    "AreaTables",
    "Extent",
    "area_contributions",
    "area_of",
    "clipped_area",
    "pain_extent",
    "parse_polygon",
]

FILL = 0.25
"""Weight of how much of a zone the area fills, beside how much of the area it covers."""
DISC = math.pi * SPOT_RADIUS**2
"""A spot's disc in square atlas units: an area over this much of a muscle lies on it."""
SLIVER = 1.0
"""Overlaps smaller than this (square atlas units) are a border grazed, not covered."""
_SUPERFICIAL = 0.85
_DEEP = 0.6
_ESSENTIAL = 0.8
_SPILLOVER = 0.4
_BOTH_BONUS = 0.25


def area_of(spot: object) -> BaseGeometry | None:
    """The spot's painted area as a shapely geometry, or None for a point spot."""
    area = getattr(spot, "area", None)
    if area is None:
        return None
    shape: BaseGeometry = getattr(area, "shape", area)
    return shape


def parse_polygon(text: str) -> BaseGeometry:
    """A polygon from ``"x1,y1 x2,y2 ..."`` (at least three corners); ValueError if bad."""
    corners: list[tuple[float, float]] = []
    for item in text.split():
        parts = item.split(",")
        if len(parts) != 2:
            raise ValueError(f"polygon corner {item[:40]!r} is not X,Y")
        try:
            x, y = float(parts[0]), float(parts[1])
        except ValueError:
            raise ValueError(f"polygon corner {item[:40]!r} is not two numbers") from None
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError(f"polygon corner {item[:40]!r} is not finite")
        corners.append((x, y))
    if len(corners) < 3:
        raise ValueError("a polygon needs at least three X,Y corners")
    shape = shapely.Polygon(corners)
    if not shape.is_valid:
        shape = shapely.make_valid(shape)
    if shape.area <= 0:
        raise ValueError("the polygon encloses no area")
    return shape


@dataclass(frozen=True, slots=True)
class _Zone:
    muscle: str
    side: str
    zone: str


class AreaTables:
    """Per view: the segments in a tree, and each (muscle, side, zone)'s size there."""

    def __init__(self, va: ViewAtlas, tables: Tables) -> None:
        self.outline = va.outline
        shapely.prepare(self.outline)
        self.segments: tuple[Region, ...] = va.layer("segment")
        self.segment_tree = shapely.STRtree([r.geometry for r in self.segments])
        self.bodies: tuple[Region, ...] = tuple(
            r
            for layer in ("superficial", "deep")
            for r in va.layer(layer)
            if r.id in tables.source_ids  # fascia is rolled around, never ranked
        )
        self.body_tree = shapely.STRtree([r.geometry for r in self.bodies])
        for region in (*self.segments, *self.bodies):
            shapely.prepare(region.geometry)
        self.zone_size: dict[_Zone, float] = {}
        for region in self.segments:
            size = float(region.geometry.area)
            for ref in tables.referrers.get((region.id, region.side), ()):
                key = _Zone(ref.muscle, ref.side, ref.zone)
                self.zone_size[key] = self.zone_size.get(key, 0.0) + size


def _overlaps(area: BaseGeometry, size: float, regions: list[BaseGeometry]) -> list[float]:
    """|area ∩ region| for each region; a region holding the whole area costs no cut."""
    whole = shapely.contains_properly(regions, area)
    out = [size] * len(regions)
    cut = [i for i, inside in enumerate(whole.tolist()) if not inside]
    if cut:
        pieces = shapely.area(shapely.intersection(area, [regions[i] for i in cut]))
        for i, piece in zip(cut, pieces.tolist(), strict=True):
            out[i] = float(piece)
    return out


def _on_body(shape: BaseGeometry, outline: BaseGeometry) -> BaseGeometry:
    if shapely.contains_properly(outline, shape):  # the outline is prepared: a fast test
        return shape
    return shapely.intersection(shape, outline)


def clipped_area(shape: BaseGeometry, va: ViewAtlas) -> BaseGeometry:
    """The part of an area on the body."""
    shapely.prepare(va.outline)
    return _on_body(shape, va.outline)


def _pct(value: float) -> int:
    return round(100 * value)


def area_contributions(
    index: int,
    shape: BaseGeometry,
    view: str,
    intensity_factor: float,
    tables: Tables,
) -> dict[tuple[str, str], tuple[float, list[Reason]]]:
    """The contribution of one area spot to every candidate, with reasons (see module)."""
    at = area_tables(tables, view)
    area = _on_body(shape, at.outline)
    out: dict[tuple[str, str], tuple[float, list[Reason]]] = {}
    number = index + 1
    covered: dict[_Zone, float] = {}
    hits = at.segment_tree.query(area, predicate="intersects")
    pieces = shapely.area(shapely.intersection(area, [at.segments[i].geometry for i in hits]))
    size = float(pieces.sum())  # the segments partition the outline
    if size <= SLIVER:
        return out
    if len(hits):
        for i, piece in zip(hits.tolist(), pieces.tolist(), strict=True):
            if piece < SLIVER:
                continue  # the area only grazes the segment's border
            seg = at.segments[i]
            for ref in tables.referrers.get((seg.id, seg.side), ()):
                key = _Zone(ref.muscle, ref.side, ref.zone)
                covered[key] = covered.get(key, 0.0) + piece
    referred: dict[tuple[str, str], tuple[float, list[Reason]]] = {}
    for key, inside in sorted(covered.items(), key=lambda kv: kv[0].zone):
        zone_size = at.zone_size.get(key, 0.0)
        cover = inside / size
        fill = inside / zone_size if zone_size > 0 else 0.0
        weight = (_ESSENTIAL if key.zone == "essential" else _SPILLOVER) * (cover + FILL * fill)
        word = "main" if key.zone == "essential" else "spillover"
        text = (
            f"Its {word} zone covers {_pct(cover)} % of area {number} "
            f"(the area covers {_pct(fill)} % of that zone)."
        )
        old_w, old_r = referred.get((key.muscle, key.side), (0.0, []))
        referred[(key.muscle, key.side)] = (
            old_w + weight,
            [*old_r, Reason(index, "referred", key.zone, text)],
        )
    local: dict[tuple[str, str], tuple[float, float, str]] = {}
    hits = at.body_tree.query(area, predicate="intersects")
    if len(hits):
        pieces = _overlaps(area, size, [at.bodies[i].geometry for i in hits])
        for i, piece in zip(hits.tolist(), pieces, strict=True):
            region = at.bodies[i]
            layer = _SUPERFICIAL if region.layer == "superficial" else _DEEP
            if piece < SLIVER:
                continue
            weight = layer * min(1.0, piece / DISC)
            key2 = (region.id, region.side)
            if weight > 0 and (key2 not in local or local[key2][0] < weight):
                local[key2] = (weight, piece, region.layer)
    prevalence = tables.prevalence_factor
    muscles = tables.knowledge.muscles
    for key2 in local.keys() | referred.keys():
        if key2[0] not in tables.source_ids:
            continue
        reasons: list[Reason] = []
        lw = rw = 0.0
        if key2 in local:
            lw, piece, layer_name = local[key2]
            deep = " deep" if layer_name == "deep" else ""
            reasons.append(
                Reason(
                    index,
                    "local",
                    None,
                    f"{muscles[key2[0]].name} lies{deep} under {_pct(piece / size)} % "
                    f"of area {number}.",
                )
            )
        if key2 in referred:
            rw, why = referred[key2]
            reasons.extend(why)
        weight = rw + _BOTH_BONUS * lw  # the shape is the evidence; lying under it a bonus
        out[key2] = (weight * prevalence[key2[0]] * intensity_factor, reasons)
    return out


_AREA_TABLES: dict[tuple[int, str], tuple[Tables, AreaTables]] = {}


def area_tables(tables: Tables, view: str) -> AreaTables:
    """The area tables of one view, built on first use and kept with the tables."""
    key = (id(tables), view)
    found = _AREA_TABLES.get(key)
    if found is None or found[0] is not tables:
        if len(_AREA_TABLES) > 16:
            _AREA_TABLES.clear()
        found = _AREA_TABLES[key] = (tables, AreaTables(tables.atlas[view], tables))
    return found[1]


@dataclass(frozen=True, slots=True)
class Extent:
    """Pain extent in percent of the whole body outline (front and back together)."""

    front: float
    back: float
    right: float
    left: float

    @property
    def total(self) -> float:
        return self.front + self.back

    def to_json(self) -> dict[str, float]:
        return {
            "front": round(self.front, 2),
            "back": round(self.back, 2),
            "total": round(self.total, 2),
            "right": round(self.right, 2),
            "left": round(self.left, 2),
        }


def pain_extent(
    spots: Sequence[Any], atlas: Mapping[str, ViewAtlas]
) -> tuple[Extent, list[float | None]]:
    """The pain extent of the painted areas and each spot's area on the body (units²).

    Areas of one view are united first, so overlapping areas count once. The body is the
    front and the back outline together; the sides split at the midline (x = 500), the
    person's right being the viewer's left in front and the viewer's right behind.
    """
    body = sum(float(va.outline.area) for va in atlas.values()) or 1.0
    sizes: list[float | None] = []
    per_view: dict[str, list[BaseGeometry]] = {}
    for spot in spots:
        shape = area_of(spot)
        va = atlas.get(spot.view)
        if shape is None or va is None:
            sizes.append(None)
            continue
        clipped = clipped_area(shape, va)
        sizes.append(round(float(clipped.area), 1))
        per_view.setdefault(spot.view, []).append(clipped)
    views = {"front": 0.0, "back": 0.0}
    sides = {"right": 0.0, "left": 0.0}
    for view, shapes in per_view.items():
        union = shapely.union_all(shapes)
        views[view] = views.get(view, 0.0) + float(union.area)
        west = shapely.box(0, 0, MIDLINE_X, 1000)
        west_size = float(shapely.intersection(union, west).area)
        east_size = float(union.area) - west_size
        right, left = (west_size, east_size) if view == "front" else (east_size, west_size)
        sides["right"] += right
        sides["left"] += left
    pct = 100.0 / body
    return (
        Extent(
            front=views.get("front", 0.0) * pct,
            back=views.get("back", 0.0) * pct,
            right=sides["right"] * pct,
            left=sides["left"] * pct,
        ),
        sizes,
    )
