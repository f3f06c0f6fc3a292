"""The areas "around" a spot are near it on the body, not merely touching a long source."""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
import pytest
import shapely

from bodymap.advisor import advise
from bodymap.advisor.surrounding import FEW_POINTS, REACH, ReachIndex
from bodymap.atlas import load_atlas

HEAD_AND_NECK = {
    "suboccipitals",
    "splenius_capitis",
    "semispinalis_capitis",
    "upper_trapezius",
    "levator_scapulae",
    "occipitalis",
    "sternocleidomastoid",
}


@dataclass(frozen=True)
class Pain:
    view: str
    x: float
    y: float
    intensity: int = 5
    kind: str = "ache"


def test_sacral_pain_is_not_surrounded_by_neck_muscles() -> None:
    x, y = load_atlas()["back"].landmarks["sacrum"]
    advice = advise([Pain("back", x, y)])
    assert "multifidus" in {s.muscle for s in advice.sources}  # it runs from neck to sacrum
    around = {a.muscle for a in advice.surrounding}
    assert around, "something should surround the sacrum"
    assert not around & HEAD_AND_NECK, around


def test_a_source_in_the_other_view_is_surrounded_near_its_trigger_points() -> None:
    # front-of-shoulder pain: infraspinatus (back view) is a source; what surrounds it there
    # lies on the shoulder blade, not down the back
    x, y = load_atlas()["front"].landmarks["acromion_r"]
    advice = advise([Pain("front", x + 12, y + 25)])
    assert "infraspinatus" in {s.muscle for s in advice.sources[:6]}
    back = {a.muscle for a in advice.surrounding if a.view == "back"}
    assert not back & {"gluteus_maximus", "quadratus_lumborum", "erector_spinae_lumbar"}


def test_reach_index_agrees_with_one_test_against_all_the_anchors() -> None:
    """Asking point by point (answers kept) finds exactly the neighbours within reach of
    the anchors taken together, in the neighbours' order, whatever was asked before."""
    atlas = load_atlas()
    reach = ReachIndex(atlas)
    rng = random.Random(7)
    for _ in range(60):
        va = atlas[rng.choice(["front", "back"])]
        region = rng.choice(va.layer(rng.choice(["superficial", "deep"])))
        neighbours = va.neighbours(region)
        anchors = [(rng.uniform(250, 750), rng.uniform(50, 980)) for _ in range(rng.randint(1, 3))]
        points = shapely.multipoints(np.asarray(anchors, dtype=float))
        geoms = np.array([r.geometry for r in neighbours], dtype=object)
        expected = [
            r for r, ok in zip(neighbours, shapely.dwithin(geoms, points, REACH), strict=True) if ok
        ]
        assert reach.near(neighbours, anchors) == expected
        assert reach.near(neighbours, anchors) == expected  # answered again from what it kept


@pytest.mark.parametrize("keep", [512, 4])
def test_spot_extent_answers_kept_points_as_a_fresh_query(monkeypatch, keep: int) -> None:
    """The regions around points asked about before are those a fresh query finds, also
    when what was kept is dropped to make room."""
    from bodymap.advisor import extent
    from bodymap.advisor.extent import SpotExtent

    monkeypatch.setattr(extent, "RECENT_POINTS", keep)
    va = load_atlas()["back"]
    kept, fresh = SpotExtent(va), SpotExtent(va)
    rng = random.Random(3)
    points = [(rng.uniform(250, 750), rng.uniform(50, 980)) for _ in range(30)]
    kept.around(points[::2])
    for k in range(0, 30, 5):
        asked = [*points[k : k + 7], points[k]]
        assert kept.around(asked) == [fresh.around([p])[0] for p in asked]
    assert kept.around([]) == []


def test_many_points_at_once_reach_what_each_point_reaches_alone() -> None:
    """A long map asks about many new points in one query; the answer is what asking about
    each point alone gives (the regions, not the points, are what a query returns)."""
    atlas = load_atlas()
    rng = random.Random(7)
    for view in ("front", "back"):
        regions = [r for layer in ("superficial", "deep") for r in atlas[view].layer(layer)]
        for _ in range(5):
            anchors = [(rng.uniform(250, 750), rng.uniform(50, 950)) for _ in range(FEW_POINTS * 3)]
            together = ReachIndex(atlas).near(regions, anchors)
            alone = ReachIndex(atlas)
            reached = set()
            for layer in ("superficial", "deep"):
                for point in anchors:
                    reached |= alone.within(view, layer, point)
            assert together == [r for r in regions if r in reached]
            assert together  # the points lie on the body: something is within reach


@pytest.mark.parametrize(
    ("view", "x", "y"),
    [("back", 400, 180), ("back", 440, 700), ("back", 440, 780), ("front", 400, 180)],
)
def test_in_a_view_without_pain_only_the_sources_own_points_there_anchor_what_is_around(
    view: str, x: float, y: float
) -> None:
    """Where a view shows no pain, what surrounds a source lies within reach of the source's
    trigger points in that view, never of its points in the other view (a back shoulder
    spot was surrounded by the chest muscle, a calf spot by the shin)."""
    from bodymap.advisor.tables import tables_for
    from bodymap.knowledge import load_knowledge

    atlas = load_atlas()
    tables = tables_for(atlas, load_knowledge())
    advice = advise([Pain(view, x, y)])
    other = "front" if view == "back" else "back"
    points = [
        shapely.Point(px, py)
        for step in advice.routine.steps
        for side in (("right", "left") if step.side == "both" else (step.side,))
        for v, px, py in tables.trigger_points.get((step.muscle, side), ())
        if v == other
    ]
    for area in advice.surrounding:
        if area.view != other:
            continue
        regions = [r for r in atlas[other].find(area.muscle, area.side) if r.layer != "segment"]
        gap = min(r.geometry.distance(p) for r in regions for p in points) if points else None
        assert gap is not None and gap <= REACH, (area.muscle, area.side, gap)
    if view == "front":  # the back view's sources are surrounded there: the check can fail
        assert any(area.view == other for area in advice.surrounding)


def test_a_busy_map_is_surrounded_by_the_first_ten_muscles_in_full(monkeypatch) -> None:
    """ "Also roll around" is cut at `MAX_SURROUNDING` muscles, keeping the first ones and
    every one of them (a muscle's both sides count once)."""
    import importlib
    from functools import partial

    from bodymap.advisor.surrounding import MAX_SURROUNDING, surrounding_areas

    spots = [Pain("back", x, y) for x in (430, 570) for y in (180, 300, 420, 540, 700)]
    shown = list(dict.fromkeys(a.muscle for a in advise(spots).surrounding))
    advise_module = importlib.import_module("bodymap.advisor.advise")
    monkeypatch.setattr(advise_module, "surrounding_areas", partial(surrounding_areas, limit=999))
    every = list(dict.fromkeys(a.muscle for a in advise(spots).surrounding))
    assert len(every) > MAX_SURROUNDING
    assert shown == every[:MAX_SURROUNDING]
