"""The history chart: one series per spot with readings, a real date axis, a legend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QColor, QPalette

from bodymap.maps import TriggerPointMap, add_spot, check_in, remove_spot
from bodymap.ui.history.axes import date_ticks
from bodymap.ui.history.series import SERIES_COLOURS
from bodymap.ui.history.window import HistoryDialog, HistoryPlot

DAY0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _map_with_history(days: int = 7) -> TriggerPointMap:
    tpm = TriggerPointMap("History")
    neck = add_spot(tpm, "back", 560, 170, "right").spot.id
    hip = add_spot(tpm, "back", 440, 470, "left").spot.id
    add_spot(tpm, "front", 450, 300, "right")  # never checked in: no series
    for day in range(days):
        check_in(tpm, {neck: max(0, 8 - day), hip: 3 + day % 2}, at=DAY0 + timedelta(days=day))
    return tpm


def _colour_pixels(image, colour: str) -> int:
    target = QColor(colour)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - target.red()) < 30
                and abs(pixel.green() - target.green()) < 30
                and abs(pixel.blue() - target.blue()) < 30
            ):
                count += 1
    return count


def test_one_series_per_spot_with_readings_labelled_by_number_and_region(qtbot):
    tpm = _map_with_history()
    plot = HistoryPlot(tpm, lambda spot: f"region of {spot.side}")
    qtbot.addWidget(plot)
    assert [s.label for s in plot.series] == ["1 · region of right", "2 · region of left"]
    assert [len(s.points) for s in plot.series] == [7, 7]
    assert plot.series[0].points[-1][1] == 2


def test_the_chart_follows_check_ins_and_deleted_spots(qtbot):
    tpm = _map_with_history(3)
    dialog = HistoryDialog(tpm, lambda spot: "")
    qtbot.addWidget(dialog)
    check_in(tpm)
    assert [len(s.points) for s in dialog.plot.series] == [4, 4, 1]
    remove_spot(tpm, tpm.spots[0].id)
    assert len(dialog.plot.series) == 2
    dialog.reject()
    check_in(tpm)  # no longer following once closed
    assert [len(s.points) for s in dialog.plot.series] == [4, 1]


def test_the_grabbed_chart_shows_each_series_colour(qtbot, tmp_path: Path):
    tpm = _map_with_history()
    plot = HistoryPlot(tpm, lambda spot: "Upper trapezius, left")
    qtbot.addWidget(plot)
    plot.resize(760, 420)
    image = plot.grab().toImage()
    image.save(str(tmp_path / "history.png"))
    assert _colour_pixels(image, SERIES_COLOURS[0]) > 40
    assert _colour_pixels(image, SERIES_COLOURS[1]) > 40
    assert _colour_pixels(image, SERIES_COLOURS[2]) == 0  # the third spot has no readings


def test_the_chart_uses_the_palette_so_dark_themes_read(qtbot):
    tpm = _map_with_history()
    plot = HistoryPlot(tpm)
    qtbot.addWidget(plot)
    dark = QPalette(plot.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    plot.setPalette(dark)
    plot.resize(600, 360)
    image = plot.grab().toImage()
    assert image.pixelColor(3, 3) == QColor("#1e1e1e")
    assert _colour_pixels(image, "#f0f0f0") > 20  # axis labels in the light text colour


def test_empty_history_says_how_to_start(qtbot):
    plot = HistoryPlot(TriggerPointMap("Empty"))
    qtbot.addWidget(plot)
    assert plot.series == []
    assert "No check-ins" in plot.accessibleDescription()


def test_date_ticks_fall_on_midnights_or_whole_hours():
    start = datetime(2026, 3, 2, 7, 30)
    ticks = date_ticks(start, start + timedelta(days=20), max_ticks=8)
    assert 2 <= len(ticks) <= 8
    assert all(t.hour == 0 and t.minute == 0 for t in ticks)
    assert all(start <= t <= start + timedelta(days=20) for t in ticks)
    hourly = date_ticks(start, start + timedelta(hours=10), max_ticks=6)
    assert 2 <= len(hourly) <= 6 and all(t.minute == 0 for t in hourly)
