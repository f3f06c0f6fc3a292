"""The body silhouette, right half, in half coordinates (d = distance from the midline).

Widths follow anthropometric survey averages (head 90, neck 68, acromions 230, deltoids 270,
chest 190, waist 170, hips 200, thigh 100, knee 60, calf 68, ankle 40, upper arm 56,
elbow 44, forearm 50, wrist 34, hand 50 x 110). The arm hangs a few degrees out from the
trunk and the forearm adds the carrying angle, so a gap shows between hand and thigh.
Parts are unioned and smoothed (closing then opening), then clipped to d >= 0.
"""

from __future__ import annotations

import functools

import shapely
from shapely.affinity import scale
from shapely.geometry import Point as ShapelyPoint
from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

from .geom import HALF, Frame, Limb, Point, Profile, blob, closing, curve, largest, opening

__all__ = ["ARM", "FINGERS", "HAND", "LEG", "THUMB", "TOES", "TRUNK_SIDE", "half_outline"]

#: outer edge of the neck, shoulders and trunk as a function of y (below the shoulder line).
TRUNK_SIDE = Profile(
    [
        (186, 112), (200, 112), (220, 104), (240, 97), (262, 95), (290, 93), (320, 89),
        (350, 85), (372, 86), (395, 92), (420, 98), (450, 101), (472, 103), (490, 102),
    ]
)  # fmt: skip

#: the arm down to just past the wrist: medial and lateral edges (palm forward). The hand
#: hangs on from the wrist in its own frame (``HAND``), drawn by :func:`hand`.
ARM = Limb(
    inner=Profile(
        [
            (182, 90), (230, 91), (260, 93), (300, 95), (340, 101), (370, 106), (392, 106),
            (430, 114), (470, 124), (512, 133), (535, 134), (560, 136),
        ]
    ),
    outer=Profile(
        [
            (182, 106), (187, 118), (194, 126), (203, 132), (218, 137), (240, 139),
            (262, 138), (285, 137), (310, 140), (340, 143), (366, 146), (376, 148),
            (392, 152), (415, 155), (450, 158), (485, 162), (512, 166), (530, 170),
            (555, 175),
        ]
    ),
)  # fmt: skip

#: the leg: inner edge (gap between the legs below the crotch) and outer edge.
LEG = Limb(
    inner=Profile(
        [
            (470, 12), (500, 2), (515, 4), (545, 6), (590, 9), (640, 13), (685, 18),
            (712, 20), (740, 20), (770, 16), (800, 14), (835, 17), (875, 23), (915, 27),
            (942, 27), (958, 24), (970, 23),
        ]
    ),
    outer=Profile(
        [
            (470, 103), (500, 102), (530, 100), (570, 96), (620, 90), (670, 83), (700, 79),
            (720, 78), (745, 77), (772, 80), (800, 82), (832, 80), (872, 73), (910, 67),
            (936, 65), (955, 67), (970, 71),
        ]
    ),
)  # fmt: skip

_HEAD_CONTROL = [
    (0, 0.0), (16, 3), (30, 10), (40, 22), (45, 40), (46, 58), (45, 76), (42.5, 94),
    (39, 106), (34.5, 114), (27, 122.5), (18, 128.5), (8.5, 131.3), (0, 131.8),
    (-8.5, 131.3), (-18, 128.5), (-27, 122.5), (-34.5, 114), (-39, 106), (-42.5, 94),
    (-45, 76), (-46, 58), (-45, 40), (-40, 22), (-30, 10), (-16, 3),
]  # fmt: skip

#: the ear seen straight on, front or back: a C-shaped lobe from the eyes to the nose base.
_EAR_CONTROL = [
    (43.5, 64), (45.4, 57.6), (48.4, 55.8), (51.6, 58.2), (53.3, 65), (53.3, 75), (52.2, 85),
    (50.0, 93), (47.4, 99), (44.6, 101.4), (42.2, 99.6), (41.5, 80),
]  # fmt: skip

_TRUNK_CONTROL = [
    (-12, 104), (33, 104), (32.5, 128), (34, 146), (40, 156), (50, 162), (64, 167),
    (80, 172), (96, 177), (108, 181), (113, 188),
]  # fmt: skip

#: the hand hangs on from the forearm: t runs from the wrist crease to the fingertips,
#: v across the palm, thumb side (lateral) positive. The middle fingertip reaches y = 625.
HAND = Frame(ARM.at(0.5, 515), 9.0)

#: fingers, thumb side first: (base, tip centre) in (t, v), then the widths there.
FINGERS = {
    "index": (((57, 17.6), (97.0, 20.0)), (12.4, 9.8)),
    "middle": (((58, 6.0), (107.4, 7.3)), (12.8, 10.2)),
    "ring": (((58, -6.0), (101.4, -6.4)), (12.4, 9.9)),
    "little": (((61, -17.6), (88.2, -18.8)), (11.6, 8.9)),
}
#: the thumb: base of the metacarpal, knuckle, tip centre, bending a little downwards.
THUMB = (((22, 14), (42, 29.2), (62, 35.6)), (16.0, 12.4, 10.4))

#: the palm under the fingers: its medial and lateral edges (t, v) from the wrist down;
#: the top hides behind the fingers. The thenar bulge carries the base of the thumb.
_PALM_MEDIAL = [(6, -17.4), (18, -19.0), (34, -21.9), (50, -23.6), (61, -23.4), (65, -19)]
_PALM_LATERAL = [(4, 17.2), (12, 18.6), (20, 20.8), (28, 23.4), (36, 25.2), (46, 24.0),
                 (56, 23.2), (63, 18)]  # fmt: skip
#: the forearm's edges run on into the palm from these heights.
_WRIST_YS = (490.0, 500.0)

#: front view: the big toe (medial) and four smaller toes in a line rising laterally, the
#: foot foreshortened and turned slightly outwards: (centre d, centre y, half width,
#: half height). The big toe stands a little apart; the small toes overlap into one line.
TOES = [(28.4, 994.4, 7.0, 6.1), (39.6, 995.6, 4.8, 4.2), (47.2, 995.2, 4.5, 4.0),
        (54.2, 994.1, 4.2, 3.7), (60.8, 992.4, 3.9, 3.4)]  # fmt: skip

#: the edges of the foot from the ankle down (front view), medial and lateral: the leg
#: narrows above the ankle bones, the inner one higher, the outer one lower and rounder.
_FOOT_MEDIAL = [(27.3, 940), (26.2, 946.5), (24.4, 952.5), (23.4, 958), (24.0, 965),
                (23.2, 974), (21.4, 983), (21.6, 990)]  # fmt: skip
_FOOT_LATERAL = [(65.0, 941), (66.3, 947), (68.3, 953.5), (69.8, 960), (70.6, 968),
                 (73.4, 976), (75.8, 983), (75.6, 988.5), (71.5, 992.4), (66, 993.6)]  # fmt: skip
#: the back view: heel from the Achilles round under the ankle, medial side first.
_HEEL = [(27.3, 940), (26.4, 946.5), (25.2, 952.5), (24.8, 958), (25.4, 966), (26.4, 975),
         (27.4, 984), (30.0, 992.5), (36.0, 998.8), (46.0, 1001.2), (56.0, 998.8),
         (62.0, 992.5), (64.6, 984), (65.8, 975), (67.0, 967), (67.4, 960), (66.8, 953.5),
         (65.8, 947), (65.0, 941)]  # fmt: skip
#: the forefoot peeping out beside the heel (more on the outer side: feet turned out).
_FOREFOOT_LATERAL = [(60, 988), (65.5, 988.4), (69.0, 991.8), (68.6, 996.4), (64.6, 999),
                     (59, 998.4)]  # fmt: skip
_FOREFOOT_MEDIAL = [(34, 991), (30, 991.2), (27.6, 994.2), (28.6, 997.8), (32.6, 999.4),
                    (36.5, 997.6)]  # fmt: skip
#: above this height the back outline is the front one (the views differ only in the feet).
FOOT_CUT = 925.0
#: the leg's edges run on into the foot from these heights.
_ANKLE_YS = (905.0, 920.0, 932.0)


def skull() -> Polygon:
    """The head without the ears: oval skull, a slim jaw and a rounded chin."""
    return blob(_HEAD_CONTROL, samples=12)


def ear() -> Polygon:
    """The right ear: a lobe that stands clear of the skull with a notch above and below."""
    return blob(_EAR_CONTROL, samples=10)


def head() -> Polygon:
    """Skull and ear."""
    return largest(shapely.union(skull(), ear()))


def trunk() -> Polygon:
    """Neck, trapezius slope and trunk down to the crotch (extends past the midline)."""
    top = [(d, y) for d, y in _TRUNK_CONTROL]
    side = [(float(TRUNK_SIDE(y)), float(y)) for y in range(192, 491, 4)]
    bottom = [(100, 496), (80, 499), (40, 500.5), (0, 500.5), (-12, 500.5)]
    return Polygon(top + side + bottom)


def shoulder_cap() -> Polygon:
    """Where the trapezius line runs into the deltoid: one smooth curve, no step."""
    return blob(
        [(92, 177.5), (102, 179.4), (109, 181.3), (114.5, 183), (120, 186.5), (124.5, 191),
         (128.5, 197), (131, 203), (124, 210), (108, 204), (96, 192)],
        samples=12,
    )  # fmt: skip


def thumb() -> Polygon:
    """The thumb: leaves the palm by the wrist and angles down and out beside the index."""
    return HAND.digit(*THUMB)


def fingers() -> list[Polygon]:
    """The four fingers, index to little."""
    return [HAND.digit(*spec) for spec in FINGERS.values()]


def hand() -> Polygon:
    """Palm, thumb and four fingers on a short stub of the forearm (for a seamless wrist).

    The palm and thumb are rounded generously (the web of the thumb, the thenar bulge);
    the fingers only lightly, so their tips stay apart with shallow clefts between them.
    """
    medial = curve(
        [(float(ARM.inner(y)), y) for y in _WRIST_YS] + [HAND.at(t, v) for t, v in _PALM_MEDIAL]
    )
    lateral = curve([(float(ARM.outer(y)), y) for y in _WRIST_YS]
                    + [HAND.at(t, v) for t, v in _PALM_LATERAL])  # fmt: skip
    palm = Polygon(medial + lateral[::-1])
    (base, knuckle, _), (w0, w1, _) = THUMB
    palm = closing(shapely.union(palm, HAND.digit([base, knuckle], [w0, w1])), 6.0)
    palm = closing(shapely.union(palm, thumb()), 2.5)
    whole = closing(shapely.union_all([palm, *fingers()]), 1.0)
    return largest(opening(whole, 1.0))


def _ankle(points: list[Point], side: str) -> list[Point]:
    """A smooth edge from the leg (medial or lateral) on through ``points``."""
    edge = LEG.inner if side == "medial" else LEG.outer
    return curve([(float(edge(y)), y) for y in _ANKLE_YS] + points)


def _ellipse(d: float, y: float, rx: float, ry: float) -> Polygon:
    return scale(ShapelyPoint(d, y).buffer(1.0, quad_segs=16), rx, ry)


def foot_front() -> Polygon:
    """The foot seen from the front: malleoli, a short widening instep, a rounded toe line.

    The inner ankle bone sits higher than the outer one; the forefoot widens to about 56
    and turns slightly outwards, so the toe line rises from the big toe to the little toe.
    """
    instep = Polygon(_ankle(_FOOT_MEDIAL, "medial") + _ankle(_FOOT_LATERAL, "lateral")[::-1])
    toes = [_ellipse(*toe) for toe in TOES]
    shape = closing(shapely.union_all([closing(instep, 3.0), *toes]), 1.2)
    return largest(opening(shape, 0.8))


def foot_back() -> Polygon:
    """The foot seen from behind: a round heel under the Achilles, forefoot just peeping out.

    Turned slightly outwards, more of the forefoot shows on the outer side of the heel.
    """
    medial = _ankle(_HEEL, "medial")
    heel = Polygon(medial + [(float(LEG.outer(y)), y) for y in _ANKLE_YS[::-1]])
    parts = [heel, blob(_FOREFOOT_LATERAL), blob(_FOREFOOT_MEDIAL)]
    shape = closing(shapely.union_all(parts), 3.0)
    return largest(opening(shape, 0.8))


def foot(view: str) -> Polygon:
    """The foot below the ankle as seen in ``view``."""
    return foot_front() if view == "front" else foot_back()


def _mirrored(geom: BaseGeometry) -> BaseGeometry:
    return shapely.union(geom, scale(geom, -1.0, 1.0, origin=(0.0, 0.0)))


@functools.cache
def half_outline(view: str = "front") -> Polygon:
    """The right half of the silhouette (d >= 0) in ``view``, smooth and valid.

    The body is unioned and closed with a generous radius; the ears, hands and feet carry
    finer detail (clefts, toes, the notch above the ear), so they join afterwards with a
    light closing. The views differ only in the feet: the back view takes the front
    outline down to the lower leg (``FOOT_CUT``) and its own foot below, so everything
    above the ankle is the same polygon in both views.
    """
    arm = opening(ARM.polygon(0.5).intersection(box(0, 0, 400, 512)), 4.5)
    leg = opening(LEG.polygon(0.5), 3.0).intersection(box(0, 0, 400, 912))
    body = shapely.union_all([skull(), trunk(), shoulder_cap(), arm, leg])
    body = closing(_mirrored(body), 5.0)
    details = _mirrored(shapely.union_all([ear(), hand(), foot(view)]))
    both = closing(shapely.union(body, details), 1.0).simplify(0.2)
    half = largest(shapely.make_valid(both.intersection(HALF)))
    if view == "front":
        return half
    above = half_outline("front").intersection(box(0, -50, 400, FOOT_CUT))
    below = half.intersection(box(0, FOOT_CUT, 400, 1050))
    return largest(shapely.make_valid(shapely.union(above, below)))
