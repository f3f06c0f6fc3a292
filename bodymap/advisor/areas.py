"""Painted pain areas: how much of an area each referral zone covers, and the pain extent.

A spot may carry an ``area`` (anything with a shapely ``shape``, or a shapely geometry),
a painted region of its view in atlas units. For an area spot the advisor replaces the
point's yes/no questions ("is the point in this muscle's zone?") by fractions of areas.

With ``A`` the area clipped to the body outline, ``E`` a muscle's essential zone and ``S``
its spillover zone on one side (the union of its referral segments on that side and, of a
midline segment such as the sacrum or the vertex, that side's half; of a segment the record
covers only in part, ``referral.focus``, that part; spillover without the essential part),
``M`` the muscle's own region and ``O = M − (E ∪ S)`` the part of it outside its zones:

    referred = ESSENTIAL × (|A∩E| / |A| + FILL × |A∩E| / |E|)
             + SPILLOVER × (|A∩S| / |A| + FILL × |A∩S| / |S|)
    local    = layer weight × (LOCAL × |A∩O| / |A| + UNDER × |A∩M| / |M|)
    score    = (referred + local) × prevalence × intensity

The first fraction of each zone term (*coverage*: how much of the area the zone explains)
carries the weight; the second (*fill*: how much of the zone the area covers) is a
Jaccard-like bonus at :data:`FILL` so that an area painted over the whole of a pattern
beats one that merely lies inside it. An area wholly inside the essential zone of a muscle
weighs like a point in it (:data:`~bodymap.advisor.ranking.ESSENTIAL`).

Without the fills the score is the mean over the area of a weight per place: 0.8 where the
muscle's essential zone is, 0.4 in its spillover zone, ``LOCAL`` × 0.85 (superficial) or
× 0.6 (deep) where only the muscle itself lies under the paint, 0 elsewhere. The muscle
lying under the area is thus evidence in proportion to how much of the drawing it lies
under, like the zones, never the full weight for lying under a corner of a large drawing;
and where a zone already explains a place the muscle lying there adds nothing more (the
drawing's *shape* is the evidence). The small :data:`UNDER` term (how much of the muscle the
paint covers) only orders muscles that share a pattern, such as the two inner hamstrings:
the one under the paint first.

Painting more of a muscle's essential zone never lowers its score: the paint added weighs
0.8, the most any place weighs (ESSENTIAL ≥ SPILLOVER ≥ LOCAL × layer), so the mean does
not fall; the fills and ``|A∩M| / |M|`` never fall.

Referral patterns are ipsilateral: of a midline segment each side's muscles explain their
own half, so an area on one side of the sacrum is explained by that side's muscles, a
centred one by both alike and listed once: a mirror image's scores are rounded so that they
tie exactly, and an area roughly centred (split no worse than 60/40,
`bodymap.sides.CENTRED_SHARE`) gives each muscle's two sides the larger of their scores, as a
spot on the midline does (`bodymap.advisor.ranking`).

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

from bodymap.advisor.model import Reason
from bodymap.knowledge.focus import own_part
from bodymap.recent import answer_for
from bodymap.sides import MIDLINE_X, half_bounds

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from bodymap.advisor.tables import Tables
    from bodymap.atlas import Region, ViewAtlas

__all__ = [
    "FILL",
    "LOCAL",
    "MAX_POLYGON_CORNERS",
    "SLIVER",
    "UNDER",
    "AreaTables",
    "Contributions",
    "Extent",
    "area_contributions",
    "area_of",
    "clipped_area",
    "pain_extent",
    "parse_polygon",
]

FILL = 0.25
"""Weight of how much of a zone the area fills, beside how much of the area it covers."""
SLIVER = 1.0
"""Overlaps smaller than this (square atlas units) are a border grazed, not covered."""
_SUPERFICIAL = 0.85
_DEEP = 0.6
_ESSENTIAL = 0.8
_SPILLOVER = 0.4
LOCAL = 0.25
"""Weight of the part of the area a muscle lies under outside its own referral zones."""
UNDER = 0.05
"""Weight of how much of a muscle the area covers: between muscles with the same pattern,
the one under the paint comes first."""
RECENT_AREAS = 128
"""How many areas' contributions an :class:`AreaTables` keeps: a map's unchanged areas are
not cut against the atlas again when another spot is added or edited."""

Contributions = dict[tuple[str, str], tuple[float, tuple[Reason, ...]]]
"""Each candidate source (muscle, side): its weight from one spot, and the reasons for it.
The reasons are a tuple, so a kept answer is shared, never copied, and never changed."""


def area_of(spot: object) -> BaseGeometry | None:
    """The spot's painted area as a shapely geometry, or None for a point spot."""
    area = getattr(spot, "area", None)
    if area is None:
        return None
    shape: BaseGeometry = getattr(area, "shape", area)
    return shape


MAX_POLYGON_CORNERS = 2000
"""At most this many corners, as a map file's area."""
FAR_CORNER = 100_000.0
"""A corner farther than this from the diagram's origin (atlas units) is refused as absurd:
corners beside the body are allowed, but numbers such as 1e308 overflowed the geometry's
arithmetic (its warnings printed to the terminal) before the answer said nothing lay there."""


def parse_polygon(text: str) -> BaseGeometry:
    """A polygon from ``"x1,y1 x2,y2 ..."``: at least three corners, edges that do not
    cross, some area, as a map file's areas must be (a self-crossing outline is refused,
    not quietly repaired into another shape); ValueError if bad. Corners beside the body
    are allowed: the answer is for the part on the body."""
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
        if max(abs(x), abs(y)) > FAR_CORNER:
            raise ValueError(
                f"polygon corner {item[:40]!r} lies far off the diagram "
                "(atlas units run from 0 to 1000)"
            )
        corners.append((x, y))
    if len(corners) < 3:
        raise ValueError("a polygon needs at least three X,Y corners")
    if len(corners) > MAX_POLYGON_CORNERS:
        raise ValueError(
            f"the polygon has {len(corners):,} corners; at most {MAX_POLYGON_CORNERS:,}"
        )
    shape = shapely.Polygon(corners)
    if not shape.is_valid and shapely.make_valid(shape).area > 0:
        from shapely.validation import explain_validity

        reason = explain_validity(shape)
        raise ValueError(
            f"the polygon's edges cross ({reason:.60}); list its corners in order round it"
        )
    if not shape.is_valid or shape.area <= 0:
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
        self.view_atlas = va
        self.view = va.view
        self.outline = va.outline
        shapely.prepare(self.outline)
        self.segments: tuple[Region, ...] = va.layer("segment")
        self.bodies: tuple[Region, ...] = tuple(
            r
            for layer in ("superficial", "deep")
            for r in va.layer(layer)
            if r.id in tables.source_ids  # fascia is rolled around, never ranked
        )
        self.body_tree = shapely.STRtree([r.geometry for r in self.bodies])
        self.body_size = [max(SLIVER, float(r.geometry.area)) for r in self.bodies]
        for region in (*self.segments, *self.bodies):
            shapely.prepare(region.geometry)
        self.halves = {side: _half(va.view, side) for side in ("right", "left")}
        self.zone_size: dict[_Zone, float] = {}
        self._parts: dict[tuple[str, str], list[BaseGeometry]] = {}
        self.focus: dict[tuple[int, str, str], BaseGeometry] = {}
        """A focused pattern's part of a segment, by (segment index, muscle, side)."""
        for i, region in enumerate(self.segments):
            for ref in tables.referrers.get((region.id, region.side), ()):
                part = self.own_part(region, ref.side)
                if (ref.muscle, region.id) in tables.focused:
                    seg = (region.id, region.side)
                    whole = tables.focus_part(va.view, ref.muscle, ref.side, seg)
                    part = shapely.intersection(part, whole)
                    shapely.prepare(part)
                    self.focus[(i, ref.muscle, ref.side)] = part
                key = _Zone(ref.muscle, ref.side, ref.zone)
                self.zone_size[key] = self.zone_size.get(key, 0.0) + float(part.area)
                self._parts.setdefault((ref.muscle, ref.side), []).append(part)
        self._zones: dict[tuple[str, str], BaseGeometry] = {}
        self._free: dict[int, BaseGeometry | None] = {}
        self.recent: dict[tuple[int, BaseGeometry, float], Contributions] = {}
        """Kept answers of :func:`area_contributions`, by (spot index, shape, factor)."""

    def own_part(self, segment: Region, side: str) -> BaseGeometry:
        """The part of a segment that refers to a muscle on ``side``: a midline segment
        (sacrum, vertex, ...) only on that side's half, as referral is ipsilateral."""
        return own_part(segment.geometry, segment.side, self.view, side)

    def free(self, index: int) -> BaseGeometry | None:
        """The part of a muscle region (``bodies[index]``) outside its own referral zones,
        or None when its zones hold all of it (built on first use)."""
        if index not in self._free:
            region = self.bodies[index]
            zones = self.zones(region.id, region.side)
            part = region.geometry if zones is None else region.geometry.difference(zones)
            if part.area < SLIVER:
                self._free[index] = None
            else:
                shapely.prepare(part)
                self._free[index] = part
        return self._free[index]

    def zones(self, muscle: str, side: str) -> BaseGeometry | None:
        """A muscle's essential and spillover zones together, on one side (built on use)."""
        key = (muscle, side)
        found = self._zones.get(key)
        if found is None:
            parts = self._parts.get(key)
            if not parts:
                return None
            found = self._zones[key] = shapely.union_all(parts)
            shapely.prepare(found)
        return found


def _half(view: str, side: str) -> BaseGeometry:
    """The person's ``side`` of a view: x < 500 is the right in front and the left behind."""
    return shapely.box(*half_bounds(view, side))


def _cuts(area: BaseGeometry, regions: list[BaseGeometry]) -> Any:
    """area ∩ region for each region; a region holding the whole area costs no cut."""
    whole = shapely.contains_properly(regions, area)
    out = [area] * len(regions)
    cut = [i for i, inside in enumerate(whole.tolist()) if not inside]
    if cut:
        for i, piece in zip(
            cut, shapely.intersection(area, [regions[i] for i in cut]), strict=True
        ):
            out[i] = piece
    return out


def _overlaps(
    cuts: list[BaseGeometry], parts: list[BaseGeometry], pieces: list[float]
) -> list[float]:
    """|cut ∩ part| for each pair (``pieces`` the cuts' sizes), one bulk cut for those
    that need one: a (prepared) part holding its whole cut, or apart from it, costs none."""
    out = [
        piece if whole else 0.0
        for piece, whole in zip(
            pieces, shapely.contains_properly(parts, cuts).tolist(), strict=True
        )
    ]
    meet = shapely.intersects(parts, cuts).tolist()
    todo = [k for k, piece in enumerate(out) if not piece and meet[k]]
    if todo:
        sizes = shapely.area(
            shapely.intersection([cuts[k] for k in todo], [parts[k] for k in todo])
        )
        for k, got in zip(todo, sizes.tolist(), strict=True):
            out[k] = got
    return out


def _outside_zones(
    at: AreaTables, area: BaseGeometry, hits: list[int], pieces: list[float]
) -> list[float]:
    """|area ∩ the part of each muscle outside its zones|, one bulk cut for all of them."""
    out = [0.0] * len(hits)
    todo: list[int] = []
    frees: list[BaseGeometry] = []
    for k, i in enumerate(hits):
        free = at.free(i) if pieces[k] >= SLIVER else None
        if free is None or not shapely.intersects(free, area):
            continue
        if shapely.contains_properly(free, area):
            out[k] = pieces[k]
            continue
        todo.append(k)
        frees.append(free)
    if todo:
        parts = shapely.area(shapely.intersection(area, frees)).tolist()
        for k, part in zip(todo, parts, strict=True):
            out[k] = min(pieces[k], part)
    return out


def clipped_area(shape: BaseGeometry, va: ViewAtlas) -> BaseGeometry:
    """The part of an area on the body."""
    clip: BaseGeometry = va.on_body(shape)
    return clip


def _pct(value: float) -> str:
    """A share in whole percent; a share that rounds to nothing but is there reads "less than 1"
    (a zone far larger than the area is not "0 %" covered)."""
    whole = round(100 * value)
    return "less than 1" if whole == 0 and value > 0 else str(whole)


def area_contributions(
    index: int,
    shape: BaseGeometry,
    view: str,
    intensity_factor: float,
    tables: Tables,
) -> Contributions:
    """The contribution of one area spot to every candidate, with reasons (see module).

    The answer depends only on its arguments (shapes are immutable and compared by their
    coordinates), so the last few are kept: a map's other areas cost nothing again when
    one spot changes. The answer is shared with the cache: read it, never change it."""
    at = area_tables(tables, view)
    return answer_for(
        at.recent,
        (index, shape, intensity_factor),
        lambda: _contributions(index, shape, intensity_factor, at, tables),
        RECENT_AREAS,
    )


def _contributions(
    index: int, shape: BaseGeometry, intensity_factor: float, at: AreaTables, tables: Tables
) -> Contributions:
    area = at.view_atlas.on_body(shape)
    out: Contributions = {}
    number = index + 1
    cut_up = at.view_atlas.segment_cuts(area)
    size = math.fsum(cut_up.sizes)  # the segments partition the outline
    if size <= SLIVER:
        return out
    found: list[tuple[_Zone, float]] = []
    focused: list[tuple[_Zone, BaseGeometry, BaseGeometry, float]] = []
    for i, cut, piece in zip(cut_up.indices, cut_up.pieces, cut_up.sizes, strict=True):
        if piece < SLIVER:
            continue  # the area only grazes the segment's border
        seg = at.segments[i]
        own = {side: piece for side in ("right", "left", "midline")}
        if seg.side == "midline":  # each side's half of a midline segment refers to it
            for side, half in at.halves.items():
                own[side] = float(shapely.intersection(cut, half).area)
        for ref in tables.referrers.get((seg.id, seg.side), ()):
            key = _Zone(ref.muscle, ref.side, ref.zone)
            part = at.focus.get((i, ref.muscle, ref.side))
            if part is None:
                found.append((key, own.get(ref.side, piece)))
            elif not part.is_empty:  # the pattern covers part of the segment
                focused.append((key, cut, part, piece))
    if focused:
        keys, cuts, parts, pieces = zip(*focused, strict=True)
        found.extend(zip(keys, _overlaps(list(cuts), list(parts), list(pieces)), strict=True))
    shares: dict[_Zone, list[float]] = {}
    for key, inside in found:
        if inside >= SLIVER:  # not a border grazed (a focus, a midline half)
            shares.setdefault(key, []).append(inside)
    covered = {key: math.fsum(parts) for key, parts in shares.items()}
    referred: dict[tuple[str, str], tuple[float, list[Reason]]] = {}
    for key, inside in sorted(covered.items(), key=lambda kv: kv[0].zone):
        zone_size = at.zone_size.get(key, 0.0)
        cover = inside / size
        fill = min(1.0, inside / zone_size) if zone_size > 0 else 0.0
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
        cuts = _cuts(area, [at.bodies[i].geometry for i in hits])
        pieces = shapely.area(cuts).tolist()
        outside = _outside_zones(at, area, hits.tolist(), pieces)
        for i, piece, free in zip(hits.tolist(), pieces, outside, strict=True):
            if piece < SLIVER:
                continue
            region = at.bodies[i]
            key2 = (region.id, region.side)
            layer = _SUPERFICIAL if region.layer == "superficial" else _DEEP
            weight = layer * (LOCAL * free / size + UNDER * min(1.0, piece / at.body_size[i]))
            if key2 not in local or local[key2][0] < weight:
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
                    f"{muscles[key2[0]].said_name} {muscles[key2[0]].lies}{deep} "
                    f"under {_pct(piece / size)} % "
                    f"of area {number}.",
                    share=None if deep else piece / size,
                )
            )
        if key2 in referred:
            rw, why = referred[key2]
            reasons.extend(why)
        weight = rw + lw
        # (rank_sources rounds the sums, so a mirrored area ties exactly: one entry)
        out[key2] = (weight * prevalence[key2[0]] * intensity_factor, tuple(reasons))
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
        east_size = max(0.0, float(union.area) - west_size)  # never "-0.0 %" from rounding
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
