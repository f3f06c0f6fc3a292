"""Single muscles of the jaw, face, chest wall, forearm, hand, deep hip and foot (right half).

They lie in the deep layer: either truly under the superficial layer (pterygoids, subclavius,
the deep hip rotators, the plantar muscles), or as the named parts of a superficial region
that stays whole so earlier answers hold (``wrist_flexors`` over the forearm flexors,
``hand_muscles`` over the thenar and hypothenar muscles, ``facial_muscles`` over the
zygomaticus). Shapes follow each muscle's course from origin to insertion.
"""

from __future__ import annotations

from .geom import blob, strip
from .outline import ARM, HAND, LEG
from .partition import Part

__all__ = ["BACK_DEEP", "FRONT_DEEP"]

_FACE = [
    # under the zygomatic arch, from the pterygoid plate to the jaw joint in front of the ear
    Part("lateral_pterygoid", blob([(27, 86), (37, 82), (42, 88), (40, 97), (29, 97)])),
    # on the inner face of the jaw angle
    Part("medial_pterygoid", blob([(24, 100), (33, 101), (37, 111), (33, 120), (25, 114)])),
    # posterior belly from behind the jaw angle, anterior belly under the chin
    Part("digastric", strip([(41, 102), (38, 116), (26, 127), (12, 131), (3, 132)],
                            [7, 7, 6.5, 6, 4])),
    # the cheek wall between the jaws, under the zygomaticus
    Part("buccinator", blob([(13, 100), (26, 96), (30, 107), (26, 118), (13, 116)])),
    # from the cheekbone down and in to the corner of the mouth
    Part("zygomaticus_major", strip([(37, 73), (33, 80), (25, 94), (17, 106)], [5, 6.5, 6, 4])),
    # a ring round the eye on the bone of the orbit
    Part("orbicularis_oculi", blob([(5, 46), (28, 43), (35, 56), (29, 68), (6, 68)]).difference(
        blob([(10, 51), (26, 50), (29, 57), (26, 63), (10, 63)]))),
    # a thin sheet over the front and side of the neck onto the upper chest
    Part("platysma", blob([(8, 126), (34, 121), (44, 150), (62, 186), (30, 194), (10, 178)])),
]  # fmt: skip

_CHEST = [
    # under the clavicle, from the first rib out to the shoulder end of the clavicle
    Part("subclavius", strip([(14, 188), (55, 191), (90, 192)], 7)),
    # a strip over the sternum beside the midline (present in some people)
    Part("sternalis", blob([(3, 190), (13, 191), (14, 286), (3, 290)])),
    # between the ribs of the side of the chest, under serratus anterior
    Part("intercostals", blob([(62, 276), (92, 252), (102, 300), (98, 340), (64, 330)])),
]  # fmt: skip

_FOREARM_FRONT = [
    # the muscle bellies in the upper forearm (the wrist holds only their tendons)
    # medial epicondyle obliquely to the middle of the radius
    Part("pronator_teres", ARM.strip([(0.12, 388), (0.45, 404), (0.8, 432)], 9)),
    Part("flexor_carpi_radialis", ARM.strip([(0.18, 388), (0.36, 420), (0.48, 456)], 8)),
    Part("palmaris_longus", ARM.strip([(0.14, 390), (0.26, 420), (0.34, 450)], 6)),
    Part("flexor_carpi_ulnaris", ARM.strip([(0.06, 388), (0.06, 430), (0.08, 466)], 9)),
    Part("flexor_digitorum_superficialis", ARM.blob([(0.15, 392), (0.58, 400), (0.6, 450),
                                                     (0.42, 470), (0.18, 462)])),
    Part("flexor_digitorum_profundus", ARM.blob([(0.02, 392), (0.36, 396), (0.36, 456),
                                                 (0.06, 466)])),
    Part("flexor_pollicis_longus", ARM.blob([(0.56, 420), (0.82, 422), (0.78, 476),
                                             (0.6, 480)])),
]  # fmt: skip

_HAND_FRONT = [
    # the thenar eminence, over the first metacarpal
    Part("opponens_pollicis", HAND.blob([(8, 3), (20, 3), (36, 14), (34, 28), (16, 24), (8, 14)])),
    # deep in the palm between the thumb and the index
    Part("adductor_pollicis", HAND.blob([(36, 8), (46, 20), (57, 19), (55, 6), (44, 2)])),
    # the hypothenar eminence along the little-finger border
    Part("abductor_digiti_minimi_hand", HAND.blob([(8, -19), (38, -23), (60, -23), (58, -15),
                                                   (32, -14), (10, -12)])),
]  # fmt: skip

_LEG_FRONT = [
    # between tibialis anterior and the long toe extensor, its tendon to the big toe
    Part("extensor_hallucis_longus", LEG.blob([(0.5, 840), (0.68, 842), (0.64, 935),
                                               (0.48, 952), (0.44, 900)])),
    # between the metatarsals, felt from the top of the foot
    Part("interossei_foot", blob([(36, 977), (58, 975), (60, 984), (56, 990), (38, 990)])),
]  # fmt: skip

FRONT_DEEP: list[Part] = _FACE + _CHEST + _FOREARM_FRONT + _HAND_FRONT + _LEG_FRONT

_NECK_BACK = [
    # from the spines of T3-T6 up beside the neck to the upper cervical transverse processes,
    # under splenius capitis and the trapezius
    Part("splenius_cervicis", strip([(12, 236), (15, 190), (21, 150), (26, 112)], [9, 10, 10, 8])),
]  # fmt: skip

_HIP_BACK = [
    # the short rotators under gluteus maximus, below piriformis, from the pelvis to the
    # greater trochanter: the gemelli with the obturator internus tendon between them,
    # then quadratus femoris from the sit bone
    Part("gemelli", strip([(40, 479), (68, 480), (94, 478)], 14)),
    Part("obturator_internus", strip([(36, 481), (66, 482), (94, 478)], 9)),
    Part("quadratus_femoris", strip([(44, 496), (70, 494), (93, 489)], 14)),
    # the pelvic floor beside the coccyx: levator ani, and over its back part the
    # coccygeus, a fan from the ischial spine to the side of the lowest sacrum and coccyx
    Part("levator_ani", blob([(3, 470), (20, 476), (28, 498), (12, 512), (3, 506)])),
    Part("coccygeus", blob([(4, 470), (12, 468), (30, 474), (32, 482), (14, 494), (4, 496)])),
]  # fmt: skip

_ARM_BACK = [
    Part("flexor_carpi_ulnaris", ARM.strip([(0.04, 388), (0.04, 430), (0.08, 466)], 9)),
    # along the ulna between extensor digitorum and the ulnar border
    Part("extensor_carpi_ulnaris", ARM.strip([(0.34, 386), (0.3, 430), (0.27, 466)], 8)),
    # the first web space on the back of the hand, between thumb and index
    Part("first_dorsal_interosseous", HAND.blob([(26, 12), (42, 23), (57, 22), (56, 12),
                                                 (42, 8)])),
    Part("abductor_digiti_minimi_hand", HAND.blob([(8, -19), (38, -23), (60, -23), (58, -15),
                                                   (32, -14), (10, -12)])),
]  # fmt: skip

_LEG_BACK = [
    # from above the outer knee obliquely under the lateral gastrocnemius
    Part("plantaris", LEG.strip([(0.8, 708), (0.66, 748), (0.5, 792)], 8)),
    # the lower third of the back of the leg, on the fibular side, under soleus
    Part("flexor_hallucis_longus", LEG.blob([(0.5, 872), (0.8, 872), (0.76, 930),
                                             (0.6, 952), (0.5, 920)])),
]  # fmt: skip

#: the sole seen from behind is foreshortened under the heel: plantar muscles are laid out
#: across it from the big-toe side (medial) to the little-toe side.
_SOLE_BACK = [
    Part("quadratus_plantae", blob([(36, 975), (56, 975), (58, 988), (36, 988)])),
    Part("flexor_digitorum_brevis", blob([(36, 986), (57, 986), (55, 999), (38, 999)])),
    Part("flexor_hallucis_brevis", blob([(27, 984), (36, 984), (37, 998), (29, 997)])),
    Part("adductor_hallucis", blob([(33, 990), (46, 990), (46, 1000), (35, 999)])),
    Part("abductor_digiti_minimi_foot", blob([(58, 975), (66, 975), (69, 994), (60, 998),
                                              (57, 988)])),
]  # fmt: skip

BACK_DEEP: list[Part] = _NECK_BACK + _HIP_BACK + _ARM_BACK + _LEG_BACK + _SOLE_BACK
