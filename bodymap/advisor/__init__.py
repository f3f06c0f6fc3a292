"""The advisor: which muscles likely cause the pain at the marked spots, what to roll
around them, how and in which order, and what not to roll.

Pure Python on top of :mod:`bodymap.atlas` and :mod:`bodymap.knowledge`; never imports Qt.
"""

from __future__ import annotations

from bodymap.advisor.advise import advise, advise_map, locate_spots
from bodymap.advisor.model import (
    PAIN_KINDS,
    Advice,
    CautionNote,
    PainSpot,
    Reason,
    RedFlagNote,
    RollingStep,
    Routine,
    Source,
    SpotFinding,
    SpotLike,
    SurroundingArea,
    WarmupStep,
    spots_label,
)

__all__ = [
    "PAIN_KINDS",
    "Advice",
    "CautionNote",
    "PainSpot",
    "Reason",
    "RedFlagNote",
    "RollingStep",
    "Routine",
    "Source",
    "SpotFinding",
    "SpotLike",
    "SurroundingArea",
    "WarmupStep",
    "advise",
    "advise_map",
    "locate_spots",
    "spots_label",
]
