"""Speed of the map file (issue "Years of history"): the 10-year map — 100 spots checked in
twice a day for 10 years, 7,300 check-ins and about 700,000 readings — loads within 0.5 s
and saves within 0.5 s (atomic write with fsync and a .bak included)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bodymap.maps import CheckIn, Spot, TriggerPointMap, load_map, save_map

LOAD_S = 0.5
SAVE_S = 0.5


def ten_year_map() -> TriggerPointMap:
    rng = random.Random(10)
    start = datetime(2015, 1, 1, 7, tzinfo=UTC)
    spots = [
        Spot(f"s{i:03d}", "back", 520.0 + i, 100.0 + 8 * i, "right", 5, "ache", "", start)
        for i in range(100)
    ]
    history = [
        CheckIn(
            start + timedelta(days=day, hours=hours),
            {s.id: rng.randint(0, 10) for s in spots if rng.random() < 0.97},
            "after a long walk" if rng.random() < 0.03 else "",
        )
        for day in range(3650)
        for hours in (0, 13)
    ]
    return TriggerPointMap("Ten years", spots, history, start, history[-1].at)


def test_bench_map_load_10y(benchmark, tmp_path: Path) -> None:
    tpm = ten_year_map()
    path = tmp_path / "ten.bodymap"
    save_map(tpm, path)
    loaded = benchmark.pedantic(load_map, args=(path,), rounds=5, iterations=1)
    assert loaded == tpm
    if benchmark.stats is not None:
        assert benchmark.stats.stats.median <= LOAD_S


def test_bench_map_save_10y(benchmark, tmp_path: Path) -> None:
    tpm = ten_year_map()
    path = tmp_path / "ten.bodymap"
    benchmark.pedantic(save_map, args=(tpm, path), rounds=5, iterations=1)
    assert load_map(path) == tpm
    if benchmark.stats is not None:
        assert benchmark.stats.stats.median <= SAVE_S
