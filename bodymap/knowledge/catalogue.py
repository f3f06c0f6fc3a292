"""The muscle catalogue: every record as plain data, for the command line and the browser.

``muscle_entry`` gives one record with its zones as segment ids and its trigger-point sites
as atlas points; ``muscle_geometry`` adds the zones themselves as GeoJSON geometries (the
essential and spillover zones, the muscle's regions and its roll zone), per view and side.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import shapely
from shapely.geometry import mapping

from bodymap.knowledge.focus import focused_part, own_part
from bodymap.knowledge.model import Muscle
from bodymap.knowledge.sites import site_point

if TYPE_CHECKING:
    from bodymap.atlas import ViewAtlas

__all__ = ["RollZoneOf", "area_of", "muscle_entry", "muscle_geometry"]

SIDES = ("right", "left")
RollZoneOf = Callable[[str, str, str], Any]
"""(view, muscle id, side) → the rollable geometry or None: the advisor's roll zones
(`bodymap.advisor.rollable.RollZones`), so the catalogue shades exactly what the routine does."""
_BODY_LAYERS = ("superficial", "deep")


def area_of(muscle: Muscle) -> str:
    """The body area a record belongs to: the name of its table file (``forearm_hand``)."""
    return muscle.area


def _views(muscle: Muscle, atlas: Mapping[str, ViewAtlas]) -> list[str]:
    return [
        view
        for view, va in atlas.items()
        if any(r.layer in _BODY_LAYERS for r in va.find(muscle.id))
    ]


def _sites(muscle: Muscle, atlas: Mapping[str, ViewAtlas]) -> dict[str, dict[str, list[Any]]]:
    """Trigger-point sites per view and side; fascia has none (it is rolled around, never
    a source), so none is drawn or listed for it."""
    out: dict[str, dict[str, list[Any]]] = {}
    if muscle.kind == "fascia":
        return out
    for site in muscle.trigger_points:
        va = atlas[site.view]
        for side in SIDES:
            x, y = site_point(site, side, va.landmarks)
            out.setdefault(site.view, {}).setdefault(side, []).append([x, y])
    return out


def muscle_entry(muscle: Muscle, atlas: Mapping[str, ViewAtlas]) -> dict[str, Any]:
    """One record as JSON-ready data (the ``bodymap muscles`` contract)."""
    return {
        "id": muscle.id,
        "name": muscle.name,
        "synonyms": list(muscle.synonyms),
        "group": muscle.group,
        "area": area_of(muscle),
        "also_in": list(muscle.also_in),
        "kind": muscle.kind,
        "views": _views(muscle, atlas),
        "essential": list(muscle.referral.essential),
        "spillover": list(muscle.referral.spillover),
        "partly": sorted({focus.segment for focus in muscle.referral.focus}),
        "faces": dict(muscle.referral.faces),
        "sites": _sites(muscle, atlas),
        "rollable": muscle.technique.tool != "none",
        "tool": muscle.technique.tool,
        "cautions": list(muscle.cautions),
        "source": muscle.source,
    }


def _union(geoms: list[Any]) -> Any:
    return shapely.union_all(geoms) if geoms else None


def _geojson(geom: Any) -> dict[str, Any] | None:
    if geom is None or geom.is_empty:
        return None
    return dict(mapping(shapely.set_precision(geom, 0.1)))


def muscle_geometry(
    muscle: Muscle,
    atlas: Mapping[str, ViewAtlas],
    roll_zone: RollZoneOf,
    view: str | None = None,
) -> dict[str, Any]:
    """``muscle_entry`` plus, per view and side, the zones as GeoJSON geometries.

    ``essential``/``spillover`` are the unions of the referral segments on that side (with
    that side's half of each midline segment, as the ranking counts it; of a focused segment
    its part, see :mod:`bodymap.knowledge.focus`),
    ``region`` the muscle's superficial and deep regions, and
    ``roll_zone`` what ``roll_zone`` says is rollable there (none when the record says
    not to roll).
    """
    entry = muscle_entry(muscle, atlas)
    zones: dict[str, dict[str, Any]] = {}
    for name in [view] if view else list(atlas):
        va = atlas[name]
        per_side: dict[str, Any] = {}
        for side in SIDES:
            sided = (side, "midline")
            essential, spillover = (
                _union(
                    [
                        focused_part(
                            own_part(r.geometry, r.side, name, side),
                            muscle.referral.focus_on(r.id),
                            name,
                            side,
                            va.landmarks,
                            muscle.referral.face_of(r.id),
                        )
                        for r in va.layer("segment")
                        if r.id in segments and r.side in sided
                    ]
                )
                for segments in (muscle.referral.essential, muscle.referral.spillover)
            )
            region = _union(
                [r.geometry for r in va.find(muscle.id, side) if r.layer in _BODY_LAYERS]
            )
            roll = roll_zone(name, muscle.id, side) if entry["rollable"] else None
            per_side[side] = {
                "essential": _geojson(essential),
                "spillover": _geojson(spillover),
                "region": _geojson(region),
                "roll_zone": _geojson(roll),
            }
        zones[name] = per_side
    return {**entry, "zones": zones}
