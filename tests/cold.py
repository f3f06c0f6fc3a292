"""Advice as from a program just started: the advisor's kept answers forgotten."""

from __future__ import annotations

from bodymap.advisor.areas import area_tables
from bodymap.advisor.tables import tables_for
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge


def forget_kept_answers() -> None:
    """Empty every answer the advisor keeps about spots and areas (see "Kept answers" in
    docs/ARCHITECTURE.md), as when the program has just started."""
    atlas = load_atlas()
    tables = tables_for(atlas, load_knowledge())
    tables.recent_spots.clear()
    for view, va in atlas.items():
        area_tables(tables, view).recent.clear()
        va._recent_areas.clear()
        va._recent_clips.clear()
