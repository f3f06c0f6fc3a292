"""Speed of advising painted areas: a map with 20 areas within 50 ms (issue 15).

The advisor keeps each area's answers, so advising the same areas again costs less: the
first benchmark paints new areas for every round (a map opened, every area new to the
advisor); the second adds one spot to a map of 20 areas, which is what a click on such a map
asks."""

from __future__ import annotations

import random

import shapely

from bodymap.advisor import PainSpot, advise
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge

TWENTY_AREAS_S = 0.050


def _strokes(count: int, seed: int = 15) -> list[PainSpot]:
    """Brush-like areas: a wobbly stroke 20 units wide, on the body, both views."""
    atlas = load_atlas()
    rng = random.Random(seed)
    spots: list[PainSpot] = []
    while len(spots) < count:
        view = ("front", "back")[len(spots) % 2]
        x, y = rng.uniform(320, 680), rng.uniform(60, 940)
        if not shapely.contains_xy(atlas[view].outline, x, y):
            continue
        line = [(x + rng.uniform(-8, 8), y + k * 8.0) for k in range(12)]
        shape = shapely.LineString(line).buffer(10, quad_segs=6)
        on_body = shapely.intersection(shape, atlas[view].outline)
        inner = on_body.representative_point()
        spots.append(PainSpot(view, inner.x, inner.y, rng.randint(1, 10), "ache", area=shape))
    return spots


def test_bench_advise_20_areas(benchmark) -> None:
    atlas, knowledge = load_atlas(), load_knowledge()
    advise(_strokes(20), atlas, knowledge)  # tables built once, as when the program starts
    seeds = iter(range(100, 200))

    def new_map() -> tuple[tuple[list[PainSpot], object, object], dict[str, object]]:
        return (_strokes(20, next(seeds)), atlas, knowledge), {}

    advice = benchmark.pedantic(advise, setup=new_map, rounds=10, warmup_rounds=1)
    assert advice.sources and advice.extent is not None and advice.extent.total > 0
    if benchmark.stats is not None:
        assert benchmark.stats.stats.median <= TWENTY_AREAS_S


def test_bench_advise_20_areas_one_spot_added(benchmark) -> None:
    atlas, knowledge = load_atlas(), load_knowledge()
    areas = _strokes(20)
    advise(areas, atlas, knowledge)  # the map as it was shown before the click
    clicks = iter(range(100))

    def one_more() -> tuple[tuple[list[PainSpot], object, object], dict[str, object]]:
        k = next(clicks)
        spot = PainSpot("back", 540.0 + k % 10, 300.0 + k, 5, "ache")
        return ([*areas, spot], atlas, knowledge), {}

    advice = benchmark.pedantic(advise, setup=one_more, rounds=20, warmup_rounds=1)
    assert len(advice.spots) == 21
