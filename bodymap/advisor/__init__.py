"""The advisor: which muscles likely cause the pain at the marked spots, what to roll
around them, how and in which order, and what not to roll.

Pure Python on top of :mod:`bodymap.atlas` and :mod:`bodymap.knowledge`; never imports Qt.
"""

from __future__ import annotations

from bodymap.advisor import model
from bodymap.advisor.advise import advise, advise_map, locate_spots
from bodymap.advisor.model import *  # noqa: F403  (the answer's records: see __all__ below)

__all__ = ["advise", "advise_map", "locate_spots"]
# Every record model.py exports is exported here too; its list is kept in one place, there.
__all__ += model.__all__
