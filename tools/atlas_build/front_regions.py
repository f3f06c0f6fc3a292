"""Front-view muscles and fascia on the right half (palms forward, half coordinates).

``SUPERFICIAL`` is in priority order (earlier shapes win where they overlap), so small
landmark-anchored muscles come first and broad "fill" muscles last. ``DEEP`` shapes lie
under them and may overlap each other.
"""

from __future__ import annotations

from shapely.geometry import box

from .geom import blob, strip
from .more_regions import FRONT_DEEP
from .outline import ARM, HAND, LEG, ear, head, skull
from .partition import Part

__all__ = ["DEEP", "SUPERFICIAL"]

#: the ear and a margin in front of it belong to the face muscles, not the chewing muscles.
_EAR = ear().buffer(3.5)

_HEAD = [
    Part("temporalis", blob([(29, 28), (42, 28), (49, 48), (49, 74), (43, 88), (35, 80),
                             (31, 60), (28, 42)]).intersection(skull()).difference(_EAR)),
    Part("masseter", blob([(24, 88), (38, 85), (43, 100), (41, 116), (33, 123),
                           (23, 112)]).difference(_EAR)),
    Part("frontalis", blob([(-5, 16), (28, 13), (40, 28), (33, 47), (10, 47), (-5, 46)])),
    Part("epicranial_aponeurosis", box(-5, -10, 50, 22), kind="fascia"),
    Part("facial_muscles", head().intersection(box(-5, 38, 60, 134))),
]  # fmt: skip

_NECK = [
    Part("sternocleidomastoid", strip([(39, 104), (27, 130), (17, 155), (7, 182)],
                                      [10, 13, 13, 10]).union(
        strip([(22, 148), (23, 165), (25, 184)], [5, 8, 9]))),
    Part("scalenes", blob([(31, 126), (36, 128), (42, 155), (48, 170), (36, 175), (30, 160),
                           (28, 140)])),
    Part("upper_trapezius", blob([(34, 140), (52, 150), (82, 162), (116, 172), (118, 188),
                                  (95, 181), (62, 177), (44, 172), (37, 160)])),
    Part("infrahyoids", blob([(-5, 116), (18, 114), (28, 122), (18, 150), (12, 182),
                              (-5, 184)])),
]  # fmt: skip

_TRUNK = [
    Part("deltoid_middle", blob([(115, 183), (130, 191), (141, 212), (145, 242), (142, 270),
                                 (135, 288), (129, 280), (126, 250), (122, 215), (113, 195)])),
    Part("deltoid_anterior", blob([(95, 189), (112, 183), (123, 198), (129, 232), (133, 264),
                                   (132, 290), (122, 288), (109, 262), (99, 230), (93, 205)])),
    Part("pectoralis_major", blob([(-5, 186), (40, 184), (88, 186), (107, 204), (117, 238),
                                   (110, 260), (95, 266), (80, 283), (52, 296), (20, 297),
                                   (-5, 293)])),
    Part("serratus_anterior", blob([(74, 285), (92, 258), (101, 290), (96, 338), (82, 330),
                                    (72, 305)])),
    Part("rectus_abdominis", blob([(-5, 288), (30, 287), (44, 302), (45, 350), (41, 420),
                                   (30, 468), (18, 499), (-5, 502)])),
    Part("external_oblique", blob([(30, 292), (82, 292), (101, 330), (100, 410), (84, 452),
                                   (50, 472), (30, 470), (38, 400)])),
    Part("gluteus_medius", blob([(86, 408), (100, 410), (106, 440), (94, 446), (85, 430)])),
    Part("tensor_fasciae_latae", blob([(83, 443), (98, 440), (106, 468), (103, 522),
                                       (94, 528), (87, 492), (81, 462)])),
    Part("iliopsoas", blob([(34, 470), (62, 458), (76, 470), (62, 503), (44, 505)])),
    Part("pectineus", blob([(8, 486), (30, 474), (44, 500), (28, 522), (8, 510)])),
]  # fmt: skip

_ARM = [
    Part("extensor_carpi_radialis", ARM.blob([(0.86, 374), (1.08, 372), (1.08, 472),
                                              (0.94, 472)])),
    Part("brachioradialis", ARM.blob([(0.72, 336), (1.05, 334), (1.02, 420), (0.88, 492),
                                      (0.72, 500), (0.62, 432), (0.6, 384)])),
    Part("coracobrachialis", ARM.blob([(-0.1, 226), (0.36, 232), (0.3, 300), (0.05, 312),
                                       (-0.1, 282)])),
    Part("triceps_brachii", ARM.blob([(-0.12, 292), (0.14, 300), (0.13, 362), (-0.12, 362)])),
    Part("biceps_brachii", ARM.blob([(0.26, 250), (0.7, 254), (0.76, 330), (0.64, 368),
                                     (0.4, 368), (0.2, 330)])),
    Part("brachialis", ARM.blob([(0.7, 286), (1.04, 290), (1.04, 338), (0.75, 346),
                                 (0.6, 370), (0.7, 330)])),
    Part("wrist_flexors", ARM.blob([(-0.12, 364), (0.62, 372), (0.75, 450), (0.74, 516),
                                    (-0.12, 516)])),
    Part("hand_muscles", HAND.polygon([(-8, -45), (130, -45), (130, 55), (-8, 55)])),
]  # fmt: skip

_LEG = [
    Part("iliotibial_band", LEG.blob([(0.87, 505), (1.08, 500), (1.08, 712), (0.9, 714),
                                      (0.86, 610)]), kind="fascia"),
    Part("sartorius", LEG.strip([(0.78, 462), (0.62, 525), (0.42, 588), (0.22, 650),
                                 (0.07, 700), (0.06, 742)], 13)),
    Part("vastus_medialis", LEG.blob([(0.03, 610), (0.3, 638), (0.43, 688), (0.33, 713),
                                      (0.1, 716), (0.01, 680)])),
    Part("patellar_retinaculum", LEG.blob([(0.2, 690), (0.5, 684), (0.82, 692), (0.86, 730),
                                           (0.5, 752), (0.14, 735)]), kind="fascia"),
    Part("adductor_longus", LEG.blob([(-0.05, 495), (0.3, 498), (0.32, 540), (0.15, 612),
                                      (0.04, 604), (-0.05, 540)])),
    Part("gracilis", LEG.blob([(-0.06, 522), (0.08, 522), (0.1, 640), (0.06, 724),
                               (-0.06, 724)])),
    Part("rectus_femoris", LEG.blob([(0.5, 470), (0.74, 478), (0.72, 600), (0.62, 682),
                                     (0.5, 692), (0.38, 620), (0.4, 520)])),
    Part("vastus_lateralis", LEG.blob([(0.7, 498), (0.94, 508), (0.94, 692), (0.76, 702),
                                       (0.6, 692), (0.72, 600)])),
    Part("gastrocnemius", LEG.blob([(-0.06, 738), (0.18, 745), (0.2, 800), (0.12, 862),
                                    (-0.06, 862)])),
    Part("soleus", LEG.blob([(-0.06, 842), (0.2, 832), (0.26, 900), (0.16, 942),
                             (-0.06, 942)])),
    Part("fibularis", LEG.blob([(0.86, 742), (1.08, 742), (1.08, 932), (0.86, 936)])),
    # the long toe extensor along the outer front of the shin, between fibularis and
    # tibialis anterior for most of the leg's length: it wins their shared border
    Part("extensor_digitorum_longus", LEG.blob([(0.73, 770), (0.9, 775), (0.88, 930),
                                                (0.62, 948), (0.68, 880)])),
    Part("tibialis_anterior", LEG.blob([(0.3, 742), (0.76, 748), (0.73, 860), (0.6, 934),
                                        (0.45, 940), (0.36, 860)])),
    # along the inner border of the foot, from the inner ankle bone to the big toe
    Part("abductor_hallucis", blob([(12, 952), (31, 952), (38.5, 962), (38.5, 972),
                                    (33, 985), (29, 989.5), (20, 990), (12, 975)])),
    Part("extensor_digitorum_brevis", LEG.band(-0.3, 1.3, 964, 1010)),
]  # fmt: skip

SUPERFICIAL: list[Part] = _HEAD + _NECK + _TRUNK + _ARM + _LEG

DEEP: list[Part] = [
    Part("pectoralis_minor", blob([(92, 202), (102, 210), (84, 250), (60, 272), (40, 262),
                                   (40, 236), (60, 226)])),
    Part("subscapularis", blob([(86, 222), (100, 220), (105, 250), (97, 270), (85, 256)])),
    Part("iliopsoas", blob([(15, 372), (45, 376), (75, 450), (70, 505), (50, 522),
                            (35, 482), (20, 420)])),
    Part("internal_oblique", blob([(40, 330), (88, 338), (96, 420), (76, 452), (40, 442)])),
    Part("vastus_intermedius", LEG.blob([(0.36, 522), (0.7, 522), (0.68, 680), (0.4, 682)])),
    Part("supinator", ARM.blob([(0.6, 376), (0.96, 376), (0.9, 412), (0.6, 406)])),
    # the distal two thirds of the front of the arm, under the biceps
    Part("brachialis", ARM.blob([(0.25, 282), (0.75, 284), (0.8, 350), (0.6, 372),
                                 (0.3, 360)])),
    # along the back of the tibia, its tendon behind the medial malleolus
    Part("flexor_digitorum_longus", LEG.blob([(-0.04, 800), (0.2, 800), (0.22, 900),
                                              (0.16, 958), (0.0, 958)])),
]  # fmt: skip
DEEP += FRONT_DEEP
