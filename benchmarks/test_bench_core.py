"""Speed of the core (quality bars in docs/PRODUCT.md): locate + advise one spot within 1 ms, and
1,000 spots over both views within 100 ms. Tables are built once, outside the timing,
as they are when the program starts.
"""

from __future__ import annotations

import random

import shapely

from bodymap.advisor import PainSpot, advise
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge

ONE_SPOT_S = 0.001
THOUSAND_SPOTS_S = 0.100


def _warm() -> None:
    advise([PainSpot("back", 560.0, 470.0)], load_atlas(), load_knowledge())


def test_bench_locate_one(benchmark) -> None:
    _warm()
    atlas, knowledge = load_atlas(), load_knowledge()
    marks = atlas["back"].landmarks
    (cx, cy), (ax, ay) = marks["c7"], marks["acromion_l"]
    spot = PainSpot("back", cx + (ax - cx) * 0.45, cy + (ay - cy) * 0.45)
    assert advise([spot], atlas, knowledge).sources[0].muscle == "upper_trapezius"
    # a new point each round, so the atlas's memory of recent points never answers
    fresh = (PainSpot("back", spot.x + (i % 97) * 0.01, spot.y + i * 1e-4) for i in range(10**7))
    advice = benchmark(lambda: advise([next(fresh)], atlas, knowledge))
    assert advice.sources[0].muscle == "upper_trapezius"
    if benchmark.stats is not None:
        assert benchmark.stats.stats.median <= ONE_SPOT_S


def _thousand(seed: int = 1000) -> list[PainSpot]:
    atlas = load_atlas()
    rng = random.Random(seed)
    spots = []
    while len(spots) < 1000:
        view = ("front", "back")[len(spots) % 2]
        x, y = rng.uniform(170, 830), rng.uniform(0, 1000)
        if shapely.contains_xy(atlas[view].outline, x, y):
            spots.append(PainSpot(view, x, y, rng.randint(0, 10), "ache"))
    return spots


def test_bench_advise_1000(benchmark) -> None:
    """A map of 1,000 spots none of which the advisor has seen: every round a new map, so
    the answers it keeps for a map's spots never answer (the cost of opening such a map)."""
    _warm()
    atlas, knowledge = load_atlas(), load_knowledge()
    seeds = iter(range(2000, 2100))

    def new_map() -> tuple[tuple[list[PainSpot], object, object], dict[str, object]]:
        return (_thousand(next(seeds)), atlas, knowledge), {}

    advice = benchmark.pedantic(advise, setup=new_map, rounds=7, warmup_rounds=1)
    assert len(advice.spots) == 1000 and advice.sources
    if benchmark.stats is not None:
        assert benchmark.stats.stats.median <= THOUSAND_SPOTS_S


def test_bench_advise_1000_one_spot_added(benchmark) -> None:
    """That map with one more spot: what a click on it asks (the other 1,000 spots' answers
    are kept)."""
    _warm()
    atlas, knowledge = load_atlas(), load_knowledge()
    spots = _thousand()
    advise(spots, atlas, knowledge)  # the map as it was shown before the click
    clicks = iter(range(100))

    def one_more() -> tuple[tuple[list[PainSpot], object, object], dict[str, object]]:
        k = next(clicks)
        return (
            [*spots, PainSpot("back", 540.0 + k % 10, 300.0 + k, 5, "ache")],
            atlas,
            knowledge,
        ), {}

    advice = benchmark.pedantic(advise, setup=one_more, rounds=20, warmup_rounds=1)
    assert len(advice.spots) == 1001
