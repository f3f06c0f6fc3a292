"""Cross-checks between the knowledge tables and the atlas geometry.

Kept apart from the loader so the tables can be read (and unit-tested) without geometry;
``bodymap atlas check`` and the tests call :func:`validate_against_atlas`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import shapely

from bodymap.knowledge.model import Knowledge
from bodymap.knowledge.sites import site_point

if TYPE_CHECKING:
    from bodymap.atlas import ViewAtlas

__all__ = ["validate_against_atlas"]

_BODY_LAYERS = ("superficial", "deep")


def _where(knowledge: Knowledge, muscle_id: str) -> str:
    return f"{knowledge.muscles[muscle_id].file}: muscle {muscle_id!r}"


def validate_against_atlas(knowledge: Knowledge, atlas: Mapping[str, ViewAtlas]) -> list[str]:
    """Every disagreement between knowledge and atlas, as readable lines (empty if none)."""
    problems: list[str] = []
    atlas_muscles: set[str] = set()
    atlas_segments: set[str] = set()
    atlas_zones: set[str] = set()
    for va in atlas.values():
        for region in va.regions:
            if region.layer in _BODY_LAYERS:
                atlas_muscles.add(region.id)
            elif region.layer == "segment":
                atlas_segments.add(region.id)
            elif region.layer == "caution":
                atlas_zones.add(region.id)
    for muscle_id in sorted(atlas_muscles - set(knowledge.muscles)):
        problems.append(f"atlas region {muscle_id!r} has no knowledge record")
    for zone in sorted(atlas_zones - set(knowledge.cautions)):
        problems.append(f"atlas caution zone {zone!r} has no caution text")
    for muscle_id, muscle in knowledge.muscles.items():
        where = _where(knowledge, muscle_id)
        if muscle_id not in atlas_muscles:
            problems.append(f"{where}: no region with this id in the atlas")
            continue
        for seg in (*muscle.referral.essential, *muscle.referral.spillover):
            if seg not in atlas_segments:
                problems.append(f"{where}: referral segment {seg!r} is not in the atlas")
        for k, site in enumerate(muscle.trigger_points):
            if site.view not in atlas:
                problems.append(f"{where}: trigger point {k} uses unknown view {site.view!r}")
                continue
            va = atlas[site.view]
            regions = [r for r in va.find(muscle_id) if r.layer in _BODY_LAYERS]
            sides = sorted({r.side for r in regions})
            if not sides:
                problems.append(f"{where}: trigger point {k}: no {muscle_id} region in {site.view}")
            for side in sides:
                try:
                    x, y = site_point(site, side, va.landmarks)
                except KeyError as exc:
                    problems.append(f"{where}: trigger point {k}: landmark {exc} missing")
                    continue
                if not any(
                    r.side == side and shapely.contains_xy(r.geometry, x, y) for r in regions
                ):
                    problems.append(
                        f"{where}: trigger point {k} ({site.view}, {side}) at ({x}, {y}) "
                        f"lies outside the {muscle_id} region"
                    )
    return problems
