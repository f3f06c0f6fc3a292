"""Long generated histories for the History benchmarks and the README pictures.

Built through the model directly (`TriggerPointMap(spots=…, history=…)`): a map of this
size is made in a second or two, where a check-in per operation would notify and copy the
history thousands of times.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from bodymap.maps import CheckIn, Spot, TriggerPointMap, side_for

START = datetime(2016, 1, 4, 8, 0, tzinfo=UTC)


def long_map(spots: int = 100, years: int = 10, per_day: int = 2, seed: int = 7) -> TriggerPointMap:
    """``spots`` spots with ``per_day`` check-ins a day for ``years`` years: each spot
    drifts slowly (better for most, worse for some) with day-to-day noise, every spot named
    in every check-in; every 30th check-in carries a note."""
    rng = np.random.default_rng(seed)
    made = []
    for i in range(spots):
        view = ("front", "back")[i % 2]
        x = 430.0 + (i * 37) % 140
        y = 120.0 + (i * 53) % 760
        made.append(Spot(f"s{i:03d}", view, x, y, side_for(view, x), created=START))
    count = years * 365 * per_day
    days = np.arange(count) / per_day
    start = rng.uniform(3, 9, spots)
    slope = rng.uniform(-5, 2, spots) / max(days[-1], 1)
    season = np.sin(days[:, None] / 58.0 + rng.uniform(0, 6, spots)) * 1.2
    noise = rng.normal(0, 0.9, (count, spots))
    values = np.clip(np.rint(start + slope * days[:, None] + season + noise), 0, 10).astype(int)
    ids = [s.id for s in made]
    step = timedelta(hours=24 / per_day)
    history = []
    for n in range(count):
        history.append(CheckIn(START + step * n, dict(zip(ids, values[n].tolist(), strict=True))))
    if "note" in CheckIn.__dataclass_fields__:
        history = [
            CheckIn(c.at, c.intensities, note=f"Note {n}")  # type: ignore[call-arg]
            if n % 30 == 0
            else c
            for n, c in enumerate(history)
        ]
    return TriggerPointMap("Ten years", made, history, created=START)
