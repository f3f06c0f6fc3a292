"""Place the half-body design in a view, mirror it, and write the GeoJSON contract.

Front view: the person's right is at x < 500 (x = 500 - d); back view: at x > 500
(x = 500 + d). The left side is the exact mirror of the right. Output is deterministic:
fixed feature order, coordinates on a 0.1 grid, one feature per line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

import shapely
from shapely.geometry import MultiPolygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from . import back_regions, cautions, front_regions, landmarks, segments
from .geom import polygons
from .names import display_name
from .outline import half_outline
from .partition import Part, clip_inside, partition

__all__ = ["build_view", "dumps", "place"]

MIDX = 500.0
GRID = 0.1
LAYER_ORDER = ["outline", "superficial", "deep", "segment", "caution", "landmark"]


def _sign(view: str, side: str) -> float:
    """+1 if the side's lateral direction is +x in this view."""
    right_sign = -1.0 if view == "front" else 1.0
    return right_sign if side == "right" else -right_sign


def place(geom: BaseGeometry, view: str, side: str) -> BaseGeometry:
    """A half-coordinate geometry placed on one side of a view."""
    s = _sign(view, side)
    return shapely.affinity.affine_transform(geom, [s, 0.0, 0.0, 1.0, MIDX, 0.0])


def _snap(geom: BaseGeometry) -> BaseGeometry:
    """Geometry on the 0.1 grid, valid, without crumbs smaller than one square unit."""
    geom = shapely.make_valid(geom)
    try:
        snapped = shapely.set_precision(geom, GRID)
    except shapely.errors.GEOSException:
        snapped = shapely.make_valid(shapely.set_precision(geom.buffer(0), GRID, mode="pointwise"))
    parts = [orient(p, 1.0) for p in polygons(snapped) if p.area >= 1.0]
    parts.sort(key=lambda p: (-p.area, p.bounds))
    if not parts:
        raise ValueError("geometry vanished on the 0.1 grid")
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _feature(id_: str, kind: str, layer: str, side: str, geom: BaseGeometry) -> dict:
    return {
        "type": "Feature",
        "properties": {"id": id_, "kind": kind, "layer": layer, "side": side,
                       "name": display_name(id_)},
        "geometry": mapping(geom),
    }  # fmt: skip


def _region_features(
    items: Iterable[tuple[Part, BaseGeometry]], view: str, layer: str
) -> Iterator[dict]:
    for part, half in items:
        kind = "segment" if layer == "segment" else part.kind
        if part.midline:
            whole = shapely.union(place(half, view, "right"), place(half, view, "left"))
            yield _feature(part.id, kind, layer, "midline", _snap(whole))
        else:
            for side in ("right", "left"):
                yield _feature(part.id, kind, layer, side, _snap(place(half, view, side)))


def _landmark_features(view: str) -> Iterator[dict]:
    table = landmarks.FRONT if view == "front" else landmarks.BACK
    for name, (d, y) in table.items():
        if name in landmarks.MIDLINE:
            yield _feature(name, "landmark", "landmark", "midline",
                           shapely.Point(MIDX, y))  # fmt: skip
            continue
        for side, suffix in (("right", "_r"), ("left", "_l")):
            x = MIDX + _sign(view, side) * d
            yield _feature(name + suffix, "landmark", "landmark", side,
                           shapely.Point(round(x, 1), round(y, 1)))  # fmt: skip


def build_view(view: str) -> dict:
    """The whole FeatureCollection for one view, as plain Python data."""
    mod = front_regions if view == "front" else back_regions
    seg_parts = segments.FRONT if view == "front" else segments.BACK
    zone_parts = cautions.FRONT if view == "front" else cautions.BACK
    half = half_outline(view)
    outline = shapely.union(place(half, view, "right"), place(half, view, "left"))
    feats = [_feature("body", "outline", "outline", "midline", _snap(outline))]
    feats += _region_features(partition(half, mod.SUPERFICIAL), view, "superficial")
    feats += _region_features(((p, clip_inside(half, p.shape)) for p in mod.DEEP), view, "deep")
    feats += _region_features(partition(half, seg_parts), view, "segment")
    feats += _region_features(((p, clip_inside(half, p.shape)) for p in zone_parts), view,
                              "caution")  # fmt: skip
    feats += _landmark_features(view)
    feats.sort(key=lambda f: (LAYER_ORDER.index(f["properties"]["layer"]),
                              f["properties"]["id"], f["properties"]["side"]))  # fmt: skip
    return {
        "type": "FeatureCollection",
        "bodymap": {"format": "bodymap-atlas", "version": 1, "view": view},
        "features": feats,
    }


def _round(obj: object) -> object:
    if isinstance(obj, float):
        return round(obj, 1)
    if isinstance(obj, (list, tuple)):
        return [_round(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def dumps(collection: dict) -> str:
    """Stable text: header members first, then one feature per line."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = ["{"]
    for key in sorted(head):
        lines.append(f"{json.dumps(key)}: {json.dumps(head[key], sort_keys=True)},")
    lines.append('"features": [')
    body = [json.dumps(_round(f), sort_keys=True, separators=(",", ":"))
            for f in collection["features"]]  # fmt: skip
    lines.append(",\n".join(body))
    lines.append("]")
    lines.append("}")
    return "\n".join(lines) + "\n"
