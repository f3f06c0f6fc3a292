"""What bodymap knows: muscles, where their trigger points sit, where they refer pain,
how to roll them, and what not to roll.

Load the tables once with :func:`load_knowledge`.
"""

from __future__ import annotations

from bodymap.knowledge import model
from bodymap.knowledge.atlas_check import validate_against_atlas
from bodymap.knowledge.catalogue import muscle_entry, muscle_geometry
from bodymap.knowledge.fields import KnowledgeError
from bodymap.knowledge.loader import load_knowledge, parse_knowledge
from bodymap.knowledge.model import *  # noqa: F403  (the records: see __all__ below)
from bodymap.knowledge.names import GROUPS, MIDLINE_SEGMENTS, POSITIONS, REGION_IDS, TOOLS
from bodymap.knowledge.sites import site_point

__all__ = [
    "GROUPS",
    "MIDLINE_SEGMENTS",
    "POSITIONS",
    "REGION_IDS",
    "TOOLS",
    "KnowledgeError",
    "load_knowledge",
    "muscle_entry",
    "muscle_geometry",
    "parse_knowledge",
    "site_point",
    "validate_against_atlas",
]
# Every record model.py exports is exported here too; its list is kept in one place, there.
__all__ += model.__all__
