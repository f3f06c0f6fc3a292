"""The areas to roll around the spots and the sources: their neighbouring regions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely

from bodymap.advisor.model import Source, SurroundingArea
from bodymap.advisor.rollable import RollZones
from bodymap.knowledge import Knowledge
from bodymap.recent import A_MAPS_WORTH, keep

if TYPE_CHECKING:
    from bodymap.atlas import Hit, Region, ViewAtlas

__all__ = ["MAX_SURROUNDING", "ReachIndex", "surrounding_areas"]

MAX_SURROUNDING = 10
REACH = 80.0
"""How far (atlas units, about 14 cm on the body) a source's neighbour may lie from the
pain in that view (or, where the view shows no pain, from the source's trigger points) to
count as "around" it: a long muscle such as multifidus borders both the neck and the
sacrum, and neck muscles are not around sacral pain."""
_BODY_LAYERS = ("superficial", "deep")


RECENT_POINTS = A_MAPS_WORTH
"""How many points' answers a :class:`ReachIndex` keeps."""
FEW_POINTS = 4
"""Up to this many new points are looked up in the tree (and kept) one by one; more are
tested against the asked regions themselves, all at once."""


class ReachIndex:
    """The regions within :data:`REACH` of a point, one view and layer at a time.

    A click changes one spot of a map, and the map's other spots and its sources' trigger
    points are asked about again: each point is looked up once (one tree query) and its
    answer kept, so advising a map again costs set lookups. A region lies within reach of
    some anchors exactly when it lies within reach of one of them.
    """

    def __init__(self, atlas: Mapping[str, ViewAtlas]) -> None:
        self._atlas = atlas
        self._trees: dict[tuple[str, str], tuple[tuple[Region, ...], shapely.STRtree]] = {}
        self._recent: dict[tuple[str, str, float, float], frozenset[Region]] = {}

    def _tree(self, view: str, layer: str) -> tuple[tuple[Region, ...], shapely.STRtree]:
        found = self._trees.get((view, layer))
        if found is None:
            regions = self._atlas[view].layer(layer)
            found = self._trees[(view, layer)] = (
                regions,
                shapely.STRtree([r.geometry for r in regions]),
            )
        return found

    def within(self, view: str, layer: str, point: tuple[float, float]) -> frozenset[Region]:
        """The regions of ``layer`` in ``view`` within :data:`REACH` of ``point``."""
        key = (view, layer, float(point[0]), float(point[1]))
        known = self._recent.get(key)
        if known is None:
            regions, tree = self._tree(view, layer)
            hits = tree.query(shapely.points(key[2], key[3]), predicate="dwithin", distance=REACH)
            known = keep(self._recent, key, frozenset(regions[int(i)] for i in hits), RECENT_POINTS)
        return known

    def near(
        self, regions: Sequence[Region], anchors: Sequence[tuple[float, float]]
    ) -> list[Region]:
        """Those of ``regions`` (one view) within :data:`REACH` of any anchor, in order."""
        if not regions or not anchors:
            return []
        reached: set[Region] = set()
        view = regions[0].view
        for layer in {r.layer for r in regions}:
            missing = []
            for point in anchors:
                known = self._recent.get((view, layer, float(point[0]), float(point[1])))
                if known is None:
                    missing.append((float(point[0]), float(point[1])))
                else:
                    reached |= known
            if len(missing) <= FEW_POINTS:  # a click: kept, as the same points come again
                for point in missing:
                    reached |= self.within(view, layer, point)
            else:  # many points: test the asked regions themselves, not the whole layer
                todo = [r for r in regions if r.layer == layer and r not in reached]
                if todo:
                    close = shapely.dwithin(
                        np.array([r.geometry for r in todo], dtype=object),
                        shapely.multipoints(np.asarray(missing, dtype=float)),
                        REACH,
                    )
                    reached.update(r for r, ok in zip(todo, close.tolist(), strict=True) if ok)
        return [r for r in regions if r in reached]


def _sides(side: str) -> tuple[str, ...]:
    return ("right", "left") if side == "both" else (side,)


PartTouches = Callable[[str, str, str, Any], bool]
"""Whether, in a view, a geometry lies on a body part on one side: (view, part, side, geometry)."""


def _on_marked(
    region: Region, zones: RollZones, marked: Collection[tuple[str, str]], touches: PartTouches
) -> bool:
    """Whether the region's muscle, on its side, has a roll zone in any view lying on a
    (body part, side) marked tingling or numb: the hold tests every view the same way, so
    a muscle held on one map is never offered on the other."""
    return any(
        region.side in (side, "midline") and touches(zone.view, part, side, zone.geometry)
        for zone in zones.every_view(region.id, region.side)
        for part, side in marked
    )


def _presses_held(
    region: Region,
    knowledge: Knowledge,
    held: Collection[tuple[str, str]],
    view: ViewAtlas,
    zones: RollZones,
    marked: Collection[tuple[str, str]],
    touches: PartTouches | None,
) -> bool:
    """Whether a tissue worked both sides at once (two balls either side of the spine for
    the thoracolumbar fascia) would press what waits for a clinician's word: its other
    side, where that side is held or lies on a place marked tingling or numb, or a muscle
    under it worked with the same balls that is held (the lumbar erector spinae)."""
    record = knowledge.muscles.get(region.id)
    if record is None or not record.technique.both_sides or region.side == "midline":
        return False
    other = "left" if region.side == "right" else "right"
    if (region.id, other) in held or (region.id, "both") in held:
        return True
    for muscle, side in held:
        under = knowledge.muscles.get(muscle)
        if under is None or not under.technique.both_sides:
            continue
        for one in _sides(side):
            if any(r.geometry.intersects(region.geometry) for r in view.find(muscle, one)):
                return True
    twin = dataclasses.replace(region, side=other)
    return bool(marked and touches and _on_marked(twin, zones, marked, touches))


def surrounding_areas(
    hits: Sequence[Hit],
    sources: Sequence[Source],
    atlas: Mapping[str, ViewAtlas],
    knowledge: Knowledge,
    zones: RollZones,
    limit: int = MAX_SURROUNDING,
    reach: ReachIndex | None = None,
    held: Collection[tuple[str, str]] = frozenset(),
    marked: Collection[tuple[str, str]] = frozenset(),
    touches: PartTouches | None = None,
) -> tuple[SurroundingArea, ...]:
    """Neighbours (same view, sharing a border) of each spot's region and each source; a
    source's neighbours only where they lie near the pain or the source's trigger points.

    Only the same side of the body counts; ``limit`` caps the number of distinct muscles
    (a muscle keeps both sides when a source stands for both, so mirrored maps agree).
    Only rollable regions appear: worked with a roller or a ball (``[safety]`` in
    ``cautions.toml``), and with room clear of every caution zone; the face, the scalp,
    the throat and the kneecap never do. Fascia under a spot comes first, as local tissue
    to roll around. The sources themselves are left out; the first mention wins.
    ``reach`` answers "which regions lie within reach of these points" (one is made for
    the call when none is given; the advisor keeps one per atlas).

    Nothing a clinician must clear first is rolled around: no ``held`` (muscle, side),
    and no region whose roll zone lies on a (body part, side) in ``marked`` (a limb marked
    tingling or numb), as ``touches`` tells; ``marked`` needs ``touches``.
    """
    if marked and touches is None:
        raise ValueError("surrounding_areas: marked body parts need touches to test them")
    if reach is None:
        reach = ReachIndex(atlas)
    safety = knowledge.safety
    tools = safety.surrounding_tools if safety else ("foam_roller", "ball")
    never = safety.not_surrounding if safety else frozenset()
    known_ids = {
        m for m, rec in knowledge.muscles.items() if rec.technique.tool in tools and m not in never
    }
    skip = {(s.muscle, side) for s in sources for side in _sides(s.side)}
    skip |= {(muscle, side) for muscle, both in held for side in (*_sides(both), both)}
    seen: set[tuple[str, str]] = set()
    out: list[SurroundingArea] = []

    def take(regions: Iterable[Region], sides: tuple[str, ...]) -> None:
        for region in sorted(regions, key=lambda r: (r.id, r.layer)):
            if region.side not in (*sides, "midline"):
                continue  # across the midline: the other side of the body
            key = (region.id, region.side)
            if key in skip or key in seen or region.id not in known_ids:
                continue
            if region.kind not in ("muscle", "fascia"):
                continue
            zone = zones.get(region.view, region.id, region.side)
            if zone is None or not zone.rollable:
                continue
            if marked and touches and _on_marked(region, zones, marked, touches):
                continue
            if _presses_held(region, knowledge, held, atlas[region.view], zones, marked, touches):
                continue
            seen.add(key)
            out.append(
                SurroundingArea(
                    region.id, region.side, region.name, region.view, zone, region.kind != "muscle"
                )
            )

    for hit in hits:  # tissue under a spot that is rolled around, never ranked as a source
        take([r for r in hit.regions if r.kind != "muscle"], hit.own_sides)
    pains: dict[Region, list[tuple[float, float]]] = {}
    for hit in hits:
        if hit.regions:
            pains.setdefault(hit.regions[0], []).append(hit.point)
    for main, points in pains.items():
        take(reach.near(atlas[main.view].neighbours(main), points), (main.side,))
    pain_points = {view: [h.point for h in hits if h.inside and h.view == view] for view in atlas}
    for source in sources:
        for va in atlas.values():
            # around the pain where this view shows it, else around the trigger points
            anchors = pain_points[va.view]
            if not anchors:
                anchors = [(x, y) for v, x, y in source.trigger_points if v == va.view]
            near: list[tuple[Region, str]] = []
            for side in _sides(source.side):
                for region in va.find(source.muscle, side):
                    if region.layer in _BODY_LAYERS:
                        near.extend((n, side) for n in reach.near(va.neighbours(region), anchors))
            near.sort(key=lambda pair: (pair[0].id, pair[0].layer, pair[0].side))
            for region, side in near:
                take((region,), (side,))
    ids = list(dict.fromkeys(area.muscle for area in out))[:limit]
    return tuple(area for area in out if area.muscle in ids)
