"""How each spot felt over time: a line chart of check-ins that stays quick at ten years.

`HistoryPlot` puts intensity (0–10) on the y axis and calendar dates (with years) on the x
axis. It reads the map once into a `HistoryTable` (numpy columns) and draws each visible
series from at most four points per pixel column, into a cached image: a repaint that does
not change the chart (hover, an uncovered window) only copies the image. The wheel zooms
around the pointer, dragging pans, Home shows everything; hovering shows the nearest
reading's date and value. Notes of check-ins are small marks along the top. A spot's line
is broken where it went more than two weeks without a reading (`LINE_GAP_DAYS`), and the
chart says so above it.

`HistoryDialog` adds the legend: a searchable, checkable list that holds any number of
spots. Every label and note is drawn or listed as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bodymap.advisor.model import spots_label
from bodymap.history import LINE_GAP_DAYS, HistoryTable
from bodymap.maps import Change, Spot, TriggerPointMap
from bodymap.ui.drawing.focus_ring import show_keyboard_focus
from bodymap.ui.drawing.plain_text import plain_tooltip, plain_window_title
from bodymap.ui.history.axes import MIN_SPAN, ChartFrame, draw_axes, padded_span
from bodymap.ui.history.empty import NO_CHECKINS, how_to_check_in
from bodymap.ui.history.series import Series, draw_series, has_gap, swatch
from bodymap.ui.history.sessions import draw_session_legend, draw_sessions
from bodymap.words import spot_noun, user_text

__all__ = [
    "DEFAULT_VISIBLE",
    "GAP_NOTE",
    "HistoryDialog",
    "HistoryPlot",
    "render_history",
    "title_height",
]

NOTES_SHOWN = 4
"""Notes (or readings) a hover shows at once on a marker shared by several check-ins."""
DEFAULT_VISIBLE = 8
"""Series shown when the chart opens; the legend shows the others on request."""
GAP_NOTE = f"A line breaks after {LINE_GAP_DAYS} days without a reading"
"""Said above the chart when a line shown there is broken."""


def _capped(lines: list[str], hint: str = "") -> list[str]:
    """At most :data:`NOTES_SHOWN` lines, and how many more there are (with ``hint``)."""
    if len(lines) <= NOTES_SHOWN:
        return lines
    return [*lines[:NOTES_SHOWN], f"… and {len(lines) - NOTES_SHOWN} more{hint}"]


def _when(at: float) -> str:
    moment = datetime.fromtimestamp(at)
    return f"{moment.day} {moment.strftime('%b %Y %H:%M')}"


HISTORY_KEYS = (
    ("+, -", "History chart: zoom in, zoom out around the middle"),
    ("Left, Right", "History chart: move back or forward in time"),
    ("Home, 0", "History chart: show all dates"),
)
"""The keys the History chart handles while it has the focus, for Help."""


_LABEL_ROLE = Qt.ItemDataRole.UserRole + 1


def _named_twins(series: list[Series], areas: set[int]) -> list[Series]:
    """``series`` with each one whose readings are exactly another's labelled so: the line
    drawn last covers the other whole, and a legend entry ticked but nowhere to be seen read
    as a fault (the runner's spots 2 and 4)."""
    keys = [(s.times.tobytes(), s.values.tobytes()) for s in series]
    groups: dict[tuple[bytes, bytes], list[int]] = {}
    for s, key in zip(series, keys, strict=True):
        groups.setdefault(key, []).append(s.index)
    out = []
    for s, key in zip(series, keys, strict=True):
        twins = [i for i in groups[key] if i != s.index]
        out.append(replace(s, twins=spots_label(twins, areas)) if twins else s)
    return out


class HistoryPlot(QWidget):
    """Each spot's check-in intensity over time (date axis, 0–10 axis)."""

    def __init__(
        self,
        tpm: TriggerPointMap,
        describe: Callable[[Spot], str] = lambda spot: "",
        parent: QWidget | None = None,
        *,
        spot_ids: Iterable[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._map = tpm
        self._describe = describe
        self._series: list[Series] = []
        self._visible: set[str] = set()
        self._chosen = None if spot_ids is None else list(spot_ids)
        self._span: tuple[float, float] = (0.0, 1.0)
        self._full: tuple[float, float] = (0.0, 1.0)
        self._cache: QImage | None = None
        self._hover: tuple[QPointF, str] | None = None
        self._drag: tuple[float, float, float] | None = None
        self._notes: list[tuple[float, str]] = []
        self._sessions: list[float] = []
        self.sessions_drawn = 0
        """How many mat-session lines the last paint drew (for tests)."""
        self.gap_noted = False
        """Whether the last paint said why a line is broken (a shown line has a gap)."""
        self.setAccessibleName("Intensity history chart")
        self.setMinimumSize(480, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        show_keyboard_focus(self)  # Tabbed to, the chart shows it has the focus
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(900, 480)

    # -- data ----------------------------------------------------------------------------
    @property
    def series(self) -> list[Series]:
        return list(self._series)

    @property
    def visible(self) -> frozenset[str]:
        """The ids of the spots whose lines are drawn."""
        return frozenset(self._visible)

    @property
    def span(self) -> tuple[float, float]:
        """The time span shown (POSIX seconds)."""
        return self._span

    def refresh(self) -> None:
        """Re-read the map's history (after a check-in, an undo, a deleted spot)."""
        table = HistoryTable.from_map(self._map)
        wanted = None if self._chosen is None else set(self._chosen)
        series = []
        for number, spot in enumerate(self._map.spots, start=1):
            if wanted is not None and spot.id not in wanted:
                continue
            times, values = table.readings(spot.id)
            if not len(times):
                continue
            where = self._describe(spot)
            noun = spot_noun(spot.area is not None, capital=True)
            label = f"{number} · {where}" if where else f"{noun} {number}"
            series.append(Series(spot.id, label, number - 1, times, values))
        areas = {i for i, spot in enumerate(self._map.spots) if spot.area is not None}
        series = _named_twins(series, areas)
        known = {s.spot_id for s in self._series}
        first_time = not self._series
        self._series = series
        ids = [s.spot_id for s in series]
        if first_time or wanted is not None:
            self._visible = set(ids if wanted is not None else ids[:DEFAULT_VISIBLE])
        else:  # keep the reader's choice; a new spot's series shows up
            self._visible = {i for i in ids if i in self._visible or i not in known}
        self._notes = [(n.at, n.text) for n in table.notes]
        self._sessions = [r.start.timestamp() for r in self._map.sessions if r.counts]
        span = table.span()
        if span and self._sessions:
            span = (min(span[0], *self._sessions), max(span[1], *self._sessions))
        old_full = self._full
        self._full = padded_span(*span) if span else (0.0, 86400.0)
        if first_time or self._span == old_full:
            self._span = self._full
        self.setAccessibleDescription(
            f"{len(series)} spots with check-ins"
            if series
            else f"{NO_CHECKINS} {how_to_check_in(self._map)}"
        )
        self._invalidate()

    def set_visible(self, spot_id: str, shown: bool) -> None:
        """Show or hide one spot's line."""
        if shown:
            self._visible.add(spot_id)
        else:
            self._visible.discard(spot_id)
        self._invalidate()

    def set_span(self, start: float, end: float) -> None:
        """Show ``start``–``end`` (POSIX seconds), at least :data:`MIN_SPAN` wide."""
        if end - start < MIN_SPAN:
            middle = (start + end) / 2
            start, end = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
        self._span = (start, end)
        self._invalidate()

    def zoom(self, factor: float, anchor: float | None = None) -> None:
        """Zoom in (factor < 1) or out around ``anchor`` (a time; default the middle)."""
        start, end = self._span
        at = (start + end) / 2 if anchor is None else anchor
        self.set_span(at - (at - start) * factor, at + (end - at) * factor)

    def pan(self, fraction: float) -> None:
        """Move the span by ``fraction`` of its width (positive: later)."""
        start, end = self._span
        shift = (end - start) * fraction
        self.set_span(start + shift, end + shift)

    def reset_zoom(self) -> None:
        self.set_span(*self._full)

    def _invalidate(self) -> None:
        self._cache = None
        self._hover = None
        self.update()

    # -- drawing -------------------------------------------------------------------------
    def frame(self) -> ChartFrame:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("10") + 22
        plot = QRectF(
            left,
            metrics.height() + 16,
            max(10.0, self.width() - left - 16),
            max(10.0, self.height() - 4 * metrics.height() - 24),
        )
        return ChartFrame(plot, *self._span)

    def render_chart(self, painter: QPainter) -> None:
        """Paint the whole chart (background, axes, lines, note marks) with ``painter``."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        painter.fillRect(QRectF(0, 0, self.width(), self.height()), base)
        if not self._series:
            painter.setPen(text)
            painter.drawText(
                QRectF(20, 20, self.width() - 40, self.height() - 40),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                f"{NO_CHECKINS}\n{how_to_check_in(self._map)}",
            )
            return
        frame = self.frame()
        draw_axes(painter, frame, text)
        self.sessions_drawn = draw_sessions(painter, frame, self._sessions)
        if self.sessions_drawn:
            width = painter.fontMetrics().horizontalAdvance("mat session") + 40
            corner = QRectF(frame.plot.right() - width, 2, width, 0)
            draw_session_legend(painter, corner, text)
        self.gap_noted = any(
            series.spot_id in self._visible and has_gap(series, frame.start, frame.end)
            for series in self._series
        )
        if self.gap_noted:
            muted = QColor(text)
            muted.setAlphaF(0.7)
            painter.setPen(muted)
            height = painter.fontMetrics().height()
            painter.drawText(
                QRectF(frame.plot.left(), 4, frame.plot.width(), height),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                GAP_NOTE,
            )
        painter.save()
        painter.setClipRect(frame.plot.adjusted(-6, -6, 6, 6))
        for series in self._series:
            if series.spot_id in self._visible:
                draw_series(painter, frame, series, base)
        mark = QColor(text)
        painter.setPen(QPen(mark, 1))
        painter.setBrush(mark)
        for at, _note in self._notes:
            if frame.start <= at <= frame.end:
                x = frame.x(at)
                top = frame.plot.top()
                painter.drawPolygon(
                    [QPointF(x, top), QPointF(x - 4, top - 7), QPointF(x + 4, top - 7)]
                )
        painter.restore()
        if not self._visible & {s.spot_id for s in self._series}:
            painter.setPen(text)
            painter.drawText(
                frame.plot, Qt.AlignmentFlag.AlignCenter, "Tick spots in the list to see them."
            )

    def paintEvent(self, _event: QPaintEvent) -> None:
        ratio = self.devicePixelRatioF()
        if self._cache is None or self._cache.size() != self.size() * ratio:
            image = QImage(self.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(ratio)
            inner = QPainter(image)
            self.render_chart(inner)
            inner.end()
            self._cache = image
        painter = QPainter(self)
        painter.drawImage(0, 0, self._cache)
        if self._hover is not None:
            self._paint_hover(painter, *self._hover)
        painter.end()

    def _paint_hover(self, painter: QPainter, point: QPointF, words: str) -> None:
        palette = self.palette()
        metrics = painter.fontMetrics()
        box = QRectF(metrics.boundingRect(QRectF(0, 0, 360, 200).toRect(), 0, words))
        box.adjust(-6, -4, 6, 4)
        box.moveTopLeft(point + QPointF(12, 12))
        if box.right() > self.width():
            box.moveRight(point.x() - 12)
        if box.bottom() > self.height():
            box.moveBottom(point.y() - 12)
        painter.setPen(palette.color(QPalette.ColorRole.ToolTipText))
        painter.setBrush(palette.color(QPalette.ColorRole.ToolTipBase))
        painter.drawRect(box)
        painter.drawText(box.adjusted(6, 4, -6, -4), 0, words)
        painter.drawEllipse(point, 4, 4)

    # -- hover, zoom and pan -------------------------------------------------------------
    def hover_text(self, x: float, y: float) -> tuple[QPointF, str] | None:
        """The reading (or check-in note) nearest to a widget point, as its marker
        position and a plain-text line; None when nothing is near."""
        frame = self.frame()
        if not frame.plot.adjusted(-6, -12, 6, 6).contains(QPointF(x, y)):
            return None
        at = frame.time_at(x)
        if y < frame.plot.top() + 2:
            near = [(abs(frame.x(when) - x), when, note) for when, note in self._notes]
            near = [item for item in near if item[0] < 8]
            if not near:
                return None
            # check-ins a pixel or two apart share one marker: every note on it is shown
            closest = min(near)[1]
            shared = sorted(
                (when, note)
                for _d, when, note in near
                if abs(frame.x(when) - frame.x(closest)) <= 2
            )
            lines = [f"{_when(when)}\n{note}" for when, note in shared]
            said = _capped(lines, " (zoom in to see them)")
            return QPointF(frame.x(closest), frame.plot.top()), "\n\n".join(said)
        return self._readings_near(frame, at, x, y)

    def _readings_near(
        self, frame: ChartFrame, at: float, x: float, y: float
    ) -> tuple[QPointF, str] | None:
        """The reading nearest to a widget point as its marker and a line of text; readings
        of several spots on that one marker (lines that run together, one hidden under the
        other) are all named, in the legend's order."""
        found: list[tuple[float, QPointF, str, str, int]] = []  # with label, date, value
        for series in self._series:
            if series.spot_id not in self._visible:
                continue
            i = int(np.searchsorted(series.times, at))
            for j in (i - 1, i):
                if 0 <= j < len(series.times):
                    point = QPointF(
                        frame.x(float(series.times[j])), frame.y(float(series.values[j]))
                    )
                    distance = float(np.hypot(point.x() - x, point.y() - y))
                    if distance < 24:
                        when = _when(float(series.times[j]))
                        found.append((distance, point, series.label, when, int(series.values[j])))
        if not found:
            return None
        marker = min(found, key=lambda item: item[0])[1]
        together = [
            (label, when, value)
            for _d, other, label, when, value in found
            if abs(other.x() - marker.x()) <= 2 and abs(other.y() - marker.y()) <= 2
        ]
        if len(together) == 1:
            label, when, value = together[0]
            return marker, f"{label}\n{when}: {value}/10"
        dates = {when for _label, when, _value in together}
        if len(dates) == 1:  # one check-in: its date once, then each spot's reading
            lines = [f"{label}: {value}/10" for label, _when, value in together]
            return marker, "\n".join([dates.pop(), *_capped(lines)])
        # check-ins a pixel apart at this zoom: each reading with its own date
        lines = [f"{label}\n{when}: {value}/10" for label, when, value in together]
        return marker, "\n\n".join(_capped(lines))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        if self._drag is not None:
            x0, start, end = self._drag
            shift = (x0 - position.x()) / self.frame().plot.width() * (end - start)
            self.set_span(start + shift, end + shift)
            return
        self._hover = self.hover_text(position.x(), position.y())
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = (event.position().x(), *self._span)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        self._drag = None
        self.unsetCursor()

    def mouseDoubleClickEvent(self, _event: QMouseEvent) -> None:
        self.reset_zoom()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(0.8**steps, self.frame().time_at(event.position().x()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The keys of :data:`HISTORY_KEYS`."""
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(0.8)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1.25)
        elif key == Qt.Key.Key_Left:
            self.pan(-0.2)
        elif key == Qt.Key.Key_Right:
            self.pan(0.2)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_0):
            self.reset_zoom()
        else:
            super().keyPressEvent(event)

    def leaveEvent(self, _event: object) -> None:
        self._hover = None
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._cache = None
        super().resizeEvent(event)


class HistoryLegend(QWidget):
    """A searchable list of the chart's series; ticking one shows its line."""

    def __init__(self, plot: HistoryPlot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = plot
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Find a spot…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a spot in the legend")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Spots shown in the chart")
        # a long area name ("lower buttocks (sit bones), both sides") wraps, never scrolls
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        show_all = QPushButton("All", self)
        show_none = QPushButton("None", self)
        show_all.clicked.connect(lambda: self._tick_all(True))
        show_none.clicked.connect(lambda: self._tick_all(False))
        buttons = QHBoxLayout()
        buttons.addWidget(show_all)
        buttons.addWidget(show_none)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.search.textChanged.connect(self._filter)
        self.list.itemChanged.connect(self._toggled)
        self.fill()

    def fill(self) -> None:
        """List the chart's series with their ticks (after the map changed)."""
        self.list.blockSignals(True)
        self.list.clear()
        visible = self.plot.visible
        for series in self.plot.series:
            item = QListWidgetItem(swatch(series.index), series.shown_label)  # plain text
            item.setToolTip(plain_tooltip(series.shown_label))
            item.setData(_LABEL_ROLE, series.label)  # what a search looks in
            item.setData(Qt.ItemDataRole.UserRole, series.spot_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            shown = series.spot_id in visible
            item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for row in range(self.list.count()):
            item = self.list.item(row)
            label = str(item.data(_LABEL_ROLE) or item.text())  # not "same readings as …"
            item.setHidden(bool(needle) and needle not in label.casefold())

    def _toggled(self, item: QListWidgetItem) -> None:
        spot_id = item.data(Qt.ItemDataRole.UserRole)
        self.plot.set_visible(spot_id, item.checkState() == Qt.CheckState.Checked)

    def _tick_all(self, shown: bool) -> None:
        """Tick or untick every series the search lets through."""
        state = Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if not item.isHidden():
                item.setCheckState(state)
                self.plot.set_visible(item.data(Qt.ItemDataRole.UserRole), shown)
        self.list.blockSignals(False)


class HistoryDialog(QDialog):
    """A window with the history chart of a map and its legend; it follows the map's
    changes while open."""

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
        self.legend = HistoryLegend(self.plot, self)
        splitter = QSplitter(self)
        splitter.addWidget(self.plot)
        splitter.addWidget(self.legend)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([760, 240])
        # made in the order they are drawn, which is the order Tab takes: Close last
        buttons = QDialogButtonBox()
        everything = buttons.addButton("Show All Dates", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        everything.clicked.connect(self.plot.reset_zoom)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self._unsubscribe: Callable[[], None] | None = tpm.subscribe(self._on_change)
        self.finished.connect(self._stop_following)

    def _on_change(self, change: Change) -> None:
        if change.kind == "renamed":
            self._show_name()
        self.plot.refresh()
        self.legend.fill()

    def _show_name(self) -> None:
        self.setWindowTitle(plain_window_title(f"History — {user_text(self._map.name)}"))

    def _stop_following(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None


def title_height(plot: HistoryPlot) -> int:
    """The band above the chart in `render_history`'s picture (the map's name): the chart
    starts this many pixels down, at its own size."""
    return plot.fontMetrics().height() + 6


def render_history(
    tpm: TriggerPointMap,
    out: Path,
    *,
    start: float | None = None,
    end: float | None = None,
    spot_ids: Iterable[str] | None = None,
    size: tuple[int, int] = (1200, 600),
    describe: Callable[[Spot], str] = lambda spot: "",
) -> None:
    """Draw the History chart (the window's own code) to a PNG, offscreen, with the map's
    name above it and, below it, which line is which spot (the window shows its spot list
    beside the chart); raises OSError when the file cannot be written."""
    plot = HistoryPlot(tpm, describe, spot_ids=spot_ids)
    plot.resize(*size)
    first, last = plot.span
    plot.set_span(first if start is None else start, last if end is None else end)
    metrics = plot.fontMetrics()
    line = title_height(plot)
    shown = [series for series in plot.series if series.spot_id in plot.visible]
    column = max([metrics.horizontalAdvance(s.shown_label) for s in shown] + [80]) + 52
    per_row = max(1, (size[0] - 16) // column)
    rows = -(-len(shown) // per_row)
    width, height = size[0], line + size[1] + rows * line + 8
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(plot.palette().color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    painter.setFont(plot.font())
    painter.setPen(plot.palette().color(QPalette.ColorRole.Text))
    painter.drawText(
        QRectF(8, 4, width - 16, line),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        f"{user_text(tpm.name)} — pain over time",
    )
    painter.translate(0, line)
    plot.render_chart(painter)
    painter.translate(0, size[1])
    for k, series in enumerate(shown):
        x, y = 8 + (k % per_row) * column, (k // per_row) * line + 4
        painter.drawPixmap(QPointF(x, y + (line - 16) / 2), swatch(series.index).pixmap(32, 16))
        painter.drawText(
            QRectF(x + 40, y, column - 44, line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(series.shown_label, Qt.TextElideMode.ElideRight, column - 44),
        )
    painter.end()
    if not image.save(str(out), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"cannot write {out}")
