"""Speed of advising painted areas: a map with 20 areas within 50 ms (issue 15)."""

from __future__ import annotations

import random

import shapely

from bodymap.advisor import PainSpot, advise
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge

TWENTY_AREAS_S = 0.050


def _strokes(count: int) -> list[PainSpot]:
    """Brush-like areas: a wobbly stroke 20 units wide, on the body, both views."""
    atlas = load_atlas()
    rng = random.Random(15)
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
    spots = _strokes(20)
    advise(spots, atlas, knowledge)  # tables built once, as when the program starts
    advice = benchmark.pedantic(
        advise, args=(spots, atlas, knowledge), rounds=10, iterations=1, warmup_rounds=1
    )
    assert advice.sources and advice.extent is not None and advice.extent.total > 0
    if benchmark.stats is not None:
        assert benchmark.stats.stats.median <= TWENTY_AREAS_S
