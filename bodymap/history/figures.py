"""The figures of the clinician's summary: each spot's first, last, lowest and highest
reading in a period, and how often the person checked in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bodymap.history.series import FloatArray, HistoryTable

__all__ = ["WEEK_DAYS", "CheckInRate", "SpotFigures", "checkin_rate", "spot_figures"]

WEEK_DAYS = 7
"""A check-in rate "a week" is given only for a period at least this many days long."""


@dataclass(frozen=True)
class SpotFigures:
    """One spot's readings in the period: the series (for a sparkline) and its figures."""

    spot_id: str
    times: FloatArray
    values: FloatArray
    first: float
    last: float
    low: float
    high: float

    @property
    def count(self) -> int:
        return len(self.values)


@dataclass(frozen=True)
class CheckInRate:
    """How often the person checked in over the period."""

    checkins: int
    days: int
    span_days: int

    def describe(self) -> str:
        """In words, e.g. "412 check-ins on 205 of 210 days (1.0 a week…)"."""
        if not self.checkins:
            return "No check-ins in this period."
        said = (
            f"{self.checkins:,} check-in{'s' if self.checkins != 1 else ''} on "
            f"{self.days:,} of {self.span_days:,} day{'s' if self.span_days != 1 else ''}"
        )
        if self.span_days < WEEK_DAYS:  # a weekly rate from a few days says more than it knows
            return said
        return f"{said} ({self.checkins / self.span_days * WEEK_DAYS:.1f} a week)"


def spot_figures(table: HistoryTable, spot_id: str) -> SpotFigures | None:
    """The spot's figures, or None when it has no reading in the table."""
    times, values = table.readings(spot_id)
    if not len(values):
        return None
    return SpotFigures(
        spot_id,
        times,
        values,
        float(values[0]),
        float(values[-1]),
        float(values.min()),
        float(values.max()),
    )


def checkin_rate(table: HistoryTable) -> CheckInRate:
    """Check-ins, distinct local days with one, and the days from the first to the last."""
    if not len(table):
        return CheckInRate(0, 0, 0)
    days = {datetime.fromtimestamp(t).date() for t in table.times.tolist()}
    first = datetime.fromtimestamp(float(table.times[0])).date()
    last = datetime.fromtimestamp(float(table.times[-1])).date()
    return CheckInRate(len(table), len(days), (last - first).days + 1)
