"""A map's check-ins as numbers: per-spot time series, decimation to the pixels a chart has,
calendar ticks, periods for body heat maps (with each spot's recent change) and the figures
of the clinician's summary.

Qt-free: the History window, the heat map, the summary PDF and the command line all read
a map's history through here.
"""

from bodymap.history.periods import (
    Period,
    month_periods,
    period_means,
    standard_periods,
    trend_changes,
)
from bodymap.history.series import LINE_GAP_DAYS, LINE_GAP_S, HistoryTable, decimate, joined
from bodymap.history.ticks import Tick, time_ticks

__all__ = [
    "LINE_GAP_DAYS",
    "LINE_GAP_S",
    "HistoryTable",
    "Period",
    "Tick",
    "decimate",
    "joined",
    "month_periods",
    "period_means",
    "standard_periods",
    "time_ticks",
    "trend_changes",
]
