"""Back-view muscles and fascia on the right half (half coordinates).

Same rules as :mod:`.front_regions`: ``SUPERFICIAL`` in priority order, ``DEEP`` free to
overlap. The trapezius is drawn as its three parts making the classic diamond; the deep
layer holds the muscles under it that people still roll with a ball (rhomboids,
quadratus lumborum, piriformis, ...).
"""

from __future__ import annotations

from shapely.geometry import Polygon

from .geom import blob, strip
from .more_regions import BACK_DEEP
from .outline import ARM, HAND, LEG
from .partition import Part

__all__ = ["DEEP", "SUPERFICIAL"]

_HEAD_NECK = [
    # the scalp ends at the superior nuchal line, which runs from the inion out to the
    # mastoid; below it the neck muscles reach the skull: trapezius medially, splenius
    # capitis, then sternocleidomastoid on the mastoid
    Part("occipitalis", blob([(-5, 48), (22, 44), (42, 52), (50, 70), (46, 84), (22, 80),
                              (-5, 77)])),
    Part("epicranial_aponeurosis", Polygon([(-5, -10), (60, -10), (60, 88), (44, 86),
                                            (20, 80), (-5, 76)]), kind="fascia"),
    Part("sternocleidomastoid", blob([(33, 88), (48, 88), (46, 100), (41, 118), (36, 140),
                                      (31, 134), (31, 110)])),
    Part("levator_scapulae", blob([(28, 124), (35, 127), (45, 158), (39, 166), (30, 150)])),
    Part("splenius_capitis", blob([(17, 82), (34, 88), (33, 124), (28, 134), (22, 120),
                                   (20, 98)])),
    Part("upper_trapezius", blob([(-5, 76), (14, 78), (22, 100), (26, 130), (34, 150),
                                  (60, 162), (90, 171), (118, 178), (119, 192), (95, 195),
                                  (70, 193), (48, 190), (25, 182), (-5, 176)])),
]  # fmt: skip

_SHOULDER = [
    Part("deltoid_middle", blob([(115, 183), (130, 191), (141, 212), (145, 242), (142, 270),
                                 (135, 288), (129, 280), (126, 250), (122, 215), (113, 195)])),
    Part("deltoid_posterior", blob([(97, 193), (114, 187), (126, 198), (131, 240),
                                    (132, 290), (122, 288), (110, 252), (99, 216)])),
    Part("middle_trapezius", blob([(-5, 172), (30, 179), (60, 185), (100, 186), (97, 194),
                                   (70, 197), (53, 204), (35, 222), (-5, 232)])),
    Part("lower_trapezius", blob([(-5, 228), (26, 218), (47, 206), (56, 213), (40, 252),
                                  (24, 292), (9, 336), (-5, 346)], samples=12)),
    Part("rhomboids", blob([(42, 236), (55, 216), (58, 244), (54, 262), (42, 282),
                            (30, 290)])),
    Part("teres_minor", blob([(100, 232), (114, 214), (123, 226), (117, 248), (105, 254)])),
    Part("teres_major", blob([(55, 264), (62, 258), (80, 254), (104, 249), (121, 251),
                              (119, 268), (95, 276), (68, 282)])),
    Part("infraspinatus", blob([(50, 214), (75, 203), (102, 195), (113, 212), (108, 236),
                                (92, 250), (72, 262), (60, 266), (55, 245)])),
]  # fmt: skip

_TRUNK = [
    Part("external_oblique", blob([(78, 322), (97, 318), (102, 420), (90, 420), (80, 380)])),
    Part("thoracolumbar_fascia", blob([(-5, 332), (28, 336), (50, 360), (72, 400),
                                       (60, 425), (30, 445), (-5, 450)]), kind="fascia"),
    Part("erector_spinae_thoracic", blob([(-5, 298), (30, 298), (36, 340), (30, 362),
                                          (-5, 362)])),
    Part("latissimus_dorsi", blob([(20, 300), (50, 276), (80, 271), (120, 262), (112, 286),
                                   (98, 305), (93, 345), (90, 380), (92, 405), (70, 405),
                                   (50, 380), (30, 350), (15, 330)])),
    Part("gluteus_maximus", blob([(-5, 448), (10, 433), (30, 430), (60, 446), (88, 468),
                                  (106, 490), (107, 522), (92, 540), (62, 549), (30, 545),
                                  (8, 532), (-5, 522)])),
    Part("gluteus_medius", blob([(28, 428), (50, 410), (84, 397), (101, 404), (107, 440),
                                 (107, 482), (92, 470), (62, 447)])),
]  # fmt: skip

_ARM = [
    Part("brachioradialis", ARM.blob([(0.84, 318), (1.08, 318), (1.08, 372), (0.92, 372)])),
    Part("extensor_carpi_radialis", ARM.blob([(0.8, 372), (1.08, 372), (1.08, 474),
                                              (0.86, 474), (0.8, 410)])),
    Part("anconeus", ARM.blob([(0.48, 374), (0.76, 374), (0.72, 400), (0.56, 398)])),
    Part("wrist_flexors", ARM.blob([(-0.12, 362), (0.3, 372), (0.36, 514), (-0.12, 514)])),
    Part("triceps_brachii", ARM.blob([(-0.12, 248), (1.08, 276), (1.08, 352), (0.7, 378),
                                      (0.3, 382), (-0.12, 362)])),
    Part("extensor_digitorum", ARM.blob([(0.26, 378), (0.86, 378), (0.9, 514),
                                         (0.28, 514)])),
    Part("hand_muscles", HAND.polygon([(-8, -45), (130, -45), (130, 55), (-8, 55)])),
]  # fmt: skip

_LEG = [
    Part("iliotibial_band", LEG.blob([(0.88, 488), (1.08, 488), (1.08, 712), (0.9, 714),
                                      (0.86, 600)]), kind="fascia"),
    Part("adductor_magnus", LEG.blob([(-0.06, 506), (0.25, 512), (0.25, 600), (0.05, 620),
                                      (-0.06, 600)])),
    Part("gracilis", LEG.blob([(-0.06, 600), (0.06, 600), (0.07, 742), (-0.06, 742)])),
    Part("biceps_femoris", LEG.blob([(0.46, 525), (0.88, 520), (0.9, 690), (0.92, 748),
                                     (0.8, 752), (0.72, 712), (0.6, 660), (0.5, 590)])),
    Part("semitendinosus", LEG.blob([(0.2, 525), (0.5, 525), (0.56, 610), (0.44, 680),
                                     (0.3, 720), (0.2, 752), (0.12, 748), (0.18, 690),
                                     (0.24, 600)])),
    Part("semimembranosus", LEG.blob([(-0.02, 600), (0.26, 600), (0.3, 680), (0.14, 730),
                                      (0.04, 750), (-0.02, 720)])),
    Part("gastrocnemius", LEG.blob([(0.1, 752), (0.3, 712), (0.5, 700), (0.72, 712),
                                    (0.9, 752), (0.97, 800), (0.88, 846), (0.72, 858),
                                    (0.56, 840), (0.46, 852), (0.3, 882), (0.1, 872),
                                    (0.0, 820)])),
    Part("fibularis", LEG.blob([(0.9, 770), (1.08, 770), (1.08, 966), (0.76, 966),
                                (0.8, 930)])),
    Part("abductor_hallucis", LEG.blob([(-0.35, 950), (0.14, 952), (0.2, 984), (0.05, 1006),
                                        (-0.35, 1002)])),
    Part("soleus", LEG.band(-0.3, 1.3, 760, 962)),
    Part("plantar_fascia", LEG.band(-0.3, 1.3, 958, 1010), kind="fascia"),
]  # fmt: skip

SUPERFICIAL: list[Part] = _HEAD_NECK + _SHOULDER + _TRUNK + _ARM + _LEG

DEEP: list[Part] = [
    Part("suboccipitals", blob([(2, 78), (30, 80), (32, 96), (3, 99)])),
    Part("semispinalis_capitis", blob([(3, 78), (18, 80), (18, 140), (10, 165), (3, 160)])),
    Part("splenius_capitis", blob([(5, 82), (28, 88), (34, 120), (28, 146), (10, 170),
                                   (5, 150)])),
    Part("levator_scapulae", strip([(22, 98), (29, 130), (45, 172), (57, 191)], 12)),
    Part("serratus_posterior_superior", blob([(5, 160), (30, 168), (58, 200), (52, 222),
                                              (5, 200)])),
    Part("rhomboids", blob([(5, 168), (40, 184), (57, 196), (59, 266), (40, 268),
                            (5, 250)])),
    Part("supraspinatus", blob([(52, 192), (70, 186), (103, 183), (104, 192), (70, 198),
                                (52, 205)])),
    Part("erector_spinae_thoracic", blob([(4, 165), (30, 170), (32, 330), (4, 335)])),
    Part("serratus_posterior_inferior", blob([(4, 318), (60, 320), (62, 352), (4, 352)])),
    Part("quadratus_lumborum", blob([(16, 340), (50, 345), (62, 385), (56, 402),
                                     (18, 402)])),
    Part("erector_spinae_lumbar", blob([(4, 330), (30, 332), (35, 400), (28, 452),
                                        (4, 456)])),
    # the length of the spine, C2 to the sacrum, deep in the groove beside the spinous processes
    # and at the sacrum filling the groove out to the PSIS, where its lowest fibres attach; it
    # ends at the fourth sacral segment, above the coccyx (the curve closes flat across the
    # bottom: a tip pointing down overshot onto the coccyx and the buttock's inner edge),
    # and stays inside the bony bump of the PSIS
    Part("multifidus", blob([(2, 96), (12, 98), (13, 160), (12, 250), (13, 340), (16, 380),
                             (23, 422), (23, 446), (20, 468), (8, 476), (2, 470), (2, 430)],
                            samples=12)),
    Part("gluteus_minimus", blob([(55, 416), (90, 405), (102, 440), (99, 472), (70, 462)])),
    Part("piriformis", strip([(12, 452), (50, 458), (94, 468), (101, 470)], 16)),
    Part("supinator", ARM.blob([(0.6, 376), (0.96, 376), (0.9, 412), (0.6, 406)])),
    # the hamstrings' common origin on the sit bone (ischial tuberosity), under gluteus
    # maximus: semitendinosus (with the long head of biceps) and semimembranosus, which
    # runs on under semitendinosus to where it comes to the surface above the knee (one
    # muscle: the deep and the surface parts overlap, so its shading is one piece)
    Part("semitendinosus", strip([(40, 500), (42, 520), (40, 540)], 16)),
    Part("semimembranosus", strip([(36, 502), (33, 540), (27, 575), (21, 605), (22, 628)],
                                  14)),
    Part("popliteus", LEG.blob([(0.25, 725), (0.75, 728), (0.6, 762), (0.3, 756)])),
    Part("tibialis_posterior", LEG.blob([(0.3, 772), (0.7, 772), (0.65, 900),
                                         (0.35, 900)])),
    Part("flexor_digitorum_longus", LEG.blob([(0.04, 790), (0.3, 790), (0.32, 900),
                                              (0.2, 950), (0.02, 946)])),
]  # fmt: skip
DEEP += BACK_DEEP
