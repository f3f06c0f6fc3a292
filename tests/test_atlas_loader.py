"""The atlas loader is strict and its lookups agree with each other."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from bodymap.atlas import AtlasError, load_atlas
from bodymap.atlas.loader import parse_view


def _doc(*features: dict, view: str = "front") -> str:
    meta = {"format": "bodymap-atlas", "version": 1, "view": view}
    return json.dumps({"type": "FeatureCollection", "bodymap": meta, "features": list(features)})


def _square(x: float = 0, **props: str) -> dict:
    base = {"id": "thing", "kind": "muscle", "layer": "superficial", "side": "right", "name": "T"}
    base.update(props)
    ring = [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10], [x, 0]]
    return {
        "type": "Feature",
        "properties": base,
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


OUTLINE = _square(-100, id="outline", kind="outline", layer="outline", side="midline")
OUTLINE["geometry"]["coordinates"] = [[[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]]]


def test_a_sound_file_loads() -> None:
    data = parse_view(_doc(OUTLINE, _square()), "atlas/front.geojson", "front")
    assert [r.id for r in data.regions] == ["thing"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        (json.dumps({"type": "Feature"}), "FeatureCollection"),
        (_doc(OUTLINE, view="back"), "expected 'front'"),
        (_doc(_square()), "no outline"),
        (
            _doc(
                OUTLINE, {**_square(), "properties": {**_square()["properties"], "colour": "red"}}
            ),
            "unknown keys ['colour']",
        ),
        (_doc(OUTLINE, _square(side="up")), "unknown side 'up'"),
        (_doc(OUTLINE, _square(kind="segment")), "cannot be on layer superficial"),
        (_doc(OUTLINE, _square(), _square()), "appears twice"),
        (
            _doc(
                OUTLINE,
                {
                    **_square(),
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]],
                    },
                },
            ),
            "invalid geometry",
        ),
        (
            _doc(OUTLINE, {**_square(), "geometry": {"type": "Point", "coordinates": [1, 2]}}),
            "expected Polygon",
        ),
    ],
)
def test_problems_name_the_file_and_feature(text: str, message: str) -> None:
    with pytest.raises(AtlasError) as info:
        parse_view(text, "atlas/front.geojson", "front")
    assert "atlas/front.geojson" in str(info.value)
    assert message in str(info.value)


@pytest.mark.slow
def test_the_shipped_atlas_passes_its_own_check() -> None:
    assert load_atlas().check() == []


@settings(max_examples=examples(60), deadline=None)
@given(
    view=st.sampled_from(["front", "back"]),
    points=st.lists(st.tuples(st.floats(150, 850), st.floats(-10, 1010)), min_size=1, max_size=20),
)
def test_locate_many_agrees_with_locate(view: str, points: list[tuple[float, float]]) -> None:
    va = load_atlas()[view]
    xs, ys = zip(*points, strict=True)
    many = va.locate_many(xs, ys)
    for (x, y), hit in zip(points, many, strict=True):
        one = va.locate(x, y)
        assert hit.regions == one.regions
        assert hit.segments == one.segments
        assert hit.cautions == one.cautions


@settings(max_examples=examples(40), deadline=None)
@given(
    view=st.sampled_from(["front", "back"]),
    points=st.lists(st.tuples(st.floats(150, 850), st.floats(-10, 1010)), min_size=1, max_size=8),
    known=st.integers(0, 8),
    keep=st.sampled_from([256, 3]),
)
def test_cautions_near_answers_kept_points_as_a_fresh_query(
    view: str, points: list[tuple[float, float]], known: int, keep: int
) -> None:
    """Points asked about before (kept) and new ones, repeated or not, get the caution
    zones a fresh query over all of them gives, in the same order, also when what was
    kept is dropped to make room."""
    from bodymap.atlas import index

    va = load_atlas()[view]
    old, index.RECENT_HITS = index.RECENT_HITS, keep
    va.cautions_near(points[:known], 40.0)  # some points are known already
    asked = [*points, *points[:2]]
    geoms = shapely.points(np.asarray(asked, dtype=float))
    fresh = [tuple(r) for r in va._layers["caution"].per_point(geoms, "dwithin", distance=40.0)]
    try:
        assert va.cautions_near(asked, 40.0) == fresh
        assert va.cautions_near(asked, 40.0) == fresh
    finally:
        index.RECENT_HITS = old


@pytest.mark.parametrize("view", ["front", "back"])
def test_every_point_on_the_body_has_a_region_and_a_segment(view: str) -> None:
    va = load_atlas()[view]
    minx, miny, maxx, maxy = va.outline.bounds
    missing = 0
    total = 0
    for i in range(60):
        for j in range(60):
            x = minx + (maxx - minx) * (i + 0.5) / 60
            y = miny + (maxy - miny) * (j + 0.5) / 60
            hit = va.locate(x, y)
            if hit.inside and not hit.snapped:
                total += 1
                missing += not (hit.regions and hit.segments)
    assert total > 300
    assert missing / total < 0.02


@pytest.mark.parametrize("view", ["front", "back"])
def test_neighbours_are_mutual(view: str) -> None:
    va = load_atlas()[view]
    for region in va.layer("superficial"):
        for other in va.neighbours(region):
            assert region in va.neighbours(other)


def test_side_follows_the_person_not_the_viewer() -> None:
    atlas = load_atlas()
    assert atlas["front"].side_of(400) == "right"
    assert atlas["back"].side_of(400) == "left"
    assert atlas["back"].side_of(500) == "midline"
