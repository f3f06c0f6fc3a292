"""Strict reading of the atlas GeoJSON files.

Every problem names the file and the feature, so a person editing the atlas in a GeoJSON
editor knows what to fix.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import Point, shape

from bodymap.atlas.model import KINDS, LAYERS, SIDES, VIEWS, Region

__all__ = ["FORMAT", "VERSION", "AtlasError", "ViewData", "parse_view"]

FORMAT = "bodymap-atlas"
VERSION = 1
_PROPERTY_KEYS = frozenset({"id", "kind", "layer", "side", "name"})
_KIND_LAYERS = {
    "outline": {"outline"},
    "muscle": {"superficial", "deep"},
    "fascia": {"superficial", "deep"},
    "segment": {"segment"},
    "caution": {"caution"},
    "landmark": {"landmark"},
}


class AtlasError(ValueError):
    """The atlas data is malformed; the message names the file and the feature."""


@dataclass(frozen=True)
class ViewData:
    """The parsed contents of one view's file; ``neighbours`` holds the neighbour tables
    when they were worked out ahead (the compact form), by layer: for each of the layer's
    regions in file order, the positions of its neighbours in that order."""

    view: str
    outline: Any
    regions: tuple[Region, ...]
    landmarks: dict[str, tuple[float, float]]
    neighbours: Mapping[str, tuple[tuple[int, ...], ...]] | None = None


def _feature_label(index: int, props: Any) -> str:
    if isinstance(props, dict) and isinstance(props.get("id"), str):
        return f"feature {index} ({props['id']}, {props.get('side')}, {props.get('layer')})"
    return f"feature {index}"


def _properties(source: str, index: int, feature: Any) -> dict[str, str]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise AtlasError(f"{source}: feature {index} is not a GeoJSON Feature")
    props = feature.get("properties")
    label = _feature_label(index, props)
    if not isinstance(props, dict):
        raise AtlasError(f"{source}: {label} has no properties")
    keys = set(props)
    if keys != _PROPERTY_KEYS:
        extra, missing = sorted(keys - _PROPERTY_KEYS), sorted(_PROPERTY_KEYS - keys)
        raise AtlasError(f"{source}: {label} has unknown keys {extra} / missing keys {missing}")
    if not all(isinstance(props[k], str) and props[k] for k in _PROPERTY_KEYS):
        raise AtlasError(f"{source}: {label} has a property that is not a non-empty string")
    if props["kind"] not in KINDS or props["layer"] not in LAYERS:
        raise AtlasError(f"{source}: {label} has unknown kind or layer")
    if props["layer"] not in _KIND_LAYERS[props["kind"]]:
        kind, layer = props["kind"], props["layer"]
        raise AtlasError(f"{source}: {label}: a {kind} cannot be on layer {layer}")
    if props["side"] not in SIDES:
        raise AtlasError(f"{source}: {label} has unknown side {props['side']!r}")
    return {k: str(v) for k, v in props.items()}


def _geometry(source: str, label: str, feature: dict[str, Any], kind: str) -> Any:
    try:
        geom = shape(feature["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise AtlasError(f"{source}: {label} has unreadable geometry: {exc}") from None
    wanted = ("Point",) if kind == "landmark" else ("Polygon", "MultiPolygon")
    if geom.geom_type not in wanted:
        raise AtlasError(f"{source}: {label} is a {geom.geom_type}, expected {wanted[0]}")
    if geom.is_empty or not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        raise AtlasError(f"{source}: {label} has an invalid geometry ({reason})")
    return geom


def parse_view(text: str, source: str, view: str) -> ViewData:
    """Parse one view's GeoJSON text; raise :class:`AtlasError` on any problem."""
    try:
        doc = json.loads(text, parse_constant=lambda c: math.nan)
    except json.JSONDecodeError as exc:
        raise AtlasError(f"{source}: not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise AtlasError(f"{source}: not a GeoJSON FeatureCollection")
    meta = doc.get("bodymap")
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise AtlasError(f"{source}: missing the 'bodymap' member with format {FORMAT!r}")
    if meta.get("version") != VERSION:
        raise AtlasError(f"{source}: atlas version {meta.get('version')!r} is not {VERSION}")
    if meta.get("view") != view or view not in VIEWS:
        raise AtlasError(f"{source}: holds view {meta.get('view')!r}, expected {view!r}")
    features = doc.get("features")
    if not isinstance(features, list):
        raise AtlasError(f"{source}: 'features' is not a list")

    outline = None
    regions: list[Region] = []
    landmarks: dict[str, tuple[float, float]] = {}
    seen: set[tuple[str, str, str]] = set()
    for index, feature in enumerate(features):
        props = _properties(source, index, feature)
        label = _feature_label(index, props)
        geom = _geometry(source, label, feature, props["kind"])
        ident = (props["id"], props["side"], props["layer"])
        if ident in seen:
            raise AtlasError(f"{source}: {label} appears twice")
        seen.add(ident)
        if props["kind"] == "landmark":
            point: Point = geom
            landmarks[props["id"]] = (float(point.x), float(point.y))
        elif props["kind"] == "outline":
            if outline is not None:
                raise AtlasError(f"{source}: {label} is a second outline")
            outline = geom
        else:
            regions.append(
                Region(
                    view,
                    props["id"],
                    props["side"],
                    props["kind"],
                    props["layer"],
                    props["name"],
                    geom,
                )
            )
    if outline is None:
        raise AtlasError(f"{source}: has no outline feature")
    return ViewData(view, outline, tuple(regions), landmarks)
