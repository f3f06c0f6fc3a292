"""The roll zones' compact form: what tools/build_roll_zones.py builds, the same zones as
computing them, and ignored whenever the atlas, the tools or the file are not those it
was made from."""

from __future__ import annotations

import dataclasses
import functools
import runpy
from pathlib import Path
from typing import Any

import pytest

from bodymap import resources
from bodymap.advisor.rollable import RollZones
from bodymap.advisor.tables import tables_for
from bodymap.advisor.zones_compact import (
    ZONES_FILE,
    ZONES_VERSION,
    fingerprint,
    loads_zones,
    shipped_zones,
)
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
REBUILD = "the atlas or a tool changed: run `python tools/build_roll_zones.py` and commit"


@functools.cache
def builder() -> dict[str, Any]:
    """tools/build_roll_zones.py's functions."""
    return runpy.run_path(str(ROOT / "tools" / "build_roll_zones.py"))


@pytest.fixture(scope="module")
def blob() -> bytes:
    data = resources.read_bytes("atlas", ZONES_FILE)
    assert data is not None, REBUILD
    return data


def test_the_committed_compact_form_is_what_the_tool_builds(blob: bytes) -> None:
    assert blob == builder()["build"](), REBUILD
    assert builder()["main"](["--check"]) == 0


def test_stored_zones_are_exactly_the_computed_ones() -> None:
    atlas, knowledge = load_atlas(), load_knowledge()
    stored = shipped_zones(atlas, knowledge)
    assert stored is not None, REBUILD
    computed = RollZones(atlas, knowledge).zones()
    read = RollZones(atlas, knowledge, stored).zones()
    assert len(stored) == len(computed) == len(read)
    for got, want in zip(read, computed, strict=True):
        assert (got.view, got.muscle, got.side) == (want.view, want.muscle, want.side)
        assert got.blocked_by == want.blocked_by
        assert got.area == want.area
        assert got.rollable == want.rollable
        assert got.geometry.wkb == want.geometry.wkb  # every coordinate, bit for bit


def test_the_shipped_tables_read_their_zones_from_the_compact_form() -> None:
    zones = tables_for(load_atlas(), load_knowledge()).roll_zones
    assert zones._stored, REBUILD  # the start-up advice reads zones instead of computing them


def test_another_tool_or_atlas_is_not_served_stored_zones(blob: bytes) -> None:
    atlas, knowledge = load_atlas(), load_knowledge()
    assert loads_zones(blob, atlas, knowledge) is not None
    muscle = next(m for m, rec in knowledge.muscles.items() if rec.technique.tool == "ball")
    record = knowledge.muscles[muscle]
    other_tool = dataclasses.replace(
        record, technique=dataclasses.replace(record.technique, tool="foam_roller")
    )
    edited = dataclasses.replace(knowledge, muscles={**knowledge.muscles, muscle: other_tool})
    assert fingerprint(atlas, edited) != fingerprint(atlas, knowledge)
    assert loads_zones(blob, atlas, edited) is None
    one_view = {"front": atlas["front"]}
    assert loads_zones(blob, one_view, knowledge) is None


def test_zones_made_with_another_margin_are_not_served(blob: bytes) -> None:
    """Widening a caution zone's margin in cautions.toml must reach the shading at once,
    not wait for the compact form to be rebuilt."""
    atlas, knowledge = load_atlas(), load_knowledge()
    knee = knowledge.cautions["popliteal_fossa"]
    wider = dataclasses.replace(knee, margin=knee.margin + 1)
    edited = dataclasses.replace(knowledge, cautions={**knowledge.cautions, knee.zone: wider})
    assert fingerprint(atlas, edited) != fingerprint(atlas, knowledge)
    assert loads_zones(blob, atlas, edited) is None
    zone = RollZones(atlas, edited, shipped_zones(atlas, edited)).get(
        "back", "gastrocnemius", "right"
    )
    shipped = tables_for(atlas, knowledge).roll_zones.get("back", "gastrocnemius", "right")
    assert zone is not None and shipped is not None and zone.area < shipped.area


def test_zones_made_with_another_start_are_not_served(blob: bytes) -> None:
    """Moving where a technique starts along its line (``roll_from``) reaches the shading
    at once, as a margin does."""
    atlas, knowledge = load_atlas(), load_knowledge()
    record = knowledge.muscles["piriformis"]
    start = record.technique.roll_from
    assert start is not None
    further = dataclasses.replace(start, t=start.t + 0.1)
    edited = dataclasses.replace(
        knowledge,
        muscles={
            **knowledge.muscles,
            "piriformis": dataclasses.replace(
                record, technique=dataclasses.replace(record.technique, roll_from=further)
            ),
        },
    )
    assert fingerprint(atlas, edited) != fingerprint(atlas, knowledge)
    assert loads_zones(blob, atlas, edited) is None
    zone = RollZones(atlas, edited, shipped_zones(atlas, edited)).get("back", "piriformis", "left")
    shipped = tables_for(atlas, knowledge).roll_zones.get("back", "piriformis", "left")
    assert zone is not None and shipped is not None and zone.area < shipped.area


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b[: len(b) // 2],
        lambda b: b[:-1] + bytes([b[-1] ^ 1]),
        lambda b: b.replace(b'"version":%d' % ZONES_VERSION, b'"version":0', 1),
        lambda b: b"[]\n" + b.split(b"\n", 1)[1],
    ],
    ids=["empty", "cut short", "one bit flipped", "older version", "not a header"],
)
def test_a_damaged_compact_form_is_ignored(blob: bytes, damage) -> None:
    assert loads_zones(damage(blob), load_atlas(), load_knowledge()) is None
