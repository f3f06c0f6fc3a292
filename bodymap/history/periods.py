"""Periods of a history for body heat maps: the first week, the last week, the whole span,
each calendar month, and each spot's mean intensity over one of them.

Whether a spot got better is not a comparison of periods but its recent trend
(`bodymap.trend`): `trend_changes` gives the heat map's Change view each spot's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from bodymap.history.series import HistoryTable
from bodymap.trend import TREND_WINDOW_S, recent_trend

__all__ = ["WEEK", "Period", "month_periods", "period_means", "standard_periods", "trend_changes"]

WEEK = 7 * 86400.0


@dataclass(frozen=True)
class Period:
    """A span of time (POSIX seconds, both ends included) with its name for people."""

    label: str
    start: float
    end: float


def _date(at: float) -> str:
    moment = datetime.fromtimestamp(at)
    return f"{moment.day} {moment.strftime('%b %Y')}"


def _midnight(at: float, days: int = 0) -> float:
    """The local midnight that starts the day of ``at``, ``days`` days on (DST kept)."""
    day = datetime.fromtimestamp(at).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day).timestamp()


def standard_periods(table: HistoryTable) -> dict[str, Period]:
    """``first_week``, ``last_week`` and ``whole`` of the table's span; empty without
    check-ins. A week is seven whole local days, the first check-in's day and the six
    after it (the last check-in's day and the six before it), so "11 Nov – 17 Nov" holds
    every check-in of those dates and none of the 18th, whatever time they were made."""
    span = table.span()
    if span is None:
        return {}
    first, last = span
    first_end = min(_midnight(first, 7) - 1e-3, last)
    last_start = max(_midnight(last, -6), first)
    return {
        "first_week": Period(f"First week ({_date(first)} – {_date(first_end)})", first, first_end),
        "last_week": Period(f"Last week ({_date(last_start)} – {_date(last)})", last_start, last),
        "whole": Period(f"Average ({_date(first)} – {_date(last)})", first, last),
    }


def month_periods(table: HistoryTable) -> list[Period]:
    """One period per calendar month (local time) from the first check-in's to the last's."""
    span = table.span()
    if span is None:
        return []
    moment = datetime.fromtimestamp(span[0]).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    last = datetime.fromtimestamp(span[1])
    periods = []
    while moment <= last:
        index = moment.year * 12 + moment.month
        after = moment.replace(year=index // 12, month=index % 12 + 1)
        periods.append(
            Period(moment.strftime("%B %Y"), moment.timestamp(), after.timestamp() - 1e-3)
        )
        moment = after
    return periods


def period_means(table: HistoryTable, period: Period) -> dict[str, float]:
    """Each spot's mean intensity over the period; spots without a reading in it are left
    out."""
    part = table.between(period.start, period.end)
    if not len(part):
        return {}
    counts = np.sum(~np.isnan(part.values), axis=0)
    sums = np.nansum(part.values, axis=0)
    return {
        spot_id: float(sums[j] / counts[j]) for j, spot_id in enumerate(part.spot_ids) if counts[j]
    }


def trend_changes(table: HistoryTable) -> dict[str, float]:
    """Each spot's recent change (`bodymap.trend.recent_trend`, negative: better), the
    number behind the spot list's trend label; spots with fewer than two recent readings
    are left out."""
    changes: dict[str, float] = {}
    for spot_id in table.spot_ids:
        times, values = table.readings(spot_id)
        if not len(times):
            continue
        # only the tail the trend reads: its window, and one reading before it (which
        # tells a first reading after a break from a spot's very first)
        start = max(0, int(np.searchsorted(times, times[-1] - TREND_WINDOW_S, "left")) - 1)
        change = recent_trend(times[start:].tolist(), values[start:].tolist()).change
        if change is not None:
            changes[spot_id] = change
    return changes
