"""Spots as CSV or GeoJSON text, for spreadsheets, QGIS or a clinician.

Coordinates are atlas units (y down, midline x = 500), not longitude and latitude.
``region_names(spot) -> str`` lets the caller add the main region under each spot without
this module importing the atlas.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from datetime import UTC
from typing import Any

from bodymap.maps.model import TriggerPointMap
from bodymap.maps.values import Spot
from bodymap.sides import area_side

__all__ = ["CSV_COLUMNS", "RegionNames", "spots_to_csv", "spots_to_geojson"]

CSV_COLUMNS = ("number", "id", "view", "side", "x", "y", "intensity", "kind", "note")
RegionNames = Callable[[Spot], str]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _spots(source: TriggerPointMap | Iterable[Spot]) -> list[Spot]:
    return list(source.spots if isinstance(source, TriggerPointMap) else source)


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (a leading ' is added where needed)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def spots_to_csv(
    source: TriggerPointMap | Iterable[Spot], region_names: RegionNames | None = None
) -> str:
    """One row per spot, numbered from 1, with a header; a ``region`` column is added when
    ``region_names`` is given, and ``area_units2`` and ``area_side`` columns (the painted
    area's size in square atlas units, and "both" for an area across the midline, else its
    side; empty for a point spot) when any spot is a painted area. Notes keep their line
    breaks (quoted)."""
    spots = _spots(source)
    areas = any(spot.area is not None for spot in spots)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    extra = (
        *(("region",) if region_names else ()),
        *(("area_units2", "area_side") if areas else ()),
    )
    writer.writerow([*CSV_COLUMNS, *extra])
    for number, spot in enumerate(spots, start=1):
        row: list[Any] = [number, spot.id, spot.view, spot.side, spot.x, spot.y]
        row += [spot.intensity, spot.kind, _cell(spot.note)]
        if region_names is not None:
            row.append(_cell(region_names(spot)))
        if areas:
            if spot.area is not None:
                row += [round(spot.area.size, 1), area_side(spot.view, spot.area.shape)]
            else:
                row += ["", ""]
        writer.writerow(row)
    return out.getvalue()


def spots_to_geojson(
    source: TriggerPointMap | Iterable[Spot], region_names: RegionNames | None = None
) -> str:
    """A FeatureCollection with the spot's fields as properties: a Point (x, y in atlas
    units) for a spot, the Polygon or MultiPolygon for a painted area (its point then in
    ``point``, its size in ``area_units2`` and its sides in ``area_side``: "both" for an
    area across the midline, else its one side)."""
    features = []
    for number, spot in enumerate(_spots(source), start=1):
        properties: dict[str, Any] = {
            "number": number,
            "id": spot.id,
            "view": spot.view,
            "side": spot.side,
            "intensity": spot.intensity,
            "kind": spot.kind,
            "note": spot.note,
            "created": spot.created.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        }
        if region_names is not None:
            properties["region"] = region_names(spot)
        geometry: dict[str, Any] = {"type": "Point", "coordinates": [spot.x, spot.y]}
        if spot.area is not None:
            geometry = spot.area.to_geojson()
            properties["point"] = [spot.x, spot.y]
            properties["area_units2"] = round(spot.area.size, 1)
            properties["area_side"] = area_side(spot.view, spot.area.shape)
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    collection = {
        "type": "FeatureCollection",
        "bodymap": {"format": "bodymap-spots", "version": 1, "units": "atlas"},
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, indent=1)
