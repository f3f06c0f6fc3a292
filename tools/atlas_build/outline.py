"""The body silhouette, right half, in half coordinates (d = distance from the midline).

Widths follow SPEC's survey averages (head 90, neck 68, acromions 230, deltoids 270,
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
from shapely.geometry import Polygon

from .geom import HALF, Limb, Profile, blob, closing, largest, opening, strip

__all__ = ["ARM", "LEG", "TRUNK_SIDE", "half_outline"]

#: outer edge of the neck, shoulders and trunk as a function of y (below the shoulder line).
TRUNK_SIDE = Profile(
    [
        (186, 112), (200, 112), (220, 104), (240, 97), (262, 95), (290, 93), (320, 89),
        (350, 85), (372, 86), (395, 92), (420, 98), (450, 101), (472, 103), (490, 102),
    ]
)  # fmt: skip

#: the arm and hand: medial and lateral edges (palm forward, thumb lateral).
ARM = Limb(
    inner=Profile(
        [
            (182, 90), (230, 91), (260, 93), (300, 95), (340, 101), (370, 106), (392, 106),
            (430, 114), (470, 124), (512, 133), (535, 134), (560, 136), (590, 141),
            (610, 148), (620, 154), (627, 162),
        ]
    ),
    outer=Profile(
        [
            (182, 106), (187, 118), (194, 126), (203, 132), (218, 137), (240, 139),
            (262, 138), (285, 137), (310, 140), (340, 143), (366, 146), (376, 148),
            (392, 152), (415, 155), (450, 158), (485, 162), (512, 166), (530, 170),
            (555, 175), (580, 180), (598, 183), (612, 182), (621, 177), (627, 170),
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
    (0, 0.0), (16, 3), (30, 10), (40, 22), (45, 40), (46, 58), (45, 76), (43, 94),
    (40, 106), (37, 114), (30, 122), (21, 128), (10, 131), (0, 131.5),
    (-10, 131), (-21, 128), (-30, 122), (-37, 114), (-40, 106), (-43, 94), (-45, 76),
    (-46, 58), (-45, 40), (-40, 22), (-30, 10), (-16, 3),
]  # fmt: skip

_TRUNK_CONTROL = [
    (-12, 104), (33, 104), (32.5, 128), (34, 146), (40, 156), (50, 162), (64, 167),
    (80, 172), (96, 177), (108, 181), (113, 188),
]  # fmt: skip


def head() -> Polygon:
    """Oval skull narrowing to jaw and chin, with the ears as small bumps."""
    skull = blob(_HEAD_CONTROL, samples=12)
    ear = blob([(43, 62), (48, 60), (51, 70), (50, 86), (46, 96), (42, 92)], samples=8)
    return largest(shapely.union(skull, ear))


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


def foot() -> Polygon:
    """The foot below the ankle, seen from the front: toes turned slightly outwards."""
    return blob(
        [(25, 950), (21, 968), (19, 984), (21, 995), (32, 1000), (52, 1000.5), (71, 998.5),
         (83, 993), (84, 983), (76, 966), (66, 950), (45, 945)],
        samples=12,
    )  # fmt: skip


def thumb() -> Polygon:
    """The thumb, pointing down and out from the lateral side of the wrist."""
    return strip([(161, 526), (177, 546), (188, 564), (193, 578)], [18, 15, 12, 10]).union(
        ShapelyPoint(193, 578).buffer(5.2)
    )


@functools.cache
def half_outline() -> Polygon:
    """The right half of the silhouette (d >= 0), smooth and valid."""
    arm = opening(ARM.polygon(0.5).union(thumb()), 4.5)
    leg = opening(LEG.polygon(0.5), 3.0).union(foot())
    body = shapely.union_all([head(), trunk(), shoulder_cap(), arm, leg])
    both = shapely.union(body, scale(body, -1.0, 1.0, origin=(0.0, 0.0)))
    both = closing(both, 5.0).simplify(0.2)
    return largest(shapely.make_valid(both.intersection(HALF)))
