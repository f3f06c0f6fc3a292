"""Calendar ticks for a date axis, from a few hours to decades.

The step is the smallest of hours, days, weeks, months or years that keeps the labels
apart; ticks fall on whole hours, local midnights, Mondays, the first of a month or the
first of January. Each tick has a label and, where the larger unit changes (a new day under
hourly ticks, a new year under daily or monthly ones), a context line, so every date on the
axis can be read with its year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["Tick", "time_ticks"]

_HOUR_STEPS = (1, 2, 3, 6, 12)
_DAY_STEPS = (1, 2)
_MONTH_STEPS = (1, 2, 3, 6)
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100)


@dataclass(frozen=True)
class Tick:
    """A tick at ``at`` (POSIX seconds) with its label and context line ("" if none)."""

    at: float
    label: str
    context: str


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + months
    return moment.replace(year=index // 12, month=index % 12 + 1, day=1)


def _steps() -> list[tuple[str, int, float]]:
    """(unit, count, approximate seconds) from the finest step to the coarsest."""
    out = [("hour", n, n * 3600.0) for n in _HOUR_STEPS]
    out += [("day", n, n * 86400.0) for n in _DAY_STEPS]
    out += [("week", 1, 7 * 86400.0), ("week", 2, 14 * 86400.0)]
    out += [("month", n, n * 30.44 * 86400) for n in _MONTH_STEPS]
    out += [("year", n, n * 365.25 * 86400) for n in _YEAR_STEPS]
    return out


def _first(unit: str, count: int, start: datetime) -> datetime:
    if unit == "hour":
        moment = start.replace(minute=0, second=0, microsecond=0)
        return moment - timedelta(hours=moment.hour % count)
    day = start.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1, month=(day.month - 1) // count * count + 1)
    return day.replace(month=1, day=1, year=day.year // count * count)


def _next(unit: str, count: int, moment: datetime) -> datetime:
    if unit == "hour":
        return moment + timedelta(hours=count)
    if unit == "day":
        return (moment + timedelta(days=count, hours=12)).replace(hour=0)
    if unit == "week":
        return (moment + timedelta(days=7 * count, hours=12)).replace(hour=0)
    if unit == "month":
        return _add_months(moment, count)
    return moment.replace(year=moment.year + count)


def _label(unit: str, moment: datetime) -> str:
    if unit == "hour":
        return moment.strftime("%H:%M")
    if unit in ("day", "week"):
        return f"{moment.day} {moment.strftime('%b')}"
    if unit == "month":
        return moment.strftime("%b")
    return str(moment.year)


def _context(unit: str, moment: datetime, previous: datetime | None) -> str:
    if unit == "hour":
        if previous is None or previous.date() != moment.date():
            return f"{moment.day} {moment.strftime('%b %Y')}"
        return ""
    if unit == "year":
        return ""
    if previous is None or previous.year != moment.year:
        return str(moment.year)
    return ""


def time_ticks(start: float, end: float, max_ticks: int) -> list[Tick]:
    """At most ``max_ticks`` (at least 2) calendar ticks between ``start`` and ``end``
    (POSIX seconds, shown in local time)."""
    if not end > start:
        raise ValueError("time_ticks needs start < end")
    limit = max(2, max_ticks)
    span = end - start
    steps = _steps()
    unit, count, _ = next((s for s in steps if span / s[2] <= limit), steps[-1])
    first = datetime.fromtimestamp(start)
    moment = _first(unit, count, first)
    ticks: list[Tick] = []
    previous: datetime | None = None
    guard = 0
    while guard < 10 * limit + 10:
        guard += 1
        at = moment.timestamp()
        if at > end:
            break
        if at >= start:
            ticks.append(Tick(at, _label(unit, moment), _context(unit, moment, previous)))
            previous = moment
        moment = _next(unit, count, moment)
    return ticks
