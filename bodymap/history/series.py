"""A map's history as a table of numbers, and decimation to a chart's pixel columns.

`HistoryTable` reads the check-ins once into a time column (POSIX seconds) and one column
of intensities per spot (NaN where a check-in left the spot out), so a chart, a heat map or
a summary asks numpy, not 730,000 Python objects. `decimate` keeps, for each pixel column,
the first, lowest, highest and last reading (the "M4" reduction): a line drawn through them
covers exactly the pixels the full series would, whatever the number of readings.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from bodymap.trend import LINE_GAP_DAYS, LINE_GAP_S

__all__ = [
    "LINE_GAP_DAYS",
    "LINE_GAP_S",
    "BoolArray",
    "FloatArray",
    "HistoryTable",
    "Note",
    "column_joins",
    "column_ranges",
    "decimate",
    "joined",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Note:
    """A check-in that carries a note: when (POSIX seconds) and the note's text."""

    at: float
    text: str


class HistoryTable:
    """Check-in times and each spot's intensities as numpy columns.

    ``times`` is sorted (the model keeps history in time order); ``values[:, j]`` is the
    spot ``spot_ids[j]``, NaN where that check-in did not include it.
    """

    def __init__(
        self,
        spot_ids: Sequence[str],
        times: FloatArray,
        values: FloatArray,
        notes: Sequence[Note] = (),
    ) -> None:
        if values.shape != (len(times), len(spot_ids)):
            raise ValueError("values must have one row per time and one column per spot")
        self.spot_ids = tuple(spot_ids)
        self.times = times
        self.values = values
        self.notes = tuple(notes)
        self._column = {spot_id: j for j, spot_id in enumerate(self.spot_ids)}

    @classmethod
    def from_map(cls, tpm: Any) -> HistoryTable:
        """The table of a `TriggerPointMap` (spots in map order, every check-in)."""
        return cls.from_checkins([spot.id for spot in tpm.spots], tpm.history)

    @classmethod
    def from_checkins(cls, spot_ids: Sequence[str], history: Iterable[Any]) -> HistoryTable:
        """The table of check-ins (objects with ``at``, ``intensities`` and, if the format
        has them, ``note``); spots not in ``spot_ids`` are ignored."""
        checkins = list(history)
        column = {spot_id: j for j, spot_id in enumerate(spot_ids)}
        times = np.fromiter((c.at.timestamp() for c in checkins), np.float64, len(checkins))
        values = np.full((len(checkins), len(spot_ids)), np.nan)
        # Check-ins usually name the same spots in the same order: rows that share a key
        # order are filled in one numpy assignment.
        groups: dict[tuple[str, ...], list[int]] = {}
        for row, checkin in enumerate(checkins):
            groups.setdefault(tuple(checkin.intensities), []).append(row)
        for keys, rows in groups.items():
            wanted = [i for i, key in enumerate(keys) if key in column]
            if not wanted or not keys:
                continue
            cols = np.array([column[keys[i]] for i in wanted])
            flat = np.fromiter(
                itertools.chain.from_iterable(checkins[r].intensities.values() for r in rows),
                np.float64,
                len(rows) * len(keys),
            )
            block = flat.reshape(len(rows), len(keys))[:, wanted]
            values[np.asarray(rows)[:, None], cols[None, :]] = block
        notes = [
            Note(float(times[i]), str(c.note))
            for i, c in enumerate(checkins)
            if getattr(c, "note", "")
        ]
        return cls(spot_ids, times, values, notes)

    def __len__(self) -> int:
        return len(self.times)

    def column(self, spot_id: str) -> int:
        """The column of a spot; KeyError if the table has none."""
        return self._column[spot_id]

    def readings(self, spot_id: str) -> tuple[FloatArray, FloatArray]:
        """The spot's (times, intensities), missing check-ins left out."""
        col = self.values[:, self._column[spot_id]]
        keep = ~np.isnan(col)
        return self.times[keep], col[keep]

    def span(self) -> tuple[float, float] | None:
        """The first and last check-in times, or None with no check-ins."""
        if not len(self.times):
            return None
        return float(self.times[0]), float(self.times[-1])

    def between(self, start: float | None, end: float | None) -> HistoryTable:
        """The check-ins with ``start <= time <= end`` (either bound may be None)."""
        lo = 0 if start is None else int(np.searchsorted(self.times, start, "left"))
        hi = len(self.times) if end is None else int(np.searchsorted(self.times, end, "right"))
        notes = [
            n
            for n in self.notes
            if (start is None or n.at >= start) and (end is None or n.at <= end)
        ]
        return HistoryTable(self.spot_ids, self.times[lo:hi], self.values[lo:hi], notes)


def decimate(
    times: FloatArray, values: FloatArray, start: float, end: float, columns: int
) -> tuple[FloatArray, FloatArray]:
    """The readings a line chart of ``columns`` pixel columns over ``start``–``end`` needs.

    Readings just outside the window are kept so the line runs to the edges. When there are
    fewer readings than four per column they all come back; otherwise each column keeps its
    first, lowest, highest and last reading, so the result has at most ``4 * columns + 2``
    points whatever the series' length.
    """
    if end <= start or columns < 1:
        raise ValueError("decimate needs start < end and at least one column")
    lo = max(int(np.searchsorted(times, start, "left")) - 1, 0)
    hi = min(int(np.searchsorted(times, end, "right")) + 1, len(times))
    t, v = times[lo:hi], values[lo:hi]
    if len(t) <= 4 * columns:
        return t, v
    bins = np.clip(((t - start) * (columns / (end - start))).astype(np.int64), -1, columns)
    starts = np.flatnonzero(np.diff(bins, prepend=bins[0] - 1))
    ends = np.append(starts[1:], len(t)) - 1
    lows = np.minimum.reduceat(v, starts)
    highs = np.maximum.reduceat(v, starts)
    middle = (t[starts] + t[ends]) / 2
    out_t = np.column_stack((t[starts], middle, middle, t[ends])).ravel()
    out_v = np.column_stack((v[starts], lows, highs, v[ends])).ravel()
    return out_t, out_v


def joined(times: FloatArray, max_gap: float = LINE_GAP_S) -> BoolArray:
    """For each pair of neighbouring readings, whether a line joins them: at most
    ``max_gap`` seconds apart (one fewer than ``times``).

    >>> day = 86400.0
    >>> joined(np.array([0, 3 * day, 40 * day, 41 * day])).tolist()
    [True, False, True]
    """
    return np.diff(times) <= max_gap


def _column_starts(
    times: FloatArray, start: float, end: float, columns: int
) -> tuple[FloatArray, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The readings over ``start``–``end``, each one's pixel column, and where each
    non-empty column's readings start."""
    lo = int(np.searchsorted(times, start, "left"))
    hi = int(np.searchsorted(times, end, "right"))
    t = times[lo:hi]
    bins = np.minimum(((t - start) * (columns / (end - start))).astype(np.int64), columns - 1)
    starts = np.flatnonzero(np.diff(bins, prepend=bins[0] - 1)) if len(t) else bins
    return t, bins, starts


def column_joins(
    times: FloatArray,
    start: float,
    end: float,
    columns: int,
    max_gap: float = LINE_GAP_S,
) -> BoolArray:
    """For each pair of neighbouring columns `column_ranges` gives, whether a line joins
    them: the last reading of the one and the first of the next are at most ``max_gap``
    seconds apart (`joined`)."""
    if end <= start or columns < 1:
        raise ValueError("column_joins needs start < end and at least one column")
    t, _bins, starts = _column_starts(times, start, end, columns)
    if len(starts) < 2:
        return np.zeros(0, dtype=np.bool_)
    lasts = starts[1:] - 1
    return np.asarray(t[starts[1:]] - t[lasts] <= max_gap)


def column_ranges(
    times: FloatArray, values: FloatArray, start: float, end: float, columns: int
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """For each pixel column over ``start``–``end`` that holds readings: its middle time,
    its lowest and highest reading and their mean. A chart draws a series denser than its pixels as
    this band, which costs the same at one year or at fifty."""
    if end <= start or columns < 1:
        raise ValueError("column_ranges needs start < end and at least one column")
    lo = int(np.searchsorted(times, start, "left"))
    hi = int(np.searchsorted(times, end, "right"))
    t, v = times[lo:hi], values[lo:hi]
    if not len(t):
        return t, v, v, v
    bins = np.minimum(((t - start) * (columns / (end - start))).astype(np.int64), columns - 1)
    starts = np.flatnonzero(np.diff(bins, prepend=bins[0] - 1))
    lows = np.minimum.reduceat(v, starts)
    highs = np.maximum.reduceat(v, starts)
    means = np.add.reduceat(v, starts) / np.diff(np.append(starts, len(t)))
    middle = start + (bins[starts] + 0.5) * ((end - start) / columns)
    return middle, lows, highs, means
