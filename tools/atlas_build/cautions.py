"""Caution zones: places not to roll or press hard (spine, throat, back of the knee, ...),
and tissue that is not rolled (the kneecap, bony points over nerves).

They may overlap muscles and segments. Each view lists its zones on the right half;
``midline`` zones are joined with their mirror (spine, neck_front). A roll zone is a
muscle minus every zone here (with a margin), so these shapes decide where "roll here"
may be shaded.
"""

from __future__ import annotations

import shapely
from shapely.affinity import scale
from shapely.geometry import LineString, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

from . import back_regions, front_regions
from .geom import blob
from .landmarks import BACK as BACK_MARKS
from .outline import ARM, LEG
from .partition import Part

__all__ = ["BACK", "FRONT"]


def _zone(id_: str, shape: BaseGeometry, midline: bool = False) -> Part:
    return Part(id_, shape, kind="caution", midline=midline)


def _shape(parts: list[Part], id_: str) -> BaseGeometry:
    return shapely.union_all([p.shape for p in parts if p.id == id_])


_THROAT = blob([(-5, 134), (14, 132), (22, 128), (19, 146), (12, 166), (6, 179), (-5, 181)])
# the side of the neck: the carotid sheath runs under sternocleidomastoid from the jaw
# angle to the collarbone, the brachial plexus and subclavian artery between the scalenes
_NECK_SIDE = (
    shapely.union_all([_shape(front_regions.SUPERFICIAL, "sternocleidomastoid"),
                       _shape(front_regions.SUPERFICIAL, "scalenes")])
    .buffer(-1.0)
    .intersection(box(-5, 121, 60, 178))
)  # fmt: skip
# the fibular head, where the common fibular nerve winds round the neck of the fibula
_FIBULAR_HEAD = Point(LEG.at(0.98, 752)).buffer(6.0)
# the bony point of the hip (greater trochanter, with its bursa), seen from front and back
_TROCHANTER = Point(BACK_MARKS["greater_trochanter"]).buffer(7.5)
# the two ankle bones (malleoli), seen from front and back: one zone each (a zone is one
# polygon)
_INNER_ANKLE_BONE = Point(LEG.at(0.12, 960)).buffer(6.0)
_OUTER_ANKLE_BONE = Point(LEG.at(0.88, 957)).buffer(6.0)
# the bony knob on the outside of the elbow (lateral epicondyle), front and back
_ELBOW_KNOB = Point(ARM.at(0.88, 370)).buffer(5.0)

FRONT: list[Part] = [
    _zone("neck_front", shapely.union(_THROAT, _NECK_SIDE), True),
    # the kneecap, its retinacula and the patellar tendon down to the tibial tuberosity
    _zone("kneecap", LEG.blob([(0.26, 690), (0.5, 683), (0.74, 690), (0.77, 714),
                               (0.62, 736), (0.58, 750), (0.42, 750), (0.38, 736),
                               (0.23, 714)])),
    _zone("fibular_head", _FIBULAR_HEAD),
    # the hollow of the armpit, from about 8 cm below the acromion (its dome) down to the
    # fold of the chest muscle; above it lies the front of the deltoid
    _zone("axilla", blob([(88, 232), (103, 230), (106, 252), (98, 270), (90, 265),
                          (86, 249)])),
    _zone("femoral_triangle", blob([(76, 456), (50, 470), (20, 488), (24, 520),
                                    LEG.at(0.35, 566), (52, 520)])),
    # seen from the front the bony point of the hip is at the body's edge, below the front
    # point of the hip bone (tensor fasciae latae lies in front of it)
    _zone("greater_trochanter", Point(102, 500).buffer(6.0)),
    # the breast over the chest muscle, about 12 by 10.5 cm round the nipple so that it
    # suits any body; the upper chest and the front fold of the armpit stay free
    _zone("breast", scale(Point(44, 276).buffer(1.0), 34.0, 30.0)),
    # the shin bone's flat inner face and crest, from below the tibial tuberosity down to
    # the inner ankle bone; tibialis anterior lies outside the crest
    _zone("shin_bone", Polygon([(44, 760), (34, 760), (27, 935), (37, 935)])),
    _zone("inner_ankle_bone", _INNER_ANKLE_BONE),
    _zone("outer_ankle_bone", _OUTER_ANKLE_BONE),
    _zone("elbow_knob", _ELBOW_KNOB),
    # the middle of the elbow crease: the brachial artery and the median nerve run down
    # on the little-finger side of the biceps tendon, from the inner edge of the biceps
    # about 3 cm above the crease (the medial bicipital groove) to the forearm's two muscle
    # masses (the crease itself is at 368); its outer side stays free (physiotherapist
    # review round 13)
    _zone("cubital_fossa", ARM.blob([(0.2, 340), (0.45, 340), (0.58, 358), (0.6, 381),
                                     (0.28, 381), (0.22, 360)])),
    # the navel and the middle line of the belly just above it: a weak spot of the belly
    # wall (hernia) with the aorta deep behind it, which a ball under the body's weight can
    # press on the spine; from 1.5 cm below the navel (400) to 5.5 cm above it, 3.5 cm wide
    # (Riley & Burgess 1994; Gray's Anatomy; physiotherapist review round 13)
    # and the middle line of the belly above and below it: with the margin a ball keeps
    # about 2.8 cm (one and a half finger-widths) off the line from below the breastbone's
    # tip to the navel, over the aorta, and about 1.8 cm below it, where the aorta has split,
    # down to above the pubic bone (physiotherapist checks of round 13)
    _zone("navel", shapely.union_all([scale(Point(0, 388).buffer(1.0), 10.0, 20.0),
                                      box(-10, 306, 10, 388), box(-4, 388, 4, 484)]), True),
    # the tip of the breastbone (xiphoid, at 300): thin bone and gristle over the liver and
    # stomach, 2 by 3.5 cm from the joint above it to just below the tip
    _zone("xiphoid", scale(Point(0, 293).buffer(1.0), 6.0, 10.0), True),
    # the hollow above the middle third of the collarbone (supraclavicular fossa): the
    # subclavian artery and the nerves to the arm; its lower edge follows the top of the
    # drawn collarbone, so the muscle below the bone stays free (physiotherapist
    # adjudication, round 13; Gray's Anatomy, 42nd ed., 2020)
    _zone("supraclavicular", Polygon([(72, 158), (35, 158), (35, 170.3), (45, 170),
                                      (55, 177.4), (65, 178.4), (72, 179.3)])),
]  # fmt: skip

BACK: list[Part] = [
    # the spinous processes from C2 (the first bump below the skull) down the sacrum to the
    # tip of the coccyx: no ball on the tailbone (physiotherapist review round 9)
    _zone("spine", box(-5, 96, 7, 506).buffer(-2).buffer(2), True),
    # the back of the neck below the suboccipital muscles (balls under the skull base stay
    # allowed) down to C7, where no ball or roller goes
    # (fingertip work may; the zone's tools in cautions.toml say so)
    _zone("back_of_neck", box(-26, 102, 26, 158).buffer(-4).buffer(4), True),
    # under the 12th rib, lateral to the erector spinae (the renal angle, where the kidney
    # is tender), about T11 to L2 (not down to L4); the muscles beside the spine stay free
    # (it began 3 cm from the midline, over erector spinae: physiotherapist review round 9)
    _zone("kidney", blob([(32, 322), (46, 318), (56, 338), (51, 364), (34, 370)])),
    _zone("popliteal_fossa", LEG.blob([(0.3, 700), (0.5, 690), (0.7, 700), (0.73, 724),
                                       (0.5, 746), (0.27, 724)])),
    # the side of the neck as seen from behind: sternocleidomastoid below the mastoid
    _zone("neck_front", _shape(back_regions.SUPERFICIAL, "sternocleidomastoid").buffer(-3.5)),
    _zone("fibular_head", _FIBULAR_HEAD),
    # the ulnar nerve in its groove between the olecranon and the medial epicondyle
    _zone("ulnar_groove", ARM.blob([(0.12, 358), (0.34, 358), (0.34, 384), (0.12, 384)])),
    # the sit bone (ischial tuberosity, about 5-6 cm tall and 3 cm across, at the landmark
    # of that name): bone under the hamstrings' tendons and a bursa, which the buttock and
    # thigh records say to stay off
    _zone("sit_bone", scale(Point(40, 512).buffer(1.0), 9.0, 15.0)),
    # the sciatic nerve from under piriformis down past the hollow between the sit bone and
    # the bony point of the hip to the gluteal fold (the textbook surface marking)
    _zone("sciatic_nerve", LineString([(46, 466), (60, 490), (60, 532)]).buffer(4.5)),
    _zone("greater_trochanter", _TROCHANTER),
    _zone("inner_ankle_bone", _INNER_ANKLE_BONE),
    _zone("outer_ankle_bone", _OUTER_ANKLE_BONE),
    _zone("elbow_knob", _ELBOW_KNOB),
]  # fmt: skip
