"""View → Heat Map: the body coloured by how the spots felt over a chosen period.

Periods: the first week, the last week, the average of the whole history, each spot's
recent change ("better / worse" scale: the same trend the spot list names,
`bodymap.trend`), or one month picked on a slider that Play replays month by month. The
picture exports as PNG. Labels are plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from bodymap.history import HistoryTable, Period, month_periods, period_means, standard_periods
from bodymap.history.periods import trend_changes
from bodymap.maps import Change, MapFileError, Spot, TriggerPointMap, atomic_write
from bodymap.trend import TREND_WINDOW_DAYS
from bodymap.ui.drawing.heat import UNREAD_NOTE, paint_heat_scale, paint_heat_view, unread
from bodymap.ui.drawing.painting import ViewPainter
from bodymap.ui.drawing.plain_text import message_box, plain_window_title
from bodymap.ui.history.empty import NO_CHECKINS, how_to_check_in
from bodymap.words import user_text

__all__ = [
    "CHANGE_CAPTION",
    "EXPORT_TITLE",
    "FAILED_TITLE",
    "MODES",
    "AskPath",
    "HeatMapDialog",
    "HeatMapView",
]

EXPORT_TITLE = "Export heat map as PNG"
FAILED_TITLE = "Could not export heat map as PNG"
AskPath = Callable[[], Path | None]
"""Where to write the picture (None: cancelled); the window's asks as its other exports do."""
ShowError = Callable[[str, str], None]

CHANGE_CAPTION = (
    f"Recent change, last {TREND_WINDOW_DAYS} days, as in the spot list (−: better, +: worse)"
)
"""One line, as short as the other periods' captions: the rule is `bodymap.trend`'s."""
MODES = (
    ("first_week", "First week"),
    ("last_week", "Last week"),
    ("whole", "Average of all check-ins"),
    ("change", "Recent change (each spot's trend)"),
    ("month", "One month (slider)"),
)


class HeatMapView(QWidget):
    """Both views of the body coloured by a period's values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from bodymap.atlas import load_atlas

        atlas = load_atlas()
        self._painters = {view: ViewPainter.of(atlas[view]) for view in ("front", "back")}
        self.spots: tuple[Spot, ...] = ()
        self.values: dict[str, float] = {}
        self.change = False
        self.caption = ""
        self.setMinimumSize(520, 420)
        self.setAccessibleName("Body heat map")

    def sizeHint(self) -> QSize:
        return QSize(760, 620)

    def show_values(
        self, spots: tuple[Spot, ...], values: dict[str, float], change: bool, caption: str
    ) -> None:
        self.spots, self.values, self.change, self.caption = spots, values, change, caption
        self.setAccessibleDescription(caption)
        self.update()

    def view_rect(self, view: str, width: float, height: float, line: float) -> QRectF:
        """Where ``view`` is drawn on a picture ``width`` × ``height`` whose caption and
        scale each take ``line``."""
        half = width / 2
        index = ("front", "back").index(view)
        return QRectF(index * half, line, half, height - 2 * line)

    def line_height(self, painter: QPainter) -> float:
        return float(painter.fontMetrics().height() + 8)

    def paint_on(self, painter: QPainter, width: float, height: float) -> None:
        palette = self.palette()
        painter.fillRect(QRectF(0, 0, width, height), palette.color(QPalette.ColorRole.Base))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        line = self.line_height(painter)
        painter.drawText(QRectF(8, 4, width - 16, line), Qt.AlignmentFlag.AlignLeft, self.caption)
        if not self.values:
            painter.drawText(
                QRectF(0, line, width, height - line),
                Qt.AlignmentFlag.AlignCenter,
                "No check-ins in this period.",
            )
        for view in ("front", "back"):
            target = self.view_rect(view, width, height, line)
            paint_heat_view(
                painter,
                target,
                self._painters[view],
                self.spots,
                self.values,
                change=self.change,
                title=True,
            )
        title = "Change (−: better, +: worse):" if self.change else "Mean pain (0–10):"
        scale = QRectF(8, height - line - 2, min(width - 16, line * 22), line)
        paint_heat_scale(painter, scale, change=self.change, title=title)
        if self.note:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            place = QRectF(scale.right() + 12, scale.top(), width - scale.right() - 20, line)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(place, align, self.note)

    @property
    def note(self) -> str:
        """What the dashed outlines mean, when the period leaves a spot or area unread."""
        return UNREAD_NOTE.capitalize() if self.values and unread(self.spots, self.values) else ""

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.paint_on(painter, self.width(), self.height())
        painter.end()

    def export_png(self, out: Path, size: tuple[int, int] = (1400, 1100)) -> None:
        """Draw the heat map to a PNG of ``size`` pixels, written whole or not at all (an
        earlier file of that name stays as it was); OSError or ValueError if it cannot be."""
        image = QImage(*size, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        self.paint_on(painter, *size)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
            raise OSError("could not draw the picture")
        buffer.close()
        atomic_write(out, bytes(data.data()))


class HeatMapDialog(QDialog):
    """The heat-map window of a map: period chooser, month slider, Play and Export."""

    def __init__(
        self,
        tpm: TriggerPointMap,
        parent: QWidget | None = None,
        *,
        ask_path: AskPath | None = None,
        show_error: ShowError | None = None,
    ) -> None:
        """``ask_path`` and ``show_error`` are the window's, so Export PNG chooses and
        reports as File → Export does; without them a plain chooser and message box."""
        super().__init__(parent)
        self._map = tpm
        self._ask_path = ask_path or self._ask_plain
        self._show_error = show_error or self._error_box
        self.setWindowTitle(plain_window_title(f"Heat Map — {user_text(tpm.name)}"))
        self.view = HeatMapView(self)
        self.mode = QComboBox(self)
        for key, words in MODES:
            self.mode.addItem(words, key)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setAccessibleName("Month")
        self.month_label = QLabel(self)
        self.month_label.setTextFormat(Qt.TextFormat.PlainText)
        self.play = QPushButton("Play", self)
        self.play.setCheckable(True)
        self._timer = QTimer(self)
        self._timer.setInterval(700)
        self._timer.timeout.connect(self._next_month)
        self.play.toggled.connect(self._play)
        top = QHBoxLayout()
        top.addWidget(QLabel("Period:", self))
        top.addWidget(self.mode, 1)
        months = QHBoxLayout()
        months.addWidget(self.play)
        months.addWidget(self.slider, 1)
        months.addWidget(self.month_label)
        buttons = QDialogButtonBox()  # made in the order drawn, which Tab follows
        export = buttons.addButton("Export PNG…", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        export.clicked.connect(self._export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(months)
        layout.addWidget(buttons)
        self.mode.currentIndexChanged.connect(self.refresh)
        self.slider.valueChanged.connect(self._month_moved)
        self._unsubscribe: Callable[[], None] | None = tpm.subscribe(self._on_change)
        self.finished.connect(self._stop)
        self._months: list[Period] = []
        self.refresh()

    def set_mode(self, key: str) -> None:
        self.mode.setCurrentIndex(self.mode.findData(key))

    def refresh(self) -> None:
        table = HistoryTable.from_map(self._map)
        self._months = month_periods(table)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, len(self._months) - 1))
        self.slider.blockSignals(False)
        key = self.mode.currentData()
        monthly = key == "month"
        for widget in (self.slider, self.play, self.month_label):
            widget.setEnabled(monthly and bool(self._months))
        periods = standard_periods(table)
        values: dict[str, float] = {}
        caption = f"{NO_CHECKINS} {how_to_check_in(self._map)}"
        change = key == "change"
        if periods:
            if change:
                values = trend_changes(table)
                caption = CHANGE_CAPTION
            elif monthly and self._months:
                month = self._months[min(self.slider.value(), len(self._months) - 1)]
                values = period_means(table, month)
                caption = f"Mean pain in {month.label}"
                self.month_label.setText(month.label)
            else:
                period = periods[key]
                values = period_means(table, period)
                caption = f"Mean pain — {period.label}"
        self.view.show_values(self._map.spots, values, change, caption)

    def _month_moved(self, _value: int) -> None:
        if self.mode.currentData() != "month":
            self.set_mode("month")
        else:
            self.refresh()

    def _next_month(self) -> None:
        if self.slider.value() >= self.slider.maximum():
            self.play.setChecked(False)
            return
        self.slider.setValue(self.slider.value() + 1)

    def _play(self, on: bool) -> None:
        if on:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(0)
            self._timer.start()
        else:
            self._timer.stop()

    def export(self, path: Path | None = None) -> Path | None:
        """Export PNG: the picture to ``path`` or a chosen file; the path written, or None
        (cancelled, or failed and said so in a message that quotes the path literally)."""
        path = path or self._ask_path()
        if path is None:
            return None
        if not path.suffix:
            path = path.with_suffix(".png")
        try:
            self.view.export_png(path)
        except (OSError, ValueError) as exc:
            problem = exc.problem if isinstance(exc, MapFileError) else str(exc)
            self._show_error(FAILED_TITLE, f"Cannot write {path}: {problem}")
            return None
        return path

    def _export(self) -> None:
        self.export()

    def _ask_plain(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, EXPORT_TITLE, "heat map.png", "PNG (*.png)")
        return Path(name) if name else None

    def _error_box(self, title: str, text: str) -> None:
        message_box(self, QMessageBox.Icon.Warning, title, text).exec()

    def _on_change(self, change: Change) -> None:
        if change.kind == "renamed":
            self.setWindowTitle(plain_window_title(f"Heat Map — {user_text(self._map.name)}"))
        self.refresh()

    def _stop(self, _result: int = 0) -> None:
        self._timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
