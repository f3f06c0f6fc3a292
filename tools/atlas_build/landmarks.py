"""Landmarks per view in half coordinates, at adult heights (y from the vertex).

Sided landmarks are given once for the person's right side (suffix added when placed);
midline ones sit at d = 0. Every point is an on-body spot a user could click, so points
on the edge of the figure (temple, acromion, malleoli) sit a few units inside it.
"""

from __future__ import annotations

from .geom import Point
from .outline import ARM, LEG

__all__ = ["BACK", "FRONT", "MIDLINE"]

MIDLINE = {
    "vertex", "chin", "sternal_notch", "xiphoid", "umbilicus", "pubic_symphysis",
    "occiput", "c7", "t12", "l4", "sacrum", "coccyx",
}  # fmt: skip

FRONT: dict[str, Point] = {
    "vertex": (0, 5),
    "chin": (0, 125),
    "temple": (39, 54),
    "jaw_angle": (34, 112),
    "sternal_notch": (0, 180),
    "acromion": (104, 186),
    "clavicle_mid": (55, 184),
    "nipple": (46, 280),
    "xiphoid": (0, 300),
    "umbilicus": (0, 400),
    "asis": (80, 450),
    "pubic_symphysis": (0, 496),
    "elbow_crease": ARM.at(0.5, 368),
    "lateral_epicondyle": ARM.at(0.88, 370),
    "medial_epicondyle": ARM.at(0.1, 370),
    "wrist": ARM.at(0.5, 515),
    "greater_trochanter": (95, 470),
    "patella": LEG.at(0.5, 710),
    "tibial_tuberosity": LEG.at(0.5, 745),
    "medial_malleolus": LEG.at(0.12, 960),
    "lateral_malleolus": LEG.at(0.88, 957),
}

BACK: dict[str, Point] = {
    "vertex": (0, 5),
    "occiput": (0, 75),
    "mastoid": (38, 96),
    "c7": (0, 160),
    "acromion": (104, 186),
    "scapula_superior_angle": (56, 190),
    "scapula_spine_root": (48, 205),
    "scapula_inferior_angle": (60, 270),
    "olecranon": ARM.at(0.45, 370),
    "lateral_epicondyle": ARM.at(0.88, 370),
    "medial_epicondyle": ARM.at(0.1, 370),
    "wrist": ARM.at(0.5, 515),
    "t12": (0, 340),
    "iliac_crest": (84, 400),
    "l4": (0, 400),
    "psis": (22, 440),
    "sacrum": (0, 440),
    "coccyx": (0, 498),
    "greater_trochanter": (95, 470),
    "ischial_tuberosity": (40, 510),
    "gluteal_fold": (45, 530),
    "popliteal_fossa": LEG.at(0.5, 720),
    "heel": LEG.at(0.5, 988),
    "medial_malleolus": LEG.at(0.12, 960),
    "lateral_malleolus": LEG.at(0.88, 957),
}
