"""Where a muscle's trigger points commonly sit, in atlas coordinates, per view.

A thin layer over `bodymap.knowledge.site_point` that also expands muscle groups
(``hamstrings`` → its parts) and skips sites whose landmark a view lacks.
"""

from __future__ import annotations

from collections.abc import Mapping

from bodymap.atlas import ViewAtlas
from bodymap.knowledge import GROUPS, Knowledge, load_knowledge, site_point

__all__ = ["trigger_point_sites"]


def trigger_point_sites(
    muscle: str,
    side: str,
    atlas: Mapping[str, ViewAtlas],
    knowledge: Knowledge | None = None,
) -> dict[str, list[tuple[float, float]]]:
    """``{view: [(x, y), ...]}`` of the trigger-point sites of ``muscle`` on ``side``."""
    knowledge = knowledge if knowledge is not None else load_knowledge()
    found: dict[str, list[tuple[float, float]]] = {}
    for muscle_id in GROUPS.get(muscle, (muscle,)):
        record = knowledge.muscles.get(muscle_id)
        if record is None:
            continue
        for site in record.trigger_points:
            if site.view not in atlas:
                continue
            try:
                point = site_point(site, side, atlas[site.view].landmarks)
            except KeyError:
                continue
            found.setdefault(site.view, []).append(point)
    return found
