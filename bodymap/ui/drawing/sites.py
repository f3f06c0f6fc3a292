"""Where a muscle's trigger points commonly sit, in atlas coordinates, per view.

A thin layer over `bodymap.knowledge.site_point` that also expands muscle groups
(``hamstrings`` → its parts) and skips sites whose landmark a view lacks; and which sites a
finger may press (the press test's rule, `bodymap.advisor.press.NoPressZones`), so the
diagrams draw ⊕ only where pressing is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bodymap.advisor.press import PressClear
from bodymap.advisor.tables import tables_for
from bodymap.atlas import ViewAtlas
from bodymap.knowledge import GROUPS, Knowledge, load_knowledge, site_point

__all__ = ["PressClear", "press_clear", "split_by_press", "trigger_point_sites"]

Points = list[tuple[float, float]]


def press_clear(
    atlas: Mapping[str, ViewAtlas], knowledge: Knowledge | None = None, muscle: str | None = None
) -> PressClear:
    """The advisor's rule for where a press test may send a finger: clear of every zone not
    to press, by its margin (the advisor's tables for this atlas, built once and shared).
    For a ``muscle`` the person never works (``tool = "none"``: inside the pelvis, under
    the jaw, the front of the neck) nowhere: its sites are open rings, never ⊕, as the
    advisor asks no press test about it."""
    knowledge = knowledge if knowledge is not None else load_knowledge()
    record = knowledge.muscles.get(muscle) if muscle else None
    if record is not None and not record.technique.rolled:
        return _nowhere
    return tables_for(atlas, knowledge).no_press.clear


def _nowhere(_view: str, _x: float, _y: float) -> bool:
    return False


def split_by_press(
    view: str, points: Iterable[tuple[float, float]], clear: PressClear
) -> tuple[Points, Points]:
    """``points`` of ``view`` as (clear to press, inside a zone not to press)."""
    ok: Points = []
    not_ok: Points = []
    for x, y in points:
        (ok if clear(view, x, y) else not_ok).append((x, y))
    return ok, not_ok


def trigger_point_sites(
    muscle: str,
    side: str,
    atlas: Mapping[str, ViewAtlas],
    knowledge: Knowledge | None = None,
) -> dict[str, list[tuple[float, float]]]:
    """``{view: [(x, y), ...]}`` of the trigger-point sites of ``muscle`` on ``side``."""
    knowledge = knowledge if knowledge is not None else load_knowledge()
    found: dict[str, list[tuple[float, float]]] = {}
    for muscle_id in GROUPS.get(muscle, (muscle,)):
        record = knowledge.muscles.get(muscle_id)
        if record is None:
            continue
        for site in record.trigger_points:
            if site.view not in atlas:
                continue
            try:
                point = site_point(site, side, atlas[site.view].landmarks)
            except KeyError:
                continue
            found.setdefault(site.view, []).append(point)
    return found
