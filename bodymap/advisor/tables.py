"""Lookup tables built once per (atlas, knowledge) pair so that advising a spot is a few
dictionary reads: which muscles refer pain to a segment on a side, their reason texts,
their trigger points as atlas points.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shapely

from bodymap.advisor.extent import SpotExtent
from bodymap.advisor.press import NoPressZones
from bodymap.advisor.rollable import RollZones
from bodymap.advisor.surrounding import ReachIndex
from bodymap.advisor.zones_compact import shipped_zones
from bodymap.knowledge import Knowledge, site_point
from bodymap.knowledge.focus import focused_part
from bodymap.knowledge.places import place_noun, place_phrase, sentence_label

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from bodymap.atlas import ViewAtlas

__all__ = [
    "PREVALENCE_FLOOR",
    "Referrer",
    "ReferrerTable",
    "Tables",
    "place_noun",
    "place_phrase",
    "sentence_label",
    "tables_for",
]

_BODY_LAYERS = ("superficial", "deep")
PREVALENCE_FLOOR = 0.5
"""A muscle's prevalence (0..1) scales its score from this floor up to 1.0."""
_DEFAULT_SIDES = ("right", "left")


@dataclass(frozen=True, slots=True)
class Referrer:
    """A muscle on one side whose trigger points refer pain to a segment."""

    muscle: str
    side: str
    zone: str
    text: str


class ReferrerTable(Mapping[tuple[str, str], tuple[Referrer, ...]]):
    """The muscles (per side) referring pain to a (segment, side), each listed once and
    in the knowledge's order, essential zone before spillover.

    A segment's rows are made when it is first asked for: the first advice asks for a few
    segments, not the whole body (building every row took about 5 ms of the start)."""

    def __init__(
        self,
        knowledge: Knowledge,
        sides: Mapping[str, tuple[str, ...]],
        segment_names: Mapping[str, str],
    ) -> None:
        self._knowledge = knowledge
        self._sides = sides
        self._names = segment_names
        self._rows: dict[tuple[str, str], tuple[Referrer, ...]] = {}
        self._by_segment: dict[str, list[tuple[str, str]]] = {}  # segment → (muscle, zone)
        for m, rec in knowledge.muscles.items():
            for zone, segs in (
                ("essential", rec.referral.essential),
                ("spillover", rec.referral.spillover),
            ):
                for seg in segs:
                    self._by_segment.setdefault(seg, []).append((m, zone))

    def _build(self, seg: str, seg_side: str) -> tuple[Referrer, ...]:
        rows: list[Referrer] = []
        listed: set[tuple[str, str]] = set()
        place = place_phrase(self._names.get(seg, seg.replace("_", " ")))
        for m, zone in self._by_segment.get(seg, ()):
            for side in self._sides[m]:
                seg_sides = ("right", "left", "midline") if side == "midline" else (side,)
                if seg_side in (*seg_sides, "midline") and (m, side) not in listed:
                    listed.add((m, side))
                    verb = "commonly refer" if zone == "essential" else "can spread"
                    name = self._knowledge.muscles[m].said_name
                    text = (
                        f"Trigger points in the {name[:1].lower()}{name[1:]} {verb} pain {place}."
                    )
                    rows.append(Referrer(m, side, zone, text))
        return tuple(rows)

    def __getitem__(self, key: tuple[str, str]) -> tuple[Referrer, ...]:
        rows = self._rows.get(key)
        if rows is None:
            rows = self._rows[key] = self._build(*key)
        if not rows:
            raise KeyError(key)
        return rows

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for seg in self._by_segment:
            for seg_side in ("right", "left", "midline"):
                if (seg, seg_side) in self:
                    yield (seg, seg_side)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Tables:
    """Precomputed candidate tables for one atlas and one knowledge set."""

    def __init__(self, atlas: Mapping[str, ViewAtlas], knowledge: Knowledge) -> None:
        self.atlas = atlas
        self.knowledge = knowledge
        sides: dict[str, set[str]] = {}
        segment_names: dict[str, str] = {}
        for va in atlas.values():
            for region in va.regions:
                if region.layer in _BODY_LAYERS:
                    sides.setdefault(region.id, set()).add(region.side)
                elif region.layer == "segment":
                    segment_names.setdefault(region.id, region.name)
            for layer in _BODY_LAYERS:  # build the neighbour tables now, not on first click
                regions = va.layer(layer)
                if regions:
                    va.neighbours(regions[0])
        self.sides: dict[str, tuple[str, ...]] = {
            m: tuple(s for s in ("right", "left", "midline") if s in sides.get(m, ()))
            or _DEFAULT_SIDES
            for m in knowledge.muscles
        }
        self.source_ids = frozenset(
            m for m, rec in knowledge.muscles.items() if rec.kind == "muscle"
        )
        """Records that may be ranked as sources: muscles, never fascia."""
        self.prevalence_factor = {
            m: PREVALENCE_FLOOR + (1 - PREVALENCE_FLOOR) * rec.prevalence
            for m, rec in knowledge.muscles.items()
        }
        self.local_text: dict[tuple[str, str], str] = {}
        for m, rec in knowledge.muscles.items():
            lies = f"{rec.said_name} {rec.lies}"
            self.local_text[(m, "superficial")] = f"{lies} under this spot."
            self.local_text[(m, "deep")] = f"{lies} deep under this spot."
            self.local_text[(m, "superficial_near")] = f"{lies} right next to this spot."
            self.local_text[(m, "deep_near")] = f"{lies} deep, right next to this spot."
        self.referrers = ReferrerTable(knowledge, self.sides, segment_names)
        self.extent = {view: SpotExtent(va) for view, va in atlas.items()}
        self.trigger_points = self._trigger_points()
        self.roll_zones = RollZones(atlas, knowledge, shipped_zones(atlas, knowledge))
        self.reach = ReachIndex(atlas)
        """Regions within reach of a point, for the areas around the pain (kept per point)."""
        self.no_press = NoPressZones(atlas, knowledge)
        """The zones a press test's point stays clear of."""
        self._parts: dict[tuple[str, str, str], Any] = {}
        self._cores: dict[tuple[str, str, str, float], Any] = {}
        self._referring: dict[
            tuple[str, str, str], tuple[tuple[tuple[str, str], bool, str], ...]
        ] = {}
        self.part_of: Mapping[str, str] = knowledge.part_of
        self.focused = frozenset(
            (m, segment)
            for m, rec in knowledge.muscles.items()
            for segment in rec.referral.partial()
        )
        """(muscle, segment) pairs whose pattern covers part of the segment only (a focus,
        or one face of it)."""
        self._focus: dict[tuple[str, str, str, str, str], BaseGeometry] = {}
        self._last_point: tuple[tuple[float, float], Any] = ((math.nan, 0.0), None)
        self._focus_boxes: dict[
            tuple[str, str, str, str, str], tuple[BaseGeometry, float, float, float, float] | None
        ] = {}
        self.recent_spots: dict[tuple[Any, ...], Any] = {}
        """Kept answers of :func:`~bodymap.advisor.ranking.spot_contributions`."""

    def focus_part(
        self, view: str, muscle: str, side: str, segment: tuple[str, str]
    ) -> BaseGeometry:
        """The part of ``segment`` (id, side) in ``view`` that a focused muscle on ``side``
        refers pain to (see :mod:`bodymap.knowledge.focus`); made once and kept."""
        key = (view, muscle, side, *segment)
        part = self._focus.get(key)
        if part is None:
            va = self.atlas[view]
            shape = shapely.union_all(
                [r.geometry for r in va.find(*segment) if r.layer == "segment"]
            )
            referral = self.knowledge.muscles[muscle].referral
            entries = referral.focus_on(segment[0])
            face = referral.face_of(segment[0])
            part = self._focus[key] = focused_part(shape, entries, view, side, va.landmarks, face)
            shapely.prepare(part)
        return part

    def focus_scale(
        self,
        view: str,
        source: tuple[str, str],
        segment: tuple[str, str],
        where: tuple[float, float],
        scale: float,
        reach: float,
        near: float,
    ) -> float:
        """The weight share of a focused pattern for a spot at ``where`` (x, y) whose
        segment counts at ``scale``: as much inside the pattern's part of the segment,
        ``near`` at most within ``reach`` of it (the spot's extent), nothing further away.

        A spot further than ``reach`` from the part's bounding box is further from the part
        too: answered without a geometry call (about half of a map's questions)."""
        box = self._focus_box(view, source, segment)
        if box is None:
            return 0.0
        part, x0, y0, x1, y1 = box
        x, y = where
        if x < x0 - reach or x > x1 + reach or y < y0 - reach or y > y1 + reach:
            return 0.0
        point = self._point(where)
        if shapely.intersects(part, point):
            return scale
        return min(scale, near) if shapely.dwithin(part, point, reach) else 0.0

    def _point(self, where: tuple[float, float]) -> BaseGeometry:
        """``where`` as a shapely point, the last one kept: a spot's questions come one
        after another, and making a point costs more than the test it is made for."""
        if self._last_point[0] != where:
            self._last_point = (where, shapely.Point(where))
        return self._last_point[1]

    def _focus_box(
        self, view: str, source: tuple[str, str], segment: tuple[str, str]
    ) -> tuple[BaseGeometry, float, float, float, float] | None:
        """:meth:`focus_part` with its bounds, None for an empty part; made once and kept."""
        key = (view, *source, *segment)
        if key not in self._focus_boxes:
            part = self.focus_part(view, *source, segment)
            self._focus_boxes[key] = None if part.is_empty else (part, *part.bounds)
        return self._focus_boxes[key]

    def referring_sources(
        self, segment: tuple[str, str], spot_side: str
    ) -> tuple[tuple[tuple[str, str], bool, str], ...]:
        """The sources (muscle, side) referring pain to ``segment`` (id, side) that a spot
        on ``spot_side`` can take, each with whether the zone is essential and the reason's
        text: beside the midline only the spot's own side refers to it (patterns are
        ipsilateral), and fascia is never a source. Made once per segment and side."""
        key = (*segment, spot_side)
        rows = self._referring.get(key)
        if rows is None:
            rows = self._referring[key] = tuple(
                ((ref.muscle, ref.side), ref.zone == "essential", ref.text)
                for ref in self.referrers.get(segment, ())
                if ref.muscle in self.source_ids
                and (spot_side == "midline" or ref.side in (spot_side, "midline"))
            )
        return rows

    def part_core(self, view: str, part: str, side: str, depth: float) -> Any:
        """A body part's segments on ``side`` in ``view`` (not the midline's), less a border
        ``depth`` wide: the part more than ``depth`` inside its edges."""
        key = (view, part, side, depth)
        core = self._cores.get(key)
        if core is None:
            core = self._cores[key] = shapely.buffer(self._part_shape(view, part, (side,)), -depth)
            shapely.prepare(core)
        return core

    def part_touches(self, view: str, part: str, side: str, geometry: Any) -> bool:
        """Whether ``geometry`` overlaps a body part (its segments on ``side``) in ``view``."""
        key = (view, part, side)
        shape = self._parts.get(key)
        if shape is None:
            shape = self._parts[key] = self._part_shape(view, part, (side, "midline"))
            shapely.prepare(shape)
        return bool(shapely.intersects(shape, geometry)) and (
            shape.intersection(geometry).area > 1.0
        )

    def _part_shape(self, view: str, part: str, sides: tuple[str, ...]) -> Any:
        """The union of a body part's segments on ``sides`` in ``view``."""
        ids = next((p.segments for p in self.knowledge.body_parts if p.id == part), ())
        return shapely.union_all(
            [
                r.geometry
                for r in self.atlas[view].layer("segment")
                if r.id in ids and r.side in sides
            ]
        )

    def _trigger_points(self) -> dict[tuple[str, str], tuple[tuple[str, float, float], ...]]:
        points: dict[tuple[str, str], tuple[tuple[str, float, float], ...]] = {}
        for m, rec in self.knowledge.muscles.items():
            for side in self.sides[m]:
                found: list[tuple[str, float, float]] = []
                for site in rec.trigger_points:
                    va = self.atlas.get(site.view)
                    if va is None:
                        continue
                    try:
                        x, y = site_point(
                            site, "right" if side == "midline" else side, va.landmarks
                        )
                    except KeyError:
                        continue
                    found.append((site.view, x, y))
                points[(m, side)] = tuple(found)
        return points


_CACHE: dict[tuple[int, int], Tables] = {}


def tables_for(atlas: Mapping[str, ViewAtlas], knowledge: Knowledge) -> Tables:
    """The tables for this atlas and knowledge, built on first use and kept."""
    key = (id(atlas), id(knowledge))
    tables = _CACHE.get(key)
    if tables is None or tables.atlas is not atlas or tables.knowledge is not knowledge:
        if len(_CACHE) > 8:
            _CACHE.clear()
        tables = _CACHE[key] = Tables(atlas, knowledge)
    return tables
