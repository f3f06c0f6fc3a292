"""What a body heat map colours: each spot's value (a period's mean pain, or its change) on
the surface segments it lies on.

A point spot colours the whole segment under its point, as before. A painted area counts
for every segment it lies on by a meaningful share (the atlas's rule for what an area lies
on: `bodymap.atlas.ViewAtlas.locate_area`, at least 2 % of the area or about 1 cm²), and
colours only its own part of each: the painted extent is what is coloured, split by body
area, never a whole strip it touches. An area's value is not thinned by the share it has
on a segment: 7/10 over a corner of the buttock is still 7/10 there.

Where several spots meet on a segment the strongest value wins (for a change map the one
furthest from zero); the cells are given weakest first, so drawn in order the strongest
lies on top.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shapely

if TYPE_CHECKING:
    from bodymap.atlas import Region, ViewAtlas
    from bodymap.maps.values import Spot

__all__ = ["HeatCell", "heat_cells", "segment_values"]


@dataclass(frozen=True, eq=False)
class HeatCell:
    """One coloured piece of a heat map: a spot's value on one surface segment, and the
    shape to colour (a shapely geometry in atlas units): the whole segment for a point
    spot, the part of the painted area on the segment for an area."""

    segment: Region
    value: float
    shape: Any
    spot_id: str
    painted: bool


def _strength(value: float, change: bool) -> float:
    return abs(value) if change else value


def heat_cells(
    view_atlas: ViewAtlas, spots: Sequence[Spot], values: Mapping[str, float], *, change: bool
) -> list[HeatCell]:
    """The cells of one view for ``values`` (spot id → mean intensity, or change): one a
    segment for point spots (the strongest of those in it), one per segment an area lies
    on; weakest first."""
    whole: dict[Region, HeatCell] = {}
    parts: list[HeatCell] = []
    for spot in spots:
        if spot.view != view_atlas.view or spot.id not in values:
            continue
        value = values[spot.id]
        area = spot.area.shape if spot.area is not None else None
        hit = view_atlas.locate_spot(spot.x, spot.y, area)
        if area is None:
            for segment in hit.segments:
                known = whole.get(segment)
                if known is None or _strength(value, change) > _strength(known.value, change):
                    whole[segment] = HeatCell(segment, value, segment.geometry, spot.id, False)
            continue
        if not hit.inside:
            continue
        on_body = view_atlas.on_body(area)
        shapes = shapely.intersection(on_body, [s.geometry for s in hit.segments])
        for segment, shape in zip(hit.segments, shapes, strict=True):
            if not shape.is_empty:
                parts.append(HeatCell(segment, value, shape, spot.id, True))
    cells = [*whole.values(), *parts]
    cells.sort(key=lambda cell: _strength(cell.value, change))  # stable: points first on ties
    return cells


def segment_values(
    view_atlas: ViewAtlas, spots: Sequence[Spot], values: Mapping[str, float], *, change: bool
) -> dict[Region, float]:
    """Each segment of the view with a value: the strongest of the spots on it (the
    highest mean, or for a change map the change furthest from zero), a painted area
    counting for every segment it lies on."""
    out: dict[Region, float] = {}
    for cell in heat_cells(view_atlas, spots, values, change=change):
        out[cell.segment] = cell.value  # weakest first: the strongest is the last written
    return out
