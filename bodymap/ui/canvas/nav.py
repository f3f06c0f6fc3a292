"""Keyboard navigation over the atlas: from one region to its neighbour in an arrow's
direction, so a person without a mouse can walk the body and mark a spot."""

from __future__ import annotations

import math

from bodymap.atlas import Region, ViewAtlas
from bodymap.knowledge import load_knowledge

__all__ = [
    "DIRECTIONS",
    "LIMBS",
    "limb_of",
    "neighbour_towards",
    "region_anchor",
    "region_at",
    "start_region",
]

DIRECTIONS = {"left": (-1.0, 0.0), "right": (1.0, 0.0), "up": (0.0, -1.0), "down": (0.0, 1.0)}
"""Screen directions in atlas coordinates (y grows downward)."""


def region_anchor(region: Region) -> tuple[float, float]:
    """A point inside the region (its representative point): where a spot is added."""
    point = region.geometry.representative_point()
    return float(point.x), float(point.y)


LIMBS = ("arm", "leg")
"""The body parts (`bodymap.knowledge.BodyPart`) an arrow stays on, or off, while it can."""


def neighbour_towards(view_atlas: ViewAtlas, region: Region, direction: str) -> Region | None:
    """The neighbouring region of the same layer lying most nearly in ``direction``
    (within 75° of it), nearest first; None when there is none that way. A step that keeps
    to the limb (or to the trunk and head) it starts on wins while there is one: Down from
    the chest goes on to the belly, not out along the arm beside it."""
    dx, dy = DIRECTIONS[direction]
    x0, y0 = region_anchor(region)
    here = limb_of(view_atlas, region)
    best: tuple[bool, float, Region] | None = None
    for other in view_atlas.neighbours(region):
        x1, y1 = region_anchor(other)
        vx, vy = x1 - x0, y1 - y0
        length = math.hypot(vx, vy)
        if length < 1e-6:
            continue
        cos = (vx * dx + vy * dy) / length
        if cos < math.cos(math.radians(75)):
            continue
        key = (limb_of(view_atlas, other) != here, length * (1.0 + 2.0 * (1.0 - cos)), other)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def limb_of(view_atlas: ViewAtlas, region: Region) -> str:
    """The limb (one of :data:`LIMBS`) a region's anchor lies on, or "" on the trunk or
    the head."""
    part_of = load_knowledge().part_of
    for segment in view_atlas.locate(*region_anchor(region)).segments:
        part = part_of.get(segment.id, "")
        if part in LIMBS:
            return part
    return ""


def start_region(view_atlas: ViewAtlas) -> Region | None:
    """Where the keyboard cursor starts: the superficial region under the upper chest or
    back (sternal notch / C7 landmark region), else the largest one."""
    regions = view_atlas.layer("superficial")
    if not regions:
        return None
    for name in ("c7", "sternal_notch", "xiphoid", "umbilicus", "l4"):
        if name in view_atlas.landmarks:
            x, y = view_atlas.landmarks[name]
            found = region_at(view_atlas, x, y + 25.0)
            if found is not None:
                return found
    return max(regions, key=lambda r: float(r.geometry.area))


def region_at(view_atlas: ViewAtlas, x: float, y: float) -> Region | None:
    """The superficial region a person would name at (x, y), where the cursor can stand;
    None off the body or over a deep region only."""
    main = view_atlas.locate(x, y).main_region
    return main if main is not None and main.layer == "superficial" else None
