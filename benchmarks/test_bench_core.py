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


def test_bench_advise_1000(benchmark) -> None:
    _warm()
    atlas, knowledge = load_atlas(), load_knowledge()
    rng = random.Random(1000)
    spots = []
    while len(spots) < 1000:
        view = ("front", "back")[len(spots) % 2]
        x, y = rng.uniform(170, 830), rng.uniform(0, 1000)
        if shapely.contains_xy(atlas[view].outline, x, y):
            spots.append(PainSpot(view, x, y, rng.randint(0, 10), "ache"))
    advice = benchmark.pedantic(
        advise, args=(spots, atlas, knowledge), rounds=7, iterations=1, warmup_rounds=1
    )
    assert len(advice.spots) == 1000 and advice.sources
    if benchmark.stats is not None:
        assert benchmark.stats.stats.median <= THOUSAND_SPOTS_S
