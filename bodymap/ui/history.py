"""How each spot felt over time: a line chart of check-ins drawn with QPainter.

`HistoryPlot` puts intensity (0–10) on the y axis and real dates on the x axis, one line with
markers per spot (colour and marker shape both differ, so it reads in greyscale too) and a
legend naming each spot by number and region. Colours of text, axes and grid come from the
widget's palette, so it reads in light and dark themes. `HistoryDialog` shows it for a map
and redraws when the map changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QSizePolicy, QVBoxLayout, QWidget

from bodymap.maps import Change, Spot, TriggerPointMap

__all__ = ["HistoryDialog", "HistoryPlot", "Series", "date_ticks"]

SERIES_COLOURS = (
    "#1f77b4",
    "#e8590c",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#d6338f",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
MARKERS = ("circle", "square", "triangle", "diamond")
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Series:
    """One spot's readings: its legend label and (local time, intensity) points."""

    label: str
    points: tuple[tuple[datetime, int], ...]


def date_ticks(start: datetime, end: datetime, max_ticks: int) -> list[datetime]:
    """Tick positions at local midnights (or whole hours for spans under two days) between
    ``start`` and ``end``, at most ``max_ticks`` of them, evenly stepped."""
    span = end - start
    if span < 2 * _DAY:
        for hours in (1, 2, 3, 6, 12, 24):
            if span / timedelta(hours=hours) <= max_ticks:
                break
        tick = start.replace(minute=0, second=0, microsecond=0)
        step = timedelta(hours=hours)
        while tick.hour % hours:
            tick -= timedelta(hours=1)
    else:
        for days in (1, 2, 7, 14, 28, 56, 91, 182, 364):
            if span / timedelta(days=days) <= max_ticks:
                break
        tick = start.replace(hour=0, minute=0, second=0, microsecond=0)
        step = timedelta(days=days)
        if days == 7:
            tick -= timedelta(days=tick.weekday())  # weeks start on Mondays
    ticks = []
    while tick <= end:
        if tick >= start:
            ticks.append(tick)
        tick += step
    return ticks


class HistoryPlot(QWidget):
    """Each spot's check-in intensity over time (date axis, 0–10 axis, legend)."""

    def __init__(
        self,
        tpm: TriggerPointMap,
        describe: Callable[[Spot], str] = lambda spot: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._map = tpm
        self._describe = describe
        self._series: list[Series] = []
        self.setAccessibleName("Intensity history chart")
        self.setMinimumSize(480, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(760, 420)

    @property
    def series(self) -> list[Series]:
        return list(self._series)

    def refresh(self) -> None:
        """Re-read the map's history (after a check-in, an undo, a deleted spot)."""
        series = []
        for number, spot in enumerate(self._map.spots, start=1):
            readings = self._map.trend(spot.id)
            if not readings:
                continue
            where = self._describe(spot)
            label = f"{number} · {where}" if where else f"Spot {number}"
            points = tuple((at.astimezone(), value) for at, value in readings)
            series.append(Series(label, points))
        self._series = series
        self.setAccessibleDescription(
            f"{len(series)} spots with check-ins" if series else "No check-ins yet"
        )
        self.update()

    # -- drawing -------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        if not self._series:
            painter.setPen(text)
            painter.drawText(
                QRectF(self.rect()).adjusted(20, 20, -20, -20),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                "No check-ins yet.\nUse Edit → Check In… to log how your spots feel.",
            )
            return
        metrics = painter.fontMetrics()
        legend_width = min(
            max(metrics.horizontalAdvance(s.label) for s in self._series) + 44,
            int(self.width() * 0.4),
        )
        plot = QRectF(
            metrics.horizontalAdvance("10") + 22,
            2 * metrics.height() + 8,
            self.width() - legend_width - metrics.horizontalAdvance("10") - 40,
            self.height() - 4 * metrics.height() - 24,
        )
        start, end = self._time_range()
        self._draw_axes(painter, plot, start, end, text)
        for index, series in enumerate(self._series):
            self._draw_series(painter, plot, start, end, index, series)
        self._draw_legend(painter, QRectF(plot.right() + 16, plot.top(), legend_width, 0), text)

    def _time_range(self) -> tuple[datetime, datetime]:
        times = [at for series in self._series for at, _ in series.points]
        start, end = min(times), max(times)
        pad = max((end - start) * 0.04, timedelta(hours=2))
        return start - pad, end + pad

    def _x(self, plot: QRectF, start: datetime, end: datetime, at: datetime) -> float:
        return plot.left() + plot.width() * ((at - start) / (end - start))

    @staticmethod
    def _y(plot: QRectF, value: float) -> float:
        return plot.bottom() - plot.height() * value / 10

    def _draw_axes(
        self, painter: QPainter, plot: QRectF, start: datetime, end: datetime, text: QColor
    ) -> None:
        grid = QColor(text)
        grid.setAlphaF(0.15)
        metrics = painter.fontMetrics()
        for value in range(0, 11, 2):
            y = self._y(plot, value)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, plot.left() - 8, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        label_width = metrics.horizontalAdvance("28 Sep 00:00") + 16
        ticks = date_ticks(start, end, max(2, int(plot.width() // label_width)))
        hourly = end - start < 2 * _DAY
        for tick in ticks:
            x = self._x(plot, start, end, tick)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(text)
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            label = tick.strftime("%d %b %H:%M" if hourly else "%d %b").lstrip("0")
            painter.drawText(
                QRectF(x - label_width / 2, plot.bottom() + 6, label_width, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        small = QFont(painter.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        painter.setFont(small)
        painter.drawText(
            QRectF(4, 4, 240, metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            "Intensity (0–10)",
        )
        year = start.year if start.year == end.year else None
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + metrics.height() + 8, plot.width(), 20),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            f"Date{f' ({year})' if year else ''}",
        )
        painter.setFont(self.font())

    def _draw_series(
        self,
        painter: QPainter,
        plot: QRectF,
        start: datetime,
        end: datetime,
        index: int,
        series: Series,
    ) -> None:
        colour = QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])
        points = [
            QPointF(self._x(plot, start, end, at), self._y(plot, value))
            for at, value in series.points
        ]
        painter.setPen(QPen(colour, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if len(points) > 1:
            painter.drawPolyline(QPolygonF(points))
        marker = MARKERS[(index // len(SERIES_COLOURS) + index) % len(MARKERS)]
        painter.setBrush(colour)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Base), 1))
        for point in points:
            painter.drawPath(_marker_path(marker, point, 4.5))

    def _draw_legend(self, painter: QPainter, area: QRectF, text: QColor) -> None:
        metrics = painter.fontMetrics()
        line = metrics.height() + 6
        for index, series in enumerate(self._series):
            y = area.top() + index * line + line / 2
            colour = QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)])
            painter.setPen(QPen(colour, 2))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.left() + 24, y))
            marker = MARKERS[(index // len(SERIES_COLOURS) + index) % len(MARKERS)]
            painter.setBrush(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPath(_marker_path(marker, QPointF(area.left() + 12, y), 4))
            painter.setPen(text)
            label = metrics.elidedText(
                series.label, Qt.TextElideMode.ElideRight, int(area.width() - 32)
            )
            painter.drawText(QPointF(area.left() + 32, y + metrics.ascent() / 2 - 1), label)


def _marker_path(kind: str, centre: QPointF, r: float) -> QPainterPath:
    path = QPainterPath()
    if kind == "square":
        path.addRect(QRectF(centre.x() - r * 0.9, centre.y() - r * 0.9, r * 1.8, r * 1.8))
    elif kind == "triangle":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), centre.y() - r * 1.15),
                    QPointF(centre.x() + r, centre.y() + r * 0.75),
                    QPointF(centre.x() - r, centre.y() + r * 0.75),
                ]
            )
        )
        path.closeSubpath()
    elif kind == "diamond":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), centre.y() - r * 1.2),
                    QPointF(centre.x() + r * 1.2, centre.y()),
                    QPointF(centre.x(), centre.y() + r * 1.2),
                    QPointF(centre.x() - r * 1.2, centre.y()),
                ]
            )
        )
        path.closeSubpath()
    else:
        path.addEllipse(centre, r, r)
    return path


class HistoryDialog(QDialog):
    """A window with the history chart of a map; it follows the map's changes while open."""

    def __init__(
        self,
        tpm: TriggerPointMap,
        describe: Callable[[Spot], str] = lambda spot: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"History — {tpm.name}")
        self.setAccessibleName("History")
        self.plot = HistoryPlot(tpm, describe, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plot, 1)
        layout.addWidget(buttons)
        self._unsubscribe: Callable[[], None] | None = tpm.subscribe(self._on_change)
        self.finished.connect(self._stop_following)

    def _on_change(self, _change: Change) -> None:
        self.plot.refresh()

    def _stop_following(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
