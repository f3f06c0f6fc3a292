"""The atlas's records: regions of the body surface and the answer to "what is here?"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = [
    "CAUTION_ZONES",
    "KINDS",
    "LAYERS",
    "SIDES",
    "VIEWS",
    "Hit",
    "Lookup",
    "Region",
    "main_place",
    "mirror_side",
    "places_of",
]

VIEWS: Final = ("front", "back")
SIDES: Final = ("right", "left", "midline")
KINDS: Final = ("outline", "muscle", "fascia", "segment", "caution", "landmark")
LAYERS: Final = ("outline", "superficial", "deep", "segment", "caution", "landmark")
CAUTION_ZONES: Final = (
    "spine",
    "neck_front",
    "popliteal_fossa",
    "femoral_triangle",
    "axilla",
    "kidney",
    "kneecap",
    "fibular_head",
    "ulnar_groove",
    "back_of_neck",
    "sit_bone",
    "sciatic_nerve",
    "greater_trochanter",
    "breast",
    "shin_bone",
    "inner_ankle_bone",
    "outer_ankle_bone",
    "elbow_knob",
    "cubital_fossa",
    "navel",
    "xiphoid",
    "supraclavicular",
)


def mirror_side(side: str) -> str:
    """The person's other side (midline stays midline)."""
    return {"right": "left", "left": "right"}.get(side, side)


def main_place(segments: Sequence[Region], sizes: Sequence[float]) -> tuple[str, dict[str, float]]:
    """The place a painted area lies on most: the surface segment id holding the largest
    share of it, the same segment of both sides counted together (on a tie the first
    given), with the area's size on each side of that place. ``sizes`` are the area's
    sizes on ``segments``, in the same order. What names an area
    (`bodymap.words.area_place`) and where its disc goes
    (`ViewAtlas.disc_point`)."""
    places = places_of(segments, sizes)
    place = max(places, key=lambda key: sum(places[key].values()))
    return place, places[place]


def places_of(segments: Sequence[Region], sizes: Sequence[float]) -> dict[str, dict[str, float]]:
    """A painted area's size on each surface segment id and side, the segments in the order
    given: ``{"buttock": {"right": 820.0, "left": 790.0}, "sacrum": {"midline": 95.0}}``."""
    places: dict[str, dict[str, float]] = {}
    for region, size in zip(segments, sizes, strict=True):
        sides = places.setdefault(region.id, {})
        sides[region.side] = sides.get(region.side, 0.0) + size
    return places


@dataclass(frozen=True, eq=False)
class Region:
    """A named polygon of one view: a muscle, fascia, surface segment or caution zone.

    Regions compare by identity (view, id, side, layer), not by geometry.
    """

    view: str
    id: str
    side: str
    kind: str
    layer: str
    name: str
    geometry: Any = field(repr=False, compare=False)
    key: tuple[str, str, str, str] = field(init=False, repr=False, compare=False)
    """(view, id, side, layer): what a region is, made once (regions fill many sets)."""
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        key = (self.view, self.id, self.side, self.layer)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "_hash", hash(key))

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Region) and other.key == self.key)

    def __hash__(self) -> int:
        return self._hash

    def as_json(self) -> dict[str, str]:
        """The region as the command line reports it."""
        return {
            "id": self.id,
            "side": self.side,
            "kind": self.kind,
            "layer": self.layer,
            "name": self.name,
        }


@dataclass(frozen=True, slots=True)
class Lookup:
    """Where one point of one view was looked up, and the muscles and surface segments
    there: what an atlas :class:`Hit` and the advisor's finding for a spot
    (`bodymap.advisor.SpotFinding`) both say.

    ``point`` is where the lookup happened: the point itself, or the nearest point on the
    body when a click just missed the outline (``snapped``).
    """

    view: str
    point: tuple[float, float]
    inside: bool
    snapped: bool
    side: str
    regions: tuple[Region, ...]
    segments: tuple[Region, ...]


@dataclass(frozen=True)
class Hit(Lookup):
    """What lies under one point of one view: a :class:`Lookup` with the caution zones.

    For a painted area, ``grazed`` holds the surface segments it only touches, too little
    to count as lying on them (see :meth:`ViewAtlas.locate_area`), and ``shares`` how much of
    it lies on each segment it does lie on; a point grazes nothing.
    """

    cautions: tuple[Region, ...]
    grazed: tuple[Region, ...] = ()
    shares: tuple[float, ...] = ()
    """For a painted area, its size (square atlas units) on each of ``segments``, in the
    same order: what names the area (`bodymap.words.area_place`) and what the heat
    map colours; empty for a point."""
    sides: tuple[str, ...] = ()
    """For a painted area, the person's sides it lies on (`bodymap.sides.area_sides`):
    both for one across the midline; empty for a point. See :attr:`own_sides`."""

    @property
    def own_sides(self) -> tuple[str, ...]:
        """The sides whose muscles a spot's steps and the tissue rolled around it come
        from: a painted area's sides, else the point's side."""
        return self.sides or (self.side,)

    @property
    def main_region(self) -> Region | None:
        """The region a person would name for this spot (the top superficial one)."""
        return self.regions[0] if self.regions else None
