"""The part of a referral segment a muscle's pattern covers (``referral.focus``).

Most patterns cover their segments whole. Where Travell & Simons draw a pattern over a part
of a segment only (latissimus dorsi at the lower tip of the shoulder blade, serratus
posterior superior under its upper part), the record names the segment with a focus: a
point anchored on landmarks, as a trigger point is, and a reach. The muscle's zone there is
the segment within that reach of the point, on the muscle's own side; a view the focus
entries do not name holds none of that segment for the muscle. A segment seen in both views
(the thumb, the little-finger side of the hand) may be covered on one face only
(``referral.faces``): the other view holds none of it, or only its focus entries' part (the
base of the thumb on the palm side of a pattern drawn on its back).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import shapely

from bodymap.knowledge.model import ReferralFocus
from bodymap.knowledge.sites import site_point
from bodymap.sides import half_bounds

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = ["focus_disc", "focused_part", "own_part"]


def own_part(geometry: BaseGeometry, segment_side: str, view: str, side: str) -> BaseGeometry:
    """The part of a segment (``geometry``, on ``segment_side``) that refers pain to a
    muscle on ``side``: a midline segment (the sacrum, the vertex) only on that side's half,
    as referral is ipsilateral; any other segment whole."""
    if segment_side != "midline" or side not in ("right", "left"):
        return geometry
    return shapely.intersection(geometry, shapely.box(*half_bounds(view, side)))


def focus_disc(
    entries: Sequence[ReferralFocus],
    view: str,
    side: str,
    landmarks: Mapping[str, tuple[float, float]],
) -> BaseGeometry:
    """The union of the entries' discs in ``view`` for a muscle on ``side`` (empty when
    no entry is in that view)."""
    side = "right" if side == "midline" else side
    discs = [
        shapely.Point(site_point(e.site, side, landmarks)).buffer(e.reach, quad_segs=16)
        for e in entries
        if e.site.view == view
    ]
    return shapely.union_all(discs) if discs else shapely.Polygon()


def focused_part(
    segment: BaseGeometry,
    entries: Sequence[ReferralFocus],
    view: str,
    side: str,
    landmarks: Mapping[str, tuple[float, float]],
    face: str | None = None,
) -> BaseGeometry:
    """The part of ``segment`` the pattern covers. With a ``face`` (``referral.faces``):
    all of it in that view, and in the other view the segment within its entries' reach
    (none without entries there). Without one: all of it without entries, else the segment
    within the entries' reach."""
    if face == view or (face is None and not entries):
        return segment
    if face is not None and not any(e.site.view == view for e in entries):
        return shapely.Polygon()
    return shapely.intersection(segment, focus_disc(entries, view, side, landmarks))
