"""The roll zones' compact form: every muscle's roll zone, computed once when it is built.

Computing the roll zones the first advice needs was most of that advice's time at start-up
(about 35 ms for the desk-worker example), so ``tools/build_roll_zones.py`` writes
``assets/atlas/roll_zones.compact``: one header line (JSON: the fingerprint of the atlas,
knowledge and margins the zones were computed from, each zone's view, muscle, side,
blocking caution zones and WKB length, and the SHA-256 digest of the WKB that follows),
then every zone's geometry as WKB, little-endian, one after another.

The computation stays the source: :func:`loads_zones` answers None unless the form is whole
and was made from exactly this atlas and knowledge (:func:`fingerprint`), and `RollZones`
then computes each zone as before. WKB keeps every coordinate exactly, so both ways give
the same zones (a test compares all of them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

import shapely

from bodymap import resources
from bodymap.advisor.rollable import MARGIN, MIN_AREA, MIN_WIDTH, RollZones, StoredZone
from bodymap.atlas.compact import read_framed
from bodymap.knowledge import Knowledge

if TYPE_CHECKING:
    from bodymap.atlas import ViewAtlas

__all__ = ["ZONES_FILE", "ZONES_FORMAT", "ZONES_VERSION", "dumps_zones", "fingerprint"]
__all__ += ["loads_zones", "shipped_zones"]

ZONES_FILE = "roll_zones.compact"
"""The file's name in ``assets/atlas/``."""
ZONES_FORMAT = "bodymap-roll-zones"
ZONES_VERSION = 2
"""Raise it when `RollZones` computes zones differently, so older files are ignored."""


def fingerprint(atlas: Mapping[str, ViewAtlas], knowledge: Knowledge) -> str:
    """A digest of everything a roll zone is computed from: every region of the atlas (its
    id, layer, side and exact geometry), each muscle's tool, ``roll_on``, ``roll_outside`` and
    ``roll_from`` with the landmarks it reads, the tools each caution zone keeps out, each
    caution zone's margin, and the roll zones' constants."""
    inputs = {
        "version": [ZONES_FORMAT, ZONES_VERSION, MARGIN, MIN_AREA, MIN_WIDTH],
        "tools": {m: rec.technique.tool for m, rec in knowledge.muscles.items()},
        "roll_on": {m: list(rec.technique.roll_on) for m, rec in knowledge.muscles.items()},
        "roll_outside": {
            m: list(rec.technique.roll_outside) for m, rec in knowledge.muscles.items()
        },
        "roll_from": {
            m: [start.view, start.a, start.b, start.t]
            for m, rec in knowledge.muscles.items()
            if (start := rec.technique.roll_from) is not None
        },
        "landmarks": {view: sorted(va.landmarks.items()) for view, va in atlas.items()},
        "cautions": {z: [list(t.tools), t.margin] for z, t in knowledge.cautions.items()},
        "views": {
            view: [[r.id, r.kind, r.layer, r.side] for r in va.regions]
            for view, va in atlas.items()
        },
    }
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode("utf-8"))
    for va in atlas.values():
        geoms = [r.geometry for r in va.regions]
        for blob in shapely.to_wkb(geoms, byte_order=1, output_dimension=2):
            digest.update(blob)
    return digest.hexdigest()


def dumps_zones(atlas: Mapping[str, ViewAtlas], knowledge: Knowledge) -> bytes:
    """The compact form of every roll zone of ``atlas`` for ``knowledge``."""
    zones = RollZones(atlas, knowledge).zones()
    blobs = [
        bytes(b)
        for b in shapely.to_wkb([z.geometry for z in zones], byte_order=1, output_dimension=2)
    ]
    payload = b"".join(blobs)
    header = {
        "format": ZONES_FORMAT,
        "version": ZONES_VERSION,
        "fingerprint": fingerprint(atlas, knowledge),
        "wkb_sha256": hashlib.sha256(payload).hexdigest(),
        "zones": [
            [z.view, z.muscle, z.side, list(z.blocked_by), len(blob)]
            for z, blob in zip(zones, blobs, strict=True)
        ],
    }
    line = json.dumps(header, ensure_ascii=True, separators=(",", ":"))
    return line.encode("ascii") + b"\n" + payload


def loads_zones(
    blob: bytes, atlas: Mapping[str, ViewAtlas], knowledge: Knowledge
) -> dict[tuple[str, str, str], StoredZone] | None:
    """The zones held by ``blob`` by (view, muscle, side), or None unless it is a whole
    compact form made from exactly ``atlas`` and ``knowledge`` (missing, damaged, older,
    or made from another atlas, other tools or other margins)."""
    framed = read_framed(blob, ZONES_FORMAT, ZONES_VERSION)
    if framed is None or framed[0].get("fingerprint") != fingerprint(atlas, knowledge):
        return None
    header, payload = framed
    try:
        out: dict[tuple[str, str, str], StoredZone] = {}
        start = 0
        for view, muscle, side, blocked, length in header["zones"]:
            wkb = payload[start : start + int(length)]
            start += int(length)
            out[(str(view), str(muscle), str(side))] = (wkb, tuple(str(b) for b in blocked))
        if start != len(payload):
            return None
    except (ValueError, TypeError, KeyError):
        return None
    return out


def shipped_zones(
    atlas: Mapping[str, ViewAtlas], knowledge: Knowledge
) -> dict[tuple[str, str, str], StoredZone] | None:
    """The shipped zones, if they were made from exactly ``atlas`` and ``knowledge``."""
    blob = resources.read_bytes("atlas", ZONES_FILE)
    return loads_zones(blob, atlas, knowledge) if blob is not None else None
