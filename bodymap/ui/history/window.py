"""How each spot felt over time: a line chart of check-ins drawn with QPainter.

`HistoryPlot` puts intensity (0–10) on the y axis and real dates on the x axis, one line with
markers per spot and a legend naming each spot by number and region (axes in
`history_axes`, lines and legend in `history_series`). Colours of text, axes and grid come
from the widget's palette, so it reads in light and dark themes. `HistoryDialog` shows it for
a map and redraws when the map changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QSizePolicy, QVBoxLayout, QWidget

from bodymap.maps import Change, Spot, TriggerPointMap
from bodymap.ui.drawing.plain_text import plain_window_title
from bodymap.ui.history.axes import ChartFrame, draw_axes, time_range
from bodymap.ui.history.series import Series, draw_legend, draw_series
from bodymap.ui.history.sessions import draw_session_legend, draw_sessions

__all__ = ["HistoryDialog", "HistoryPlot"]


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
        self._sessions: list[datetime] = []
        self.sessions_drawn = 0
        """How many session lines the last paint drew (for tests)."""
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
        self._sessions = [record.start.astimezone() for record in self._map.sessions]
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
            max(
                metrics.horizontalAdvance(label)
                for label in [s.label for s in self._series]
                + ["mat session"] * bool(self._sessions)
            )
            + 44,
            int(self.width() * 0.4),
        )
        plot = QRectF(
            metrics.horizontalAdvance("10") + 22,
            2 * metrics.height() + 8,
            self.width() - legend_width - metrics.horizontalAdvance("10") - 40,
            self.height() - 4 * metrics.height() - 24,
        )
        times = [at for s in self._series for at, _ in s.points] + self._sessions
        frame = ChartFrame(plot, *time_range(times))
        draw_axes(painter, frame, text)
        self.sessions_drawn = draw_sessions(painter, frame, self._sessions)
        base = palette.color(QPalette.ColorRole.Base)
        for index, series in enumerate(self._series):
            draw_series(painter, frame, index, series, base)
        area = QRectF(plot.right() + 16, plot.top(), legend_width, 0)
        draw_legend(painter, area, self._series, text)
        if self.sessions_drawn:
            below = area.top() + len(self._series) * (metrics.height() + 6) + 4
            draw_session_legend(painter, QRectF(area.left(), below, legend_width, 0), text)


class HistoryDialog(QDialog):
    """A window with the history chart of a map; it follows the map's changes while open."""

    def __init__(
        self,
        tpm: TriggerPointMap,
        describe: Callable[[Spot], str] = lambda spot: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._map = tpm
        self._show_name()
        self.setAccessibleName("History")
        self.plot = HistoryPlot(tpm, describe, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plot, 1)
        layout.addWidget(buttons)
        self._unsubscribe: Callable[[], None] | None = tpm.subscribe(self._on_change)
        self.finished.connect(self._stop_following)

    def _on_change(self, change: Change) -> None:
        if change.kind == "renamed":
            self._show_name()
        self.plot.refresh()

    def _show_name(self) -> None:
        self.setWindowTitle(plain_window_title(f"History — {self._map.name}"))

    def _stop_following(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
