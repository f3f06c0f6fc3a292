"""The atlas's compact form: each view's features as WKB, made from its GeoJSON.

Parsing and validating the GeoJSON at every start costs more than the rest of the atlas's
loading together, so ``tools/build_atlas.py`` writes ``assets/atlas/{view}.compact`` beside
each ``{view}.geojson``: one header line (JSON: the features' properties in file order, the
length of each one's WKB, each lookup layer's neighbour table, and SHA-256 digests of the
GeoJSON text it was made from and of the WKB that follows), then the WKB of every feature,
little-endian, one after another.

The GeoJSON stays the source: :func:`loads_compact` answers None unless the compact form
is whole and was made from exactly the GeoJSON text given, and the loader then parses the
GeoJSON strictly. The geometries are those the strict GeoJSON parse made, so both ways
give the same atlas (a test compares them).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import shapely

from bodymap.atlas.index import LOOKUP_LAYERS, ViewAtlas
from bodymap.atlas.loader import ViewData
from bodymap.atlas.model import Region

__all__ = ["COMPACT_FORMAT", "COMPACT_VERSION", "dumps_compact", "loads_compact", "read_framed"]

COMPACT_FORMAT = "bodymap-atlas-compact"
COMPACT_VERSION = 1


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dumps_compact(data: ViewData, geojson_text: str) -> bytes:
    """The compact form of one view, parsed (strictly) from ``geojson_text``."""
    rows: list[tuple[str, str, str, str, str]] = [("outline", "outline", "outline", "", "")]
    geoms = [data.outline]
    for region in data.regions:
        rows.append((region.id, region.kind, region.layer, region.side, region.name))
        geoms.append(region.geometry)
    for name, (x, y) in data.landmarks.items():
        rows.append((name, "landmark", "landmark", "", ""))
        geoms.append(shapely.Point(x, y))
    blobs = [bytes(b) for b in shapely.to_wkb(geoms, byte_order=1, output_dimension=2)]
    payload = b"".join(blobs)
    index = ViewAtlas(ViewData(data.view, data.outline, data.regions, data.landmarks))
    neighbours = {layer: index.neighbour_positions(layer) for layer in LOOKUP_LAYERS}
    header = {
        "format": COMPACT_FORMAT,
        "version": COMPACT_VERSION,
        "view": data.view,
        "geojson_sha256": _digest(geojson_text.encode("utf-8")),
        "wkb_sha256": _digest(payload),
        "features": [[*row, len(blob)] for row, blob in zip(rows, blobs, strict=True)],
        "neighbours": {layer: [list(row) for row in table] for layer, table in neighbours.items()},
    }
    line = json.dumps(header, ensure_ascii=True, separators=(",", ":"))
    return line.encode("ascii") + b"\n" + payload


def read_framed(blob: bytes, form: str, version: int) -> tuple[dict[str, Any], bytes] | None:
    """The header and payload of a compact form: a JSON header line naming ``form`` and
    ``version`` and holding the SHA-256 digest of the bytes after it (``wkb_sha256``),
    then those bytes. None when any of that is missing or does not match."""
    end = blob.find(b"\n")
    if end < 0:
        return None
    try:
        header = json.loads(blob[:end])
    except ValueError:
        return None
    if not isinstance(header, dict):
        return None
    if header.get("format") != form or header.get("version") != version:
        return None
    payload = blob[end + 1 :]
    if header.get("wkb_sha256") != _digest(payload):
        return None
    return header, payload


def loads_compact(blob: bytes, view: str, geojson_text: str) -> ViewData | None:
    """The view held by ``blob``, or None if it is not a whole compact form of
    ``geojson_text`` for ``view`` (missing, damaged, older or made from other text)."""
    framed = read_framed(blob, COMPACT_FORMAT, COMPACT_VERSION)
    if framed is None:
        return None
    header, payload = framed
    if header.get("view") != view:
        return None
    if header.get("geojson_sha256") != _digest(geojson_text.encode("utf-8")):
        return None
    try:
        rows = header["features"]
        blobs, start = [], 0
        for row in rows:
            length = int(row[5])
            blobs.append(payload[start : start + length])
            start += length
        if start != len(payload):
            return None
        geoms = shapely.from_wkb(blobs)
    except (ValueError, TypeError, KeyError, IndexError, shapely.errors.GEOSException):
        return None
    outline = None
    regions: list[Region] = []
    landmarks: dict[str, tuple[float, float]] = {}
    for (ident, kind, layer, side, name, _length), geom in zip(rows, geoms, strict=True):
        if kind == "outline":
            outline = geom
        elif kind == "landmark":
            landmarks[str(ident)] = (float(geom.x), float(geom.y))
        else:
            regions.append(Region(view, ident, side, kind, layer, name, geom))
    tables = _neighbour_tables(header.get("neighbours"), regions)
    if outline is None or tables is None:
        return None
    return ViewData(view, outline, tuple(regions), landmarks, tables)


def _neighbour_tables(
    raw: object, regions: list[Region]
) -> dict[str, tuple[tuple[int, ...], ...]] | None:
    """The header's neighbour tables, if each has one row of positions per region of its
    layer and every position names one of them."""
    if not isinstance(raw, dict) or set(raw) != set(LOOKUP_LAYERS):
        return None
    tables = {}
    for layer, table in raw.items():
        count = sum(1 for region in regions if region.layer == layer)
        if not isinstance(table, list) or len(table) != count:
            return None
        rows = tuple(tuple(row) for row in table)
        if not all(type(j) is int and 0 <= j < count for row in rows for j in row):
            return None
        tables[layer] = rows
    return tables
