"""Which of the person's sides a point or a painted area lies on: the one rule the atlas,
the maps and the advisor share.

Both views put the midline at x = 500. In the front view the person's right is on the
viewer's left (x < 500); in the back view it is on the viewer's right. Points within
:data:`MIDLINE_BAND` of the midline count as the midline.

>>> side_for("front", 420.0), side_for("back", 420.0), side_for("back", 502.0)
('right', 'left', 'midline')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = [
    "BOTH_SIDES_SHARE",
    "CENTRED_SHARE",
    "MIDLINE_BAND",
    "MIDLINE_X",
    "area_centred",
    "area_side",
    "area_sides",
    "half_bounds",
    "side_for",
    "sides_word",
]

MIDLINE_X: Final = 500.0
MIDLINE_BAND: Final = 4.0


def side_for(view: str, x: float) -> str:
    """The person's side (``right``, ``left`` or ``midline``) of a point at ``x`` in ``view``."""
    if abs(x - MIDLINE_X) <= MIDLINE_BAND:
        return "midline"
    return "right" if (x < MIDLINE_X) == (view == "front") else "left"


def half_bounds(view: str, side: str) -> tuple[float, float, float, float]:
    """The box (min x, min y, max x, max y) of the person's ``side`` of a view, a little
    beyond the figure: x < 500 is the right in front and the left behind."""
    west = (side == "right") == (view == "front")
    return (-10.0, -10.0, MIDLINE_X, 1010.0) if west else (MIDLINE_X, -10.0, 1010.0, 1010.0)


BOTH_SIDES_SHARE = 0.2
"""A painted area lies on both sides when the smaller side holds at least this share of it
(of the area's part on its main place, for its name); less is the edge of it crossing the
midline."""


CENTRED_SHARE = 0.4
"""A painted area is centred on the midline when the smaller side holds at least this share
of it (a 60/40 split or closer): a muscle's right and left then explain it alike, as they do
a point on the midline, and it is listed once for both sides. No hand paints the sternum or
the low back in exact mirror image."""


def _halves(view: str, shape: BaseGeometry) -> dict[str, float]:
    """A painted area's size on the person's right and on their left."""
    import shapely  # here, not above: the maps read sides without numpy (a trend needs none)

    return {
        side: shapely.clip_by_rect(shape, *half_bounds(view, side)).area
        for side in ("right", "left")
    }


def area_sides(view: str, shape: BaseGeometry) -> tuple[str, ...]:
    """The person's sides a painted area lies on, the larger first: both when each holds
    at least :data:`BOTH_SIDES_SHARE` of it, else the one holding more. An area across
    the midline belongs to both sides, and each side's muscles explain their own half."""
    total = shape.area
    halves = _halves(view, shape)
    order = sorted(halves, key=lambda side: -halves[side])  # on a tie, the right first
    if total > 0 and halves[order[1]] >= BOTH_SIDES_SHARE * total:
        return (order[0], order[1])
    return (order[0],)


def area_centred(view: str, shape: BaseGeometry) -> bool:
    """Whether a painted area is centred on the midline (:data:`CENTRED_SHARE`)."""
    total = float(shape.area)
    return total > 0 and min(_halves(view, shape).values()) >= CENTRED_SHARE * total


def area_side(view: str, shape: BaseGeometry) -> str:
    """One word for :func:`area_sides`, as exports give it: ``"both"``, or the one side."""
    return sides_word(area_sides(view, shape))


def sides_word(sides: tuple[str, ...]) -> str:
    """An area's sides (as :func:`area_sides` gives them) in one word: ``"both"``, or the
    one side."""
    return "both" if len(sides) == 2 else sides[0]
