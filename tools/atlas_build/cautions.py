"""Caution zones: places not to roll or press hard (spine, throat, back of the knee, ...).

They may overlap muscles and segments. Each view lists its zones on the right half;
``midline`` zones are joined with their mirror (spine, neck_front).
"""

from __future__ import annotations

from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from .geom import blob
from .outline import LEG
from .partition import Part

__all__ = ["BACK", "FRONT"]


def _zone(id_: str, shape: BaseGeometry, midline: bool = False) -> Part:
    return Part(id_, shape, kind="caution", midline=midline)


FRONT: list[Part] = [
    _zone("neck_front", blob([(-5, 134), (14, 132), (22, 128), (19, 146), (12, 166),
                              (6, 179), (-5, 181)]), True),
    _zone("axilla", blob([(88, 226), (103, 224), (110, 250), (101, 270), (90, 264),
                          (86, 245)])),
    _zone("femoral_triangle", blob([(76, 456), (50, 470), (20, 488), (24, 520),
                                    LEG.at(0.35, 566), (52, 520)])),
]  # fmt: skip

BACK: list[Part] = [
    # the spinous processes from C2 (the first bump below the skull) down to the sacrum
    _zone("spine", box(-5, 96, 7, 474).buffer(-2).buffer(2), True),
    # under the 12th rib, lateral to the erector spinae, about T11 to L2 (not down to L4)
    _zone("kidney", blob([(17, 322), (46, 318), (56, 338), (51, 364), (22, 370)])),
    _zone("popliteal_fossa", LEG.blob([(0.3, 700), (0.5, 690), (0.7, 700), (0.73, 724),
                                       (0.5, 746), (0.27, 724)])),
]  # fmt: skip
