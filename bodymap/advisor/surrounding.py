"""The areas to roll around the spots and the sources: their neighbouring regions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from bodymap.advisor.model import Source, SurroundingArea

if TYPE_CHECKING:
    from bodymap.atlas import Hit, Region, ViewAtlas

__all__ = ["MAX_SURROUNDING", "surrounding_areas"]

MAX_SURROUNDING = 10
_BODY_LAYERS = ("superficial", "deep")


def _sides(side: str) -> tuple[str, ...]:
    return ("right", "left") if side == "both" else (side,)


def surrounding_areas(
    hits: Sequence[Hit],
    sources: Sequence[Source],
    atlas: Mapping[str, ViewAtlas],
    known: Iterable[str],
    limit: int = MAX_SURROUNDING,
) -> tuple[SurroundingArea, ...]:
    """Neighbours (same view, sharing a border) of each spot's region and each source.

    Only the same side of the body counts; ``limit`` caps the number of distinct muscles
    (a muscle keeps both sides when a source stands for both, so mirrored maps agree).
    Caution zones never appear (they are not muscle or fascia regions); the sources
    themselves and regions without knowledge are left out; the first mention wins.
    """
    known_ids = set(known)
    skip = {(s.muscle, side) for s in sources for side in _sides(s.side)}
    seen: set[tuple[str, str]] = set()
    out: list[SurroundingArea] = []

    def take(regions: Iterable[Region], side: str) -> None:
        for region in sorted(regions, key=lambda r: (r.id, r.layer)):
            if region.side not in (side, "midline"):
                continue  # across the midline: the other side of the body
            key = (region.id, region.side)
            if key in skip or key in seen or region.id not in known_ids:
                continue
            if region.kind not in ("muscle", "fascia"):
                continue
            seen.add(key)
            out.append(SurroundingArea(region.id, region.side, region.name, region.view))

    mains = dict.fromkeys(hit.regions[0] for hit in hits if hit.regions)
    for region in mains:
        take(atlas[region.view].neighbours(region), region.side)
    for source in sources:
        for va in atlas.values():
            near: list[tuple[Region, str]] = []
            for side in _sides(source.side):
                for region in va.find(source.muscle, side):
                    if region.layer in _BODY_LAYERS:
                        near.extend((n, side) for n in va.neighbours(region))
            near.sort(key=lambda pair: (pair[0].id, pair[0].layer, pair[0].side))
            for region, side in near:
                take((region,), side)
    ids = list(dict.fromkeys(area.muscle for area in out))[:limit]
    return tuple(area for area in out if area.muscle in ids)
