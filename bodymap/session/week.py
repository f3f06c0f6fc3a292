"""How many rolling sessions fall in the last seven days (for the panel's count)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

__all__ = ["WEEK", "sessions_this_week"]

WEEK = timedelta(days=7)


def sessions_this_week(starts: Iterable[datetime], now: datetime) -> int:
    """The sessions that started in the seven days up to ``now`` (aware datetimes).

    >>> from datetime import UTC
    >>> now = datetime(2026, 3, 9, 12, tzinfo=UTC)
    >>> sessions_this_week([now - timedelta(days=1), now - timedelta(days=8)], now)
    1
    """
    return sum(1 for start in starts if now - WEEK < start <= now)
