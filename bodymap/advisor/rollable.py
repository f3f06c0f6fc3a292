"""Where a muscle may be rolled: its region minus every caution zone, with a margin.

A roll zone is computed, never drawn by hand: the muscle's superficial and deep regions on
one side of one view (only the part on the segments its technique's ``roll_on`` names, when
it names some: the top of the shoulder for the upper trapezius), minus every caution zone of
that view (vessels, nerves, organs and
tissue that is not rolled, such as the kneecap) grown by that zone's ``margin`` in
``cautions.toml`` (:data:`MARGIN` unless it gives one: a hand's width behind the knee,
where the text says to stop a hand's width short of the crease). What the window
and the printed guide shade "roll here" is exactly this geometry, so no record, zone or
later feature can put the shading over a place the program says not to roll.

Zones are computed once per (view, muscle, side), on first use, or read from the shipped
compact form when that was made from the same atlas and knowledge
(`bodymap.advisor.zones_compact`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shapely
from shapely.geometry import mapping

from bodymap.knowledge import CautionText, Knowledge
from bodymap.knowledge.model import ZONE_MARGIN, TriggerPointSite, tools_kept_out
from bodymap.knowledge.sites import landmark_name

if TYPE_CHECKING:
    from bodymap.atlas import ViewAtlas

__all__ = [
    "MARGIN",
    "MIN_AREA",
    "RollZone",
    "RollZones",
    "StoredZone",
    "geojson_of",
    "zone_margin",
]

MARGIN = ZONE_MARGIN
"""Atlas units (about 7 mm on an adult) kept clear around a caution zone whose record
gives no ``margin`` of its own."""
MIN_AREA = 60.0
"""Square atlas units: less than about a thumb's print clear of the zones is not rolled."""
MIN_WIDTH = 6.0
"""Atlas units (about 1 cm): thinner slivers left between zones are not rolled."""
ROUNDING = 0.1
"""Atlas units: the most a grown zone's polygon may fall inside the true margin (its
arcs are drawn with straight segments, more of them for a wider margin)."""
_BODY_LAYERS = ("superficial", "deep")
_ROLLING_TOOLS = ("foam_roller", "ball", "hands")


def zone_margin(text: CautionText | None) -> float:
    """How far (atlas units) a roll or a press stays from a caution zone: its own margin as
    the data gives it (a zone the data does not describe: :data:`MARGIN`)."""
    return float(text.margin) if text is not None else MARGIN


StoredZone = tuple[bytes, tuple[str, ...]]
"""A zone computed ahead: its geometry as WKB and the caution zones that blocked it."""


def geojson_of(geometry: Any) -> dict[str, Any]:
    """A geometry as a GeoJSON Polygon or MultiPolygon (an empty one as an empty MultiPolygon)."""
    if geometry is None or geometry.is_empty:
        return {"type": "MultiPolygon", "coordinates": []}
    rounded = shapely.set_precision(geometry, 0.1)
    out: dict[str, Any] = mapping(rounded)
    return out


@dataclass(frozen=True, eq=False)
class RollZone:
    """The rollable part of one muscle on one side of one view.

    ``blocked_by`` names the caution zones that took part of the muscle away.
    """

    view: str
    muscle: str
    side: str
    geometry: Any
    area: float
    blocked_by: tuple[str, ...]

    @property
    def rollable(self) -> bool:
        return self.area >= MIN_AREA

    def geojson(self) -> dict[str, Any]:
        cached: dict[str, Any] | None = self.__dict__.get("_geojson")
        if cached is None:
            cached = geojson_of(self.geometry)
            object.__setattr__(self, "_geojson", cached)
        return cached


class RollZones:
    """Every muscle's roll zone per view and side, and the best view to roll it in."""

    def __init__(
        self,
        atlas: Mapping[str, ViewAtlas],
        knowledge: Knowledge,
        stored: Mapping[tuple[str, str, str], StoredZone] | None = None,
    ) -> None:
        """``stored`` holds zones computed ahead from this same atlas and knowledge (the
        shipped compact form); any other zone is computed when first asked for."""
        self.knowledge = knowledge
        self._stored = stored or {}
        self._zones: dict[tuple[str, str, str], RollZone] = {}
        self._caution_geometries: dict[str, list[Any]] = {}
        self._grown: dict[str, list[Any]] = {}
        self._trees: dict[str, Any] = {}
        self._zone_ids: dict[str, tuple[str, ...]] = {}
        self._zone_tools: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._zone_margins: dict[str, tuple[float, ...]] = {}
        self._keep_out: dict[tuple[str, str], Any] = {}
        self._reaches: dict[tuple[str, str, str, float], bool] = {}
        self._regions: dict[tuple[str, str, str], list[Any]] = {}
        self._segments: dict[str, dict[str, list[Any]]] = {}
        self._landmarks = {view: va.landmarks for view, va in atlas.items()}
        for view, va in atlas.items():
            for segment in va.layer("segment"):
                self._segments.setdefault(view, {}).setdefault(segment.id, []).append(
                    segment.geometry
                )
            zones = va.layer("caution")
            self._caution_geometries[view] = [z.geometry for z in zones]
            self._trees[view] = shapely.STRtree([z.geometry for z in zones])
            self._zone_ids[view] = tuple(z.id for z in zones)
            texts = knowledge.cautions
            self._zone_tools[view] = tuple(
                texts[z.id].tools if z.id in texts else () for z in zones
            )
            self._zone_margins[view] = tuple(zone_margin(texts.get(z.id)) for z in zones)
            for region in va.regions:
                if region.layer in _BODY_LAYERS and region.id in knowledge.muscles:
                    key = (view, region.id, region.side)
                    self._regions.setdefault(key, []).append(region.geometry)
        self._best: dict[tuple[str, str], RollZone | None] = {}

    @functools.cached_property
    def cautions(self) -> dict[str, Any]:
        """Every caution zone of each view as one geometry (for checks over the atlas)."""
        return {view: shapely.union_all(g) for view, g in self._caution_geometries.items()}

    def get(self, view: str, muscle: str, side: str) -> RollZone | None:
        """The roll zone of a muscle on one side of one view (``None`` if not drawn there).

        Computed on first use and kept for the life of the tables.
        """
        key = (view, muscle, side)
        zone = self._zones.get(key)
        if zone is None and key in self._regions:
            stored = self._stored.get(key)
            if stored is not None:
                geometry = shapely.from_wkb(stored[0])
                zone = RollZone(view, muscle, side, geometry, float(geometry.area), stored[1])
            else:
                zone = self._compute(view, muscle, side)
            self._zones[key] = zone
        return zone

    def _grown_zones(self, view: str) -> list[Any]:
        """The caution zones of ``view``, each grown by its own margin (only computing
        needs them)."""
        grown = self._grown.get(view)
        if grown is None:
            grown = self._grown[view] = [
                g.buffer(margin, _arc_segments(margin))
                for g, margin in zip(
                    self._caution_geometries[view], self._zone_margins[view], strict=True
                )
            ]
        return grown

    def _stops(self, view: str, index: int, tool: str) -> bool:
        """Whether caution zone ``index`` of ``view`` keeps ``tool`` out."""
        return tools_kept_out(self._zone_tools[view][index], tool)

    def keep_out(self, view: str, tool: str) -> Any:
        """The caution zones of ``view`` that keep ``tool`` out, as one geometry."""
        key = (view, tool)
        if key not in self._keep_out:
            zones = [
                g for i, g in enumerate(self._trees[view].geometries) if self._stops(view, i, tool)
            ]
            self._keep_out[key] = shapely.union_all(zones)
        return self._keep_out[key]

    def _compute(self, view: str, muscle: str, side: str) -> RollZone:
        whole = shapely.union_all(self._regions[(view, muscle, side)])
        technique = self.knowledge.muscles[muscle].technique
        tool = technique.tool
        if technique.roll_on:  # the technique works only the part on these segments
            segments = self._segments.get(view, {})
            where = [g for seg in technique.roll_on for g in segments.get(seg, ())]
            whole = _polygonal(whole.intersection(shapely.union_all(where)))
        if technique.roll_outside:  # and not where it lies under these muscles
            others = [
                g
                for other in technique.roll_outside
                for on in (side, "midline")
                for g in self._regions.get((view, other, on), ())
            ]
            if others:
                whole = _polygonal(whole.difference(shapely.union_all(others)))
        start = technique.roll_from
        if start is not None and start.view == view:  # and only beyond this point
            whole = _polygonal(whole.intersection(_beyond(start, side, self._landmarks[view])))
        margins = self._zone_margins[view]
        widest = max(margins, default=MARGIN)
        # one query at the widest margin, then each zone at its own
        found = self._trees[view].query(whole, predicate="dwithin", distance=widest)
        geoms = self._caution_geometries[view]
        near = sorted(
            int(i)
            for i in found
            if self._stops(view, int(i), tool) and shapely.dwithin(whole, geoms[i], margins[i])
        )
        rest = whole
        if near:  # an opening drops the slivers a ball cannot follow
            cut = whole.difference(shapely.union_all([self._grown_zones(view)[i] for i in near]))
            half = MIN_WIDTH / 2
            rest = _polygonal(cut.buffer(-half, 2).buffer(half, 2).intersection(cut))
            # a piece smaller than a thumb's print, cut off from the rest, is not rolled
            pieces = [g for g in shapely.get_parts(rest) if g.area >= MIN_AREA]
            rest = shapely.union_all(pieces) if pieces else shapely.MultiPolygon()
        blocked = tuple(sorted({self._zone_ids[view][i] for i in near}))
        return RollZone(view, muscle, side, rest, float(rest.area), blocked)

    def rollable_geometry(self, view: str, muscle: str, side: str) -> Any:
        """The shaded "roll here" geometry of a muscle on one side of one view, or None
        when it has no room to roll there (the catalogue's and the browser's roll zone)."""
        zone = self.get(view, muscle, side)
        return zone.geometry if zone is not None and zone.rollable else None

    def best(self, muscle: str, side: str) -> RollZone | None:
        """The view where the muscle has most room to roll, for a side or ``"both"``.

        A muscle drawn on the midline serves either side. ``None`` when the atlas has no
        region for it.
        """
        key = (muscle, side)
        if key not in self._best:
            self._best[key] = self._find_best(muscle, side)
        return self._best[key]

    def _find_best(self, muscle: str, side: str) -> RollZone | None:
        sides = ("right", "left") if side == "both" else (side,)
        found: list[RollZone] = []
        for view in self._caution_geometries:
            parts = [z for s in (*sides, "midline") if (z := self.get(view, muscle, s))]
            if not parts:
                continue
            if len(parts) == 1:
                found.append(parts[0])
                continue
            geom = shapely.union_all([p.geometry for p in parts])
            blocked = tuple(sorted({b for p in parts for b in p.blocked_by}))
            found.append(RollZone(view, muscle, side, geom, float(geom.area), blocked))
        if not found:
            return None
        return max(found, key=lambda z: (z.area, z.view == "back"))

    def reaches(self, muscle: str, side: str, zone_id: str, distance: float) -> bool:
        """Whether the muscle's shading on ``side`` comes within ``distance`` of caution
        zone ``zone_id`` in a view that draws both; True when no view does (nothing to
        measure, so the caller keeps what it would say about the zone)."""
        key = (muscle, side, zone_id, distance)
        if key not in self._reaches:
            measured = False
            answer = False
            for zone in self.every_view(muscle, side):
                geoms = self._caution_geometries[zone.view]
                mine = [
                    g for g, z in zip(geoms, self._zone_ids[zone.view], strict=True) if z == zone_id
                ]
                if mine:
                    measured = True
                    if shapely.dwithin(zone.geometry, shapely.union_all(mine), distance):
                        answer = True
                        break
            self._reaches[key] = answer or not measured
        return self._reaches[key]

    def every_view(self, muscle: str, side: str) -> tuple[RollZone, ...]:
        """The muscle's roll zones in every view, for a side or ``"both"`` (its midline
        parts too): where it may be worked, whichever map the person looks at."""
        sides = ("right", "left") if side == "both" else (side,)
        return tuple(
            zone
            for view in self._caution_geometries
            for s in dict.fromkeys((*sides, "midline"))
            if (zone := self.get(view, muscle, s)) is not None and not zone.geometry.is_empty
        )

    def is_rollable(self, muscle: str, side: str) -> bool:
        """Whether a muscle gets a rolling step: a tool other than none, and room to roll."""
        record = self.knowledge.muscles.get(muscle)
        if record is None or record.technique.tool not in _ROLLING_TOOLS:
            return False
        zone = self.best(muscle, side)
        return zone is not None and zone.rollable

    def zones(self) -> tuple[RollZone, ...]:
        """Every (view, muscle, side) roll zone, for checks over the whole atlas."""
        return tuple(z for key in self._regions if (z := self.get(*key)) is not None)


def _arc_segments(margin: float) -> int:
    """Segments per quarter circle so a grown zone's arcs fall at most :data:`ROUNDING`
    inside the true margin (4 for the usual margin, as before)."""
    segments = 4
    while margin * (1 - math.cos(math.pi / (4 * segments))) > ROUNDING:
        segments *= 2
    return segments


def _beyond(site: TriggerPointSite, side: str, landmarks: Mapping[str, tuple[float, float]]) -> Any:
    """The half of the view past ``site``'s point: across the line from its first
    landmark to its second, on the second's side (a square far larger than the body)."""
    (ax, ay), (bx, by) = (landmarks[landmark_name(n, site.view, side)] for n in (site.a, site.b))
    length = math.hypot(bx - ax, by - ay)
    dx, dy = (bx - ax) / length, (by - ay) / length  # along the line
    cx, cy = ax + (bx - ax) * site.t, ay + (by - ay) * site.t
    far = 5000.0
    return shapely.Polygon(
        [
            (cx - dy * far, cy + dx * far),
            (cx + dy * far, cy - dx * far),
            (cx + dy * far + dx * far, cy - dx * far + dy * far),
            (cx - dy * far + dx * far, cy + dx * far + dy * far),
        ]
    )


def _polygonal(geom: Any) -> Any:
    """Only the areal parts of a geometry (a difference can leave lines and points)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.MultiPolygon()
