"""A click marks a thumb-sized spot, not a mathematical point.

Pain is felt over an area and a click on a diagram is imprecise, so regions and surface
segments within :data:`SPOT_RADIUS` of the clicked point also count for ranking (at a
reduced weight). This keeps the answer stable when a spot sits on a drawn border.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import shapely

from bodymap.recent import A_MAPS_WORTH, answers_for

if TYPE_CHECKING:
    from bodymap.atlas import Region, ViewAtlas

__all__ = ["SPOT_RADIUS", "SpotExtent"]

SPOT_RADIUS = 8.0
"""Atlas units (the figure is 1000 tall): about 1.4 cm on an adult, a thumb pad."""
_LAYERS = ("superficial", "deep", "segment")


RECENT_POINTS = A_MAPS_WORTH
"""How many points' answers a :class:`SpotExtent` keeps."""


class SpotExtent:
    """Regions within :data:`SPOT_RADIUS` of points of one view, looked up in bulk.

    The answers for the last few points are kept: advising a map again after a click
    asks about the map's other spots again, and only the new point needs the tree."""

    def __init__(self, va: ViewAtlas) -> None:
        self.regions: tuple[Region, ...] = tuple(r for name in _LAYERS for r in va.layer(name))
        self.tree = shapely.STRtree([r.geometry for r in self.regions])
        self._recent: dict[tuple[float, float], tuple[Region, ...]] = {}

    def around(self, points: Sequence[tuple[float, float]]) -> list[tuple[Region, ...]]:
        """For each point, the regions within reach, in a stable order."""
        keys = [(float(x), float(y)) for x, y in points]
        return answers_for(self._recent, keys, self._query, RECENT_POINTS)

    def _query(self, points: Sequence[tuple[float, float]]) -> list[tuple[Region, ...]]:
        arr = np.asarray(points, dtype=float)
        geoms = shapely.points(arr[:, 0], arr[:, 1])
        pairs = self.tree.query(geoms, predicate="dwithin", distance=SPOT_RADIUS)
        out: list[list[Region]] = [[] for _ in points]
        order = np.lexsort((pairs[1], pairs[0]))
        regions = self.regions
        for i, j in zip(pairs[0][order].tolist(), pairs[1][order].tolist(), strict=True):
            out[i].append(regions[j])
        return [tuple(found) for found in out]
