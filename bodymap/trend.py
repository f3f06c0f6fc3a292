"""A spot's recent trend: the one definition of "better", "worse" and "steady", shared by
the maps and the history.

The spot list's label (`TriggerPointMap.trend_label`), the heat map's Change view
(`bodymap.history.periods.trend_changes`) and anything else that says whether a spot is
getting better read it here, so they never disagree with each other or with the History
chart, whose line breaks by the gap rule kept here too (`LINE_GAP_DAYS`).

The rule looks only at the spot's *recent run* of readings:

1. the readings after its last gap of more than `LINE_GAP_DAYS` (14) days without a
   reading — where the History chart breaks the spot's line, the trend starts afresh;
2. of those, the ones at most `TREND_WINDOW_DAYS` (14) days before the spot's latest
   reading (both ends included, so a weekly check-in still has three readings in it).

Within the run, the mean of the latest readings (up to `TREND_ENDS`, three) is compared
with the mean of the earliest ones (as many); with an odd number of readings the middle
one belongs to neither end. The change is later minus earlier: at most -1 (`TREND_STEP`)
is "better", at least +1 "worse", anything between "steady". A spot with fewer than two
readings in all is "new"; one whose recent run holds a single reading (its first check-in
after a break) is "resumed", and has no change.

The window is anchored at the spot's own latest reading, not at today, so a trend does not
change while nothing is logged. Plain Python (no numpy), so the maps stay light to import;
it takes lists or numpy columns alike and reads only the run from the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "LINE_GAP_DAYS",
    "LINE_GAP_S",
    "TREND_ENDS",
    "TREND_STEP",
    "TREND_WINDOW_DAYS",
    "TREND_WINDOW_S",
    "Trend",
    "TrendLabel",
    "recent_run",
    "recent_trend",
]

TrendLabel = Literal["better", "worse", "steady", "new", "resumed"]

LINE_GAP_DAYS = 14
LINE_GAP_S = LINE_GAP_DAYS * 86400.0
"""A spot's line is broken where it went more than this long without a reading: a line
across months without readings would look like months of steady pain. Two weeks keeps a
weekly (or a missed week's) check-in joined; the readings on both sides stay drawn. The
trend starts afresh after such a break (`recent_run`)."""

TREND_WINDOW_DAYS = 14
TREND_WINDOW_S = TREND_WINDOW_DAYS * 86400.0
"""How far back from a spot's latest reading its trend looks: two weeks holds two weeks of
daily check-ins, or three weekly ones, and never reaches across a break in the chart."""
TREND_ENDS = 3
"""At most this many readings are averaged at each end of the recent run."""
TREND_STEP = 1.0
"""A change of at least this many points (out of 10) is "better" or "worse"."""


@dataclass(frozen=True)
class Trend:
    """A spot's recent trend: its label, the change behind it (later minus earlier mean,
    negative: better; None with fewer than two recent readings) and how many readings the
    recent run holds."""

    label: TrendLabel
    change: float | None
    readings: int


def recent_run(times: Sequence[float]) -> int:
    """Where the recent run of readings starts: the index of its first reading in
    ``times`` (POSIX seconds, oldest first); 0 with no readings."""
    if not len(times):
        return 0
    latest = float(times[-1])
    start = len(times) - 1
    while start > 0:
        before = float(times[start - 1])
        if float(times[start]) - before > LINE_GAP_S or latest - before > TREND_WINDOW_S:
            break
        start -= 1
    return start


def recent_trend(times: Sequence[float], values: Sequence[float]) -> Trend:
    """The trend of one spot's readings: ``times`` (POSIX seconds, oldest first) and its
    intensities, one each."""
    if len(times) != len(values):
        raise ValueError("recent_trend needs one value per time")
    if len(times) < 2:
        return Trend("new", None, len(times))
    start = recent_run(times)
    run = [float(v) for v in values[start:]]
    if len(run) < 2:
        return Trend("resumed", None, len(run))
    size = min(TREND_ENDS, len(run) // 2)
    # the difference of the sums, divided once: a change of exactly one point stays 1.0
    change = (sum(run[-size:]) - sum(run[:size])) / size
    if change <= -TREND_STEP:
        label: TrendLabel = "better"
    elif change >= TREND_STEP:
        label = "worse"
    else:
        label = "steady"
    return Trend(label, change, len(run))
