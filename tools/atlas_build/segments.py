"""Surface segments: pain-location zones that partition each view (ARCHITECTURE.md ids).

Like the muscle layer they are listed in priority order on the right half; ``midline``
zones (chin, throat, sternum, vertex, sacrum, coccyx) are joined with their mirror.
"""

from __future__ import annotations

from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

from .geom import blob, closing
from .outline import ARM, HAND, LEG, TOES, ear, thumb
from .partition import Part

__all__ = ["BACK", "FRONT"]


def _seg(id_: str, shape: BaseGeometry, midline: bool = False) -> Part:
    return Part(id_, shape, kind="segment", midline=midline)


def _thumb() -> BaseGeometry:
    """The thumb and its base (thenar eminence in front, first web space behind).

    The thenar eminence fills the radial half of the proximal palm: its crease starts near
    the middle of the wrist crease and curves out to the web between thumb and index.
    """
    base = HAND.blob([(5, 6), (6, 16), (9, 24), (30, 34), (48, 30), (46, 19), (33, 6), (18, 1)])
    return closing(thumb().buffer(3.0).union(base), 4.0)


def _hand(t0: float, t1: float) -> BaseGeometry:
    """The hand between two distances from the wrist crease (palm or back, fingers, ...)."""
    return HAND.polygon([(t0, -45), (t1, -45), (t1, 55), (t0, 55)])


#: where the fingers leave the palm (t, v): the knuckles, lower on the little finger side.
_KNUCKLES = [(61, -45), (61, -18), (58.5, -6), (57.5, 6), (56, 18), (56, 30), (56, 55)]


def _fingers() -> BaseGeometry:
    return HAND.polygon([*_KNUCKLES, (130, 55), (130, -45)])


def _ulnar_hand() -> BaseGeometry:
    """The little-finger side of the hand: the hypothenar eminence and the little finger."""
    return HAND.polygon([(10, -45), (130, -45), (130, -15), (10, -15)])


def _ulnar_wrist() -> BaseGeometry:
    """The little-finger side of the wrist, over the ulnar head and the pisiform."""
    return HAND.polygon([(-16, -45), (10, -45), (10, -8.2), (-16, -8.2)])


def _big_toe() -> BaseGeometry:
    """The big toe seen from the front, with its base."""
    d, y, rx, ry = TOES[0]
    return blob(
        [
            (d - rx - 2, y - 2),
            (d - 2, y - ry - 3.5),
            (d + rx + 1, y - ry - 2),
            (d + rx + 1.5, y + 2),
            (d, y + ry + 3),
            (d - rx - 2, y + 3),
        ]
    )


def _toes() -> BaseGeometry:
    """The toes seen from the front: below a line just above their round ends."""
    top = [(d, y - 0.55 * ry) for d, y, _, ry in TOES]
    return Polygon([(10, top[0][1]), *top, (90, top[-1][1] - 3), (90, 1012), (10, 1012)])


#: the middle deltoid, the side of the shoulder below the acromion: drawn like the muscle in
#: ``front_regions``/``back_regions`` so the zone between the front and back of the shoulder
#: is the same in both views.
_MIDDLE_DELTOID = [(115, 183), (130, 191), (141, 212), (145, 242), (142, 270), (135, 288),
                   (129, 280), (126, 250), (122, 215), (113, 195)]  # fmt: skip

#: lumbar heights (the atlas puts T12 at y = 340 and L4, level with the top of the iliac
#: crests, at y = 400, so a vertebra is about 15 units tall): the thoracolumbar band runs
#: from the end of the mid back (T12) to L2, the paraspinal strip from there to the sacrum.
_L2 = 370.0
#: the lumbar paraspinal strip reaches about 5 cm (30 units) from the spinous processes:
#: multifidus and longissimus; iliocostalis lumborum and quadratus lumborum lie lateral.
_PARASPINAL = 31.0

#: the inner arm: the third of the limb next to the trunk (u = 0 is the medial edge), as
#: ``medial_thigh`` is on the leg; at the elbow ``medial_elbow`` takes over. The front view
#: has the inner upper arm and the inner forearm; the back view only the inner (ulnar)
#: forearm, the ulna's border seen from behind: there the inner edge of the upper arm is
#: the long head of triceps, which the back-of-arm patterns are written in.
_INNER_ARM = 0.33
#: below this height the arm's inner edge stands clear of the side of the chest
#: (``ARM.inner`` passes ``TRUNK_SIDE``), so the inner arm zone starts there.
_ARMPIT = 272.0

#: the outer (lateral) part of the thigh: ITB and vastus lateralis, from the trochanter down.
_LATERAL_THIGH = [(0.78, 496), (1.2, 496), (1.2, 700), (0.72, 700), (0.72, 600), (0.74, 550)]


FRONT: list[Part] = [
    _seg("chin", blob([(-5, 110), (14, 111), (19, 124), (10, 134), (-5, 135)]), True),
    _seg("ear", ear().buffer(1.0)),
    # the jaw joint just in front of the ear
    _seg("tmj", blob([(33, 84), (40, 82), (44, 90), (42, 100), (35, 100), (32, 92)])),
    _seg("temple", blob([(28, 28), (44, 30), (50, 60), (46, 82), (38, 80), (30, 55)])),
    _seg("eye", blob([(8, 49), (28, 47), (31, 62), (8, 65)])),
    _seg("forehead", box(-5, -10, 52, 48)),
    _seg("jaw", blob([(22, 90), (45, 90), (43, 118), (30, 129), (14, 129), (17, 110)])),
    _seg("cheek", box(-5, 45, 60, 132)),
    _seg("throat", box(-5, 120, 16, 184), True),
    # the ridge of the upper trapezius above the collarbone, from the side of the neck out to
    # the acromion: the same zone as the back view's top of the shoulder, seen from the front
    # (it starts where the side of the neck ends, 50 units out: the side of the neck, over
    # the scalenes and the neck's caution zone, stays the side of the neck)
    _seg("top_of_shoulder", blob([(36, 142), (52, 150), (82, 160), (116, 170), (121, 184),
                                  (106, 184), (95, 182), (62, 178), (44, 175), (38, 160)])
         .intersection(box(50, -10, 300, 300))),
    _seg("clavicle", blob([(10, 178), (40, 170), (100, 176), (114, 184), (106, 193),
                           (50, 193), (10, 191)])),
    _seg("lateral_neck", box(10, 100, 50, 180)),
    _seg("lateral_shoulder", blob(_MIDDLE_DELTOID)),
    # the front of the shoulder: the anterior deltoid and, medial to it below the clavicle,
    # the deltopectoral triangle over the coracoid, where the shoulder joint is felt in front
    _seg("anterior_shoulder", blob([(84, 192), (120, 181), (146, 214), (143, 278),
                                    (120, 284), (100, 240), (86, 226)])),
    _seg("sternum", box(-5, 184, 12, 302), True),
    # the inner (medial) third of the upper arm, from where it leaves the side of the chest
    # (the limb's outline reaches a few units over the chest wall at the armpit: the inner
    # arm starts at the arm muscles' inner border, 100 units out, and the side of the chest
    # keeps the rest)
    _seg("medial_upper_arm", ARM.band(0.0, _INNER_ARM, _ARMPIT, 354)
         .intersection(box(100, 0, 400, 400))),
    _seg("lateral_chest", blob([(80, 258), (102, 240), (104, 338), (80, 338)])),
    _seg("chest", box(-5, 184, 112, 300)),
    _seg("anterior_upper_arm", ARM.band(0.0, 1.3, 220, 354)),
    # the elbow crease, the hollow in front of the elbow between the two epicondyles
    _seg("antecubital_fossa", ARM.blob([(0.34, 354), (0.66, 354), (0.72, 372), (0.64, 388),
                                        (0.36, 388), (0.28, 372)])),
    _seg("medial_elbow", ARM.band(-0.1, 0.5, 350, 392)),
    _seg("lateral_elbow", ARM.band(0.5, 1.2, 350, 392)),
    # the ulnar (little-finger) side of the forearm, the inner third of the limb
    _seg("medial_forearm", ARM.band(-0.1, _INNER_ARM, 340, 502)),
    _seg("anterior_forearm", ARM.band(-0.1, 1.2, 340, 502)),
    _seg("thumb", _thumb()),
    _seg("wrist_palmar_ulnar", _ulnar_wrist()),
    _seg("ulnar_hand", _ulnar_hand()),
    _seg("wrist_palmar", ARM.band(-0.2, 1.2, 500, 524).union(_hand(-16, 12))),
    _seg("fingers_palmar", _fingers()),
    _seg("palm", _hand(10, 70)),
    _seg("upper_abdomen", box(-5, 296, 104, 392)),
    _seg("lateral_hip", blob([(92, 405), (112, 405), (112, 522), (94, 522)])),
    _seg("groin", blob([(5, 478), (78, 455), (62, 508), (32, 540), (5, 522)])),
    _seg("anterior_hip", blob([(66, 438), (96, 428), (96, 500), (76, 512), (62, 470)])),
    _seg("lower_abdomen", box(-5, 388, 104, 505)),
    _seg("lateral_knee", LEG.band(0.74, 1.2, 686, 752)),
    _seg("lateral_thigh", LEG.blob(_LATERAL_THIGH)),
    _seg("medial_thigh", LEG.band(-0.2, 0.3, 500, 690)),
    _seg("anterior_thigh", LEG.band(0.2, 0.85, 470, 690)),
    _seg("medial_knee", LEG.band(-0.2, 0.3, 686, 752)),
    _seg("anterior_knee", LEG.band(0.28, 1.2, 686, 752)),
    _seg("shin", LEG.band(-0.2, 0.76, 750, 936)),
    _seg("lateral_leg", LEG.band(0.74, 1.2, 750, 936)),
    _seg("medial_ankle", LEG.band(-0.2, 0.3, 934, 970)),
    _seg("lateral_ankle", LEG.band(0.7, 1.2, 934, 970)),
    _seg("anterior_ankle", LEG.band(0.25, 0.75, 934, 970)),
    _seg("big_toe", _big_toe()),
    _seg("toes", _toes()),
    _seg("dorsum_of_foot", LEG.band(-0.4, 1.4, 960, 992)),
]  # fmt: skip

BACK: list[Part] = [
    _seg("vertex", box(-5, -10, 55, 30), True),
    _seg("mastoid", blob([(30, 84), (52, 84), (52, 110), (32, 112)])),
    _seg("occiput", box(-5, 25, 60, 104)),
    _seg("posterior_neck", box(-5, 100, 22, 166)),
    _seg("lateral_neck", box(20, 100, 46, 158)),
    _seg("top_of_shoulder", blob([(22, 150), (60, 158), (120, 172), (120, 190), (60, 186),
                                  (22, 176)])),
    _seg("lateral_shoulder", blob(_MIDDLE_DELTOID)),
    _seg("posterior_shoulder", blob([(98, 188), (131, 188), (147, 230), (142, 288),
                                     (118, 288), (102, 230)])),
    # between the shoulder blades, T1 to just above the level of their lower tips (T7)
    _seg("interscapular", blob([(-5, 170), (48, 186), (51, 272), (-5, 277)])
         .intersection(Polygon([(-10, 150), (70, 150), (70, 266), (-10, 261)]))),
    _seg("suprascapular", blob([(48, 180), (106, 182), (102, 196), (50, 209)])),
    _seg("scapula", blob([(50, 205), (103, 191), (114, 216), (101, 258), (62, 282),
                          (51, 250)])),
    _seg("lateral_chest", blob([(94, 230), (112, 238), (102, 332), (80, 332), (86, 270)])),
    _seg("posterior_upper_arm", ARM.band(0.0, 1.3, 232, 352)),
    _seg("posterior_elbow", ARM.band(0.3, 0.7, 350, 396)),
    _seg("lateral_elbow", ARM.band(0.65, 1.2, 350, 396)),
    _seg("medial_elbow", ARM.band(-0.1, 0.35, 350, 396)),
    _seg("medial_forearm", ARM.band(-0.1, _INNER_ARM, 340, 502)),
    _seg("posterior_forearm", ARM.band(-0.1, 1.2, 340, 502)),
    _seg("thumb", _thumb()),
    _seg("wrist_dorsal_ulnar", _ulnar_wrist()),
    _seg("ulnar_hand", _ulnar_hand()),
    _seg("wrist_dorsal", ARM.band(-0.2, 1.2, 500, 524).union(_hand(-16, 12))),
    _seg("fingers_dorsal", _fingers()),
    _seg("back_of_hand", _hand(10, 70)),
    _seg("mid_back", box(-5, 258, 100, 345)),
    _seg("flank", blob([(70, 345), (102, 340), (102, 416), (80, 416), (70, 380)])),
    _seg("sacrum", blob([(-5, 424), (18, 428), (16, 482), (6, 490), (-5, 490)]), True),
    _seg("coccyx", blob([(-5, 484), (9, 484), (7, 514), (-5, 514)]), True),
    _seg("sacroiliac", blob([(12, 424), (34, 428), (34, 470), (14, 480)])),
    # T12 to L2 from the spine out to the flank: thoracolumbar junction
    _seg("thoracolumbar", box(-5, 340, 92, _L2)),
    # L2 to the sacrum, the strip beside the spinous processes
    _seg("lumbar_paraspinal", box(-5, _L2, _PARASPINAL, 434)),
    # the rest of the low back, out to the flank and down along the iliac crest
    _seg("lateral_low_back", box(_PARASPINAL, _L2, 92, 434)),
    _seg("lateral_hip", blob([(86, 410), (112, 410), (112, 526), (88, 526)])),
    # the lower buttock over the sit bone (ischial tuberosity) and the gluteal fold
    _seg("gluteal_fold", blob([(8, 498), (40, 492), (72, 500), (86, 522), (62, 546),
                               (30, 548), (8, 536)])),
    _seg("buttock", blob([(-5, 430), (96, 420), (102, 532), (50, 541), (-5, 532)])),
    _seg("lateral_knee", LEG.band(0.8, 1.2, 696, 756)),
    _seg("lateral_thigh", LEG.blob(_LATERAL_THIGH)),
    _seg("medial_thigh", LEG.band(-0.2, 0.22, 500, 706)),
    _seg("posterior_thigh", LEG.band(0.15, 0.9, 500, 706)),
    _seg("posterior_knee", LEG.band(-0.2, 1.2, 696, 756)),
    _seg("lateral_leg", LEG.band(0.78, 1.2, 754, 936)),
    _seg("achilles", LEG.band(0.25, 0.75, 880, 958)),
    _seg("calf", LEG.band(-0.2, 0.85, 754, 936)),
    _seg("medial_ankle", LEG.band(-0.2, 0.3, 934, 968)),
    _seg("lateral_ankle", LEG.band(0.7, 1.2, 934, 968)),
    _seg("heel", blob([(30, 956), (62, 956), (66, 984), (58, 1004), (34, 1004), (26, 984)])),
    _seg("sole", LEG.band(-0.4, 1.4, 960, 1010)),
]  # fmt: skip
