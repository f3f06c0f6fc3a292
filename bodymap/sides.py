"""Which of the person's sides a point lies on: the one rule the atlas and the maps share.

Both views put the midline at x = 500. In the front view the person's right is on the
viewer's left (x < 500); in the back view it is on the viewer's right. Points within
:data:`MIDLINE_BAND` of the midline count as the midline.

>>> side_for("front", 420.0), side_for("back", 420.0), side_for("back", 502.0)
('right', 'left', 'midline')
"""

from __future__ import annotations

from typing import Final

__all__ = ["MIDLINE_BAND", "MIDLINE_X", "half_bounds", "side_for"]

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
