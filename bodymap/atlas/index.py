"""Spatial lookups on one view: what lies under a point, and which regions touch which.

One :class:`shapely.STRtree` per layer is built at load time; region records sit in a
parallel tuple indexed by the tree's answers.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
import shapely
from shapely.geometry import Point

from bodymap.atlas.loader import ViewData
from bodymap.atlas.model import Hit, Region, main_place
from bodymap.recent import A_MAPS_WORTH, answer_for, answers_for, keep
from bodymap.sides import MIDLINE_X, area_sides, side_for

__all__ = [
    "AREA_GRAZE",
    "AREA_SEGMENT_MIN",
    "AREA_SEGMENT_SHARE",
    "LOOKUP_LAYERS",
    "MIDLINE_X",
    "NEIGHBOUR_GAP",
    "SNAP_DISTANCE",
    "SegmentCuts",
    "ViewAtlas",
]

SNAP_DISTANCE = 6.0
"""A click this close outside the outline counts as a click on the body."""
NEIGHBOUR_GAP = 3.0
"""Regions closer than this (atlas units) count as neighbours."""
LOOKUP_LAYERS = ("superficial", "deep", "segment", "caution")
"""The layers a point is looked up in, each with its own tree and neighbour table."""
AREA_GRAZE = 0.5
"""Atlas units: a painted area that meets a region only this close to its own edge has
grazed the region's border, not covered any of it."""
AREA_SEGMENT_SHARE = 0.02
"""A painted area lies on a surface segment when at least this share of the area (or
:data:`AREA_SEGMENT_MIN`) lies in it; less only grazes it (``Hit.grazed``)."""
AREA_SEGMENT_MIN = 30.0
"""Square atlas units (about 1 cm², a fingertip): an area lies on a surface segment when
this much of it lies in it, whatever the share."""
RECENT_HITS = A_MAPS_WORTH
"""How many answers of :meth:`ViewAtlas.locate` are kept for the same point asked again."""


class SegmentCuts(NamedTuple):
    """A painted area cut by the surface segments it meets (:meth:`ViewAtlas.segment_cuts`)."""

    indices: tuple[int, ...]
    """Each segment's place in ``ViewAtlas.layer("segment")``."""
    pieces: tuple[Any, ...]
    """The area's part on each (a shapely geometry)."""
    sizes: tuple[float, ...]
    """Each part's size, square atlas units."""


AREA_SAMPLES = 400
"""About how many grid points over a painted area weigh which muscles cover most of it."""


def _sample_points(area: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """The points of a regular grid of about :data:`AREA_SAMPLES` over ``area``'s bounds
    that lie inside it (as x and y arrays), or None for an area too thin to hold one."""
    x0, y0, x1, y1 = area.bounds
    size = float(area.area)
    if size <= 0:
        return None
    step = math.sqrt(size / AREA_SAMPLES)
    gx = np.arange(x0 + step / 2, x1, step)
    gy = np.arange(y0 + step / 2, y1, step)
    xs, ys = (a.ravel() for a in np.meshgrid(gx, gy))
    inside = shapely.contains_xy(area, xs, ys)
    return (xs[inside], ys[inside]) if inside.any() else None


class _LayerIndex:
    """An STRtree over one layer's polygons with the regions in tree order."""

    def __init__(self, regions: Sequence[Region]) -> None:
        self.regions = tuple(regions)
        geoms = [r.geometry for r in self.regions]
        for geom in geoms:
            shapely.prepare(geom)
        self.tree = shapely.STRtree(geoms)

    def at(self, point: Any) -> tuple[Region, ...]:
        hits = self.tree.query(point, predicate="intersects")
        return tuple(self.regions[i] for i in sorted(hits))

    def per_point(self, points: Any, predicate: str, **options: float) -> list[list[Region]]:
        """For each of ``points`` (a shapely array), the regions meeting ``predicate``, in
        tree order: one bulk query."""
        out: list[list[Region]] = [[] for _ in range(len(points))]
        if len(points):
            pairs = self.tree.query(points, predicate=predicate, **options)
            order = np.lexsort((pairs[1], pairs[0]))
            regions = self.regions
            for i, j in zip(pairs[0][order].tolist(), pairs[1][order].tolist(), strict=True):
                out[i].append(regions[j])
        return out


class ViewAtlas:
    """The atlas of one view (``front`` or ``back``)."""

    def __init__(self, data: ViewData) -> None:
        self.view = data.view
        self.outline = data.outline
        shapely.prepare(self.outline)
        self.landmarks = dict(data.landmarks)
        self.regions = data.regions
        self._layers = {
            name: _LayerIndex([r for r in data.regions if r.layer == name])
            for name in LOOKUP_LAYERS
        }
        self._ahead = data.neighbours or {}
        self._by_id: dict[tuple[str, str], list[Region]] = {}
        self._recent: dict[tuple[float, float], Hit] = {}
        self._recent_cautions: dict[tuple[float, float, float], tuple[Region, ...]] = {}
        self._recent_areas: dict[tuple[Any, Hit], Hit] = {}
        self._recent_clips: dict[Any, Any] = {}
        self._recent_cuts: dict[Any, SegmentCuts] = {}
        for region in data.regions:
            self._by_id.setdefault((region.id, region.side), []).append(region)

    def layer(self, name: str) -> tuple[Region, ...]:
        """All regions of one layer (``superficial``, ``deep``, ``segment``, ``caution``)."""
        return self._layers[name].regions

    def find(self, region_id: str, side: str | None = None) -> list[Region]:
        """The regions with this id (on this side, if given), over all layers."""
        if side is not None:
            return list(self._by_id.get((region_id, side), ()))
        return [r for (rid, _), rs in self._by_id.items() if rid == region_id for r in rs]

    def side_of(self, x: float) -> str:
        """The person's side for a point at ``x`` in this view."""
        return side_for(self.view, x)

    def _snap(self, x: float, y: float) -> tuple[float, float] | None:
        """The nearest point just inside the body, if (x, y) is a near miss."""
        point = Point(x, y)
        if self.outline.distance(point) > SNAP_DISTANCE:
            return None
        boundary = self.outline.exterior.interpolate(self.outline.exterior.project(point))
        bx, by = float(boundary.x), float(boundary.y)
        dx, dy = bx - x, by - y
        length = math.hypot(dx, dy) or 1.0
        for step in (0.75, 0.25, 0.0):
            nx, ny = bx + dx / length * step, by + dy / length * step
            if shapely.contains_xy(self.outline, nx, ny):
                return nx, ny
        return bx, by

    def _hit(self, x: float, y: float, inside: bool) -> Hit:
        snapped = False
        if not inside:
            near = self._snap(x, y)
            if near is None:
                return Hit(self.view, (x, y), False, False, self.side_of(x), (), (), ())
            x, y, snapped = near[0], near[1], True
        point = Point(x, y)
        layers = self._layers
        return Hit(
            view=self.view,
            point=(x, y),
            inside=True,
            snapped=snapped,
            side=self.side_of(x),
            regions=layers["superficial"].at(point) + layers["deep"].at(point),
            segments=layers["segment"].at(point),
            cautions=layers["caution"].at(point),
        )

    def locate(self, x: float, y: float) -> Hit:
        """What lies under one point (a near miss snaps onto the body).

        The last few answers are kept: a click is looked up by the canvas, its marker, the
        window's status line and the advisor, and a `Hit` never changes, so each asks once.
        """
        key = (x, y)
        known = self._recent.get(key)
        if known is not None:
            return known
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError(f"coordinates must be finite numbers, got {x!r}, {y!r}")
        hit = self._hit(x, y, bool(shapely.contains_xy(self.outline, x, y)))
        return keep(self._recent, key, hit, RECENT_HITS)

    def locate_many(self, xs: Sequence[float], ys: Sequence[float]) -> list[Hit]:
        """:meth:`locate` for many points at once, with vectorised lookups."""
        ax = np.asarray(xs, dtype=float)
        ay = np.asarray(ys, dtype=float)
        if ax.shape != ay.shape or ax.ndim != 1:
            raise ValueError("xs and ys must be flat sequences of the same length")
        if not (np.isfinite(ax).all() and np.isfinite(ay).all()):
            raise ValueError("coordinates must be finite numbers")
        inside = shapely.contains_xy(self.outline, ax, ay)
        points = shapely.points(ax, ay)
        found = {
            name: index.per_point(points, "intersects") for name, index in self._layers.items()
        }
        hits: list[Hit] = []
        for i in range(len(ax)):
            x, y = float(ax[i]), float(ay[i])
            if not inside[i]:
                hits.append(self._hit(x, y, False))
                continue
            hits.append(
                Hit(
                    view=self.view,
                    point=(x, y),
                    inside=True,
                    snapped=False,
                    side=self.side_of(x),
                    regions=tuple(found["superficial"][i] + found["deep"][i]),
                    segments=tuple(found["segment"][i]),
                    cautions=tuple(found["caution"][i]),
                )
            )
        return hits

    def on_body(self, shape: Any) -> Any:
        """The part of ``shape`` (a painted area, a shapely geometry) on the body; the last
        few answers are kept, as for :meth:`locate`."""
        return answer_for(self._recent_clips, shape, lambda: self._on_body(shape), RECENT_HITS)

    def _on_body(self, shape: Any) -> Any:
        if shapely.contains_properly(self.outline, shape):  # prepared: a fast test
            return shape
        return shapely.intersection(shape, self.outline)

    def segment_cuts(self, area: Any) -> SegmentCuts:
        """The surface segments a painted ``area`` (on the body) meets: their indices in
        :meth:`layer` order, the area's piece on each and the piece's size. Both what lies
        under an area and how much of it each referral zone covers are read from these
        pieces, so they are cut once; the last few answers are kept, as for :meth:`locate`."""
        return answer_for(self._recent_cuts, area, lambda: self._segment_cuts(area), RECENT_HITS)

    def _segment_cuts(self, area: Any) -> SegmentCuts:
        index = self._layers["segment"]
        hits = index.tree.query(area, predicate="intersects").tolist()
        cuts = shapely.intersection(area, [index.regions[i].geometry for i in hits])
        return SegmentCuts(tuple(hits), tuple(cuts.tolist()), tuple(shapely.area(cuts).tolist()))

    def locate_area(self, area: Any, hit: Hit) -> Hit:
        """What lies under a painted ``area`` (a shapely geometry, on the body) whose point
        is located as ``hit``: every region and caution zone it covers, not only grazes
        (its core, :data:`AREA_GRAZE` in from its edge, meets them). The muscles come
        superficial then deep, each layer those covering most of the area first; segments
        and caution zones under its point come first, then the atlas's order.

        A surface segment (where pain is felt: what raises red flags and marks a limb) counts
        only where the area meaningfully lies on it: at least :data:`AREA_SEGMENT_SHARE` of
        the area or :data:`AREA_SEGMENT_MIN` square units, or the segment under its point.
        The segments it touches less than that go to ``grazed`` (a front-thigh area whose
        edge dips a millimetre into the knee does not lie on the knee).

        The last few answers are kept, as for :meth:`locate`: a map's unchanged areas are
        not looked up again when another spot changes (shapes are immutable)."""
        if not hit.inside or area is None or area.is_empty:
            return hit
        return answer_for(
            self._recent_areas, (area, hit), lambda: self._locate_area(area, hit), RECENT_HITS
        )

    def disc_point(self, area: Any) -> tuple[float, float]:
        """Where a painted ``area``'s disc goes: well inside the part of it on the place
        holding most of it, both sides of a place counted together and the larger side
        taken (the place `bodymap.words.area_place` names it by). An area across both
        buttocks gets its disc on a buttock, not on the tailbone between them. A point of
        the area itself when it lies on no place (off the body)."""
        on_body = self.on_body(area)
        segments = self._layers["segment"]
        found = segments.tree.query(on_body, predicate="intersects")
        if on_body.is_empty or not len(found):
            point = area.representative_point()
            return (float(point.x), float(point.y))
        parts = [segments.regions[i] for i in found.tolist()]
        cuts = shapely.intersection(on_body, [r.geometry for r in parts])
        place, sides = main_place(parts, shapely.area(cuts).tolist())
        side = max(sides, key=lambda key: sides[key])
        best = next(
            k for k, region in enumerate(parts) if (region.id, region.side) == (place, side)
        )
        pieces = [p for p in shapely.get_parts(cuts[best]) if p.geom_type == "Polygon"]
        piece = max(pieces, key=lambda poly: poly.area)
        # the centre of the largest circle inside the piece: its middle, not an edge
        point = shapely.get_point(shapely.maximum_inscribed_circle(piece, tolerance=0.5), 0)
        if not shapely.covers(area, point):  # a sliver: any point of the piece
            point = piece.representative_point()
        return (float(point.x), float(point.y))

    def locate_spot(self, x: float, y: float, area: Any = None) -> Hit:
        """What lies under a spot: its point (:meth:`locate`), or for a spot with a painted
        ``area`` (a shapely geometry, or None) all the area covers on the body
        (:meth:`locate_area`, with how much of it lies on each segment)."""
        hit = self.locate(x, y)
        if area is None or not hit.inside:
            return hit
        return self.locate_area(self.on_body(area), hit)

    def _locate_area(self, area: Any, hit: Hit) -> Hit:
        core = shapely.buffer(area, -AREA_GRAZE)
        if core.is_empty:
            core = area
        layers = self._layers

        def covered(name: str, first: tuple[Region, ...]) -> tuple[Region, ...]:
            index = layers[name]
            found = sorted(index.tree.query(core, predicate="intersects"))
            return first + tuple(r for r in map(index.regions.__getitem__, found) if r not in first)

        segments, grazed, shares = self._meaningful(
            area, covered("segment", hit.segments), hit.segments
        )

        samples = _sample_points(area)

        def most_first(found: tuple[Region, ...]) -> tuple[Region, ...]:
            # the muscles that make up most of the area first (a stable sort: on a tie the
            # one under its point, then the atlas's order), not the one its disc is on; the
            # share of each is counted on a grid of points over the area, as cutting the
            # area with every muscle's outline would cost more than the rest of the lookup
            if len(found) < 2 or samples is None:
                return found
            xs, ys = samples
            counts = [int(shapely.contains_xy(r.geometry, xs, ys).sum()) for r in found]
            order = sorted(range(len(found)), key=lambda i: -counts[i])
            return tuple(found[i] for i in order)

        superficial = tuple(r for r in hit.regions if r.layer == "superficial")
        deep = tuple(r for r in hit.regions if r.layer == "deep")
        return Hit(
            view=hit.view,
            point=hit.point,
            inside=True,
            snapped=hit.snapped,
            side=hit.side,
            regions=most_first(covered("superficial", superficial))
            + most_first(covered("deep", deep)),
            segments=segments,
            cautions=covered("caution", hit.cautions),
            grazed=grazed,
            shares=shares,
            sides=area_sides(self.view, area),
        )

    def _meaningful(
        self, area: Any, touched: tuple[Region, ...], under_point: tuple[Region, ...]
    ) -> tuple[tuple[Region, ...], tuple[Region, ...], tuple[float, ...]]:
        """``touched`` split into the segments the area lies on and those it only grazes,
        with the area's size on each segment it lies on (in that order)."""
        floor = min(AREA_SEGMENT_SHARE * float(area.area), AREA_SEGMENT_MIN)
        cuts = self.segment_cuts(area)
        regions = self._layers["segment"].regions
        met = {regions[i]: size for i, size in zip(cuts.indices, cuts.sizes, strict=True)}
        size_of = {r: met.get(r, 0.0) for r in touched}
        lies = tuple(r for r in touched if r in under_point or size_of[r] >= floor)
        grazed = tuple(r for r in touched if r not in lies)
        return lies, grazed, tuple(size_of[r] for r in lies)

    def cautions_near(
        self, points: Sequence[tuple[float, float]], distance: float
    ) -> list[tuple[Region, ...]]:
        """The caution zones within ``distance`` of each point (those under it included),
        in tree order; one bulk query for the points not asked about lately (the last few
        answers are kept, as for :meth:`locate`)."""
        keys = [(float(x), float(y), float(distance)) for x, y in points]

        def ask(new: list[tuple[float, float, float]]) -> list[tuple[Region, ...]]:
            geoms = shapely.points(np.asarray([key[:2] for key in new], dtype=float))
            found = self._layers["caution"].per_point(geoms, "dwithin", distance=distance)
            return [tuple(regions) for regions in found]

        return answers_for(self._recent_cautions, keys, ask, RECENT_HITS)

    def cautions_near_shapes(
        self, shapes: Sequence[Any], distance: float
    ) -> list[tuple[Region, ...]]:
        """The caution zones within ``distance`` of each of ``shapes`` (painted areas, as
        shapely geometries) anywhere along them, not only near one point, in tree order."""
        found = self._layers["caution"].per_point(
            np.asarray(shapes, dtype=object), "dwithin", distance=distance
        )
        return [tuple(regions) for regions in found]

    def neighbours(self, region: Region) -> tuple[Region, ...]:
        """Regions of the same layer that share a border with ``region`` (or nearly)."""
        return self._neighbour_table(region.layer).get(region, ())

    def neighbour_positions(self, layer: str) -> tuple[tuple[int, ...], ...]:
        """For each region of ``layer`` (in file order), the positions of its neighbours in
        that order: regions within `NEIGHBOUR_GAP`, worked out from the geometry."""
        index = self._layers[layer]
        rows = []
        for k, region in enumerate(index.regions):
            near = index.tree.query(region.geometry, predicate="dwithin", distance=NEIGHBOUR_GAP)
            rows.append(tuple(int(j) for j in sorted(near) if int(j) != k))
        return tuple(rows)

    @functools.cache  # noqa: B019 - one table per layer for the atlas's lifetime
    def _neighbour_table(self, layer: str) -> dict[Region, tuple[Region, ...]]:
        regions = self._layers[layer].regions
        rows = self._ahead.get(layer)
        if rows is None or len(rows) != len(regions):
            rows = self.neighbour_positions(layer)
        pairs = zip(regions, rows, strict=True)
        return {region: tuple(regions[j] for j in row) for region, row in pairs}
