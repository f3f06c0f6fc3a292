"""A spot's line in the History is broken where it went more than two weeks without a
reading (the readings stay drawn), in the window and in `bodymap history` PNGs alike: a
line across 20 months would read as 20 months of steady pain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from PySide6.QtGui import QImage

from bodymap.history import LINE_GAP_DAYS, LINE_GAP_S, joined
from bodymap.history.series import column_joins
from bodymap.maps import CheckIn, Spot, TriggerPointMap, add_spot, check_in, save_map
from bodymap.ui.history.series import SERIES_COLOURS
from bodymap.ui.history.window import GAP_NOTE, HistoryPlot, title_height
from tests.test_cli import call
from tests.test_ui_history import _colour_pixels

DAY = 86400.0
MARCH = datetime(2025, 3, 3, 8, tzinfo=UTC)
DECEMBER = datetime(2026, 12, 1, 9, tzinfo=UTC)


def test_readings_more_than_two_weeks_apart_are_not_joined():
    assert LINE_GAP_DAYS == 14 and LINE_GAP_S == 14 * DAY
    times = np.array([0, 7, 21, 35.5, 36]) * DAY
    assert joined(times).tolist() == [True, True, False, True]
    assert joined(np.array([0.0])).tolist() == []
    # the columns of a dense chart: joined only across at most two weeks between readings
    dense = np.concatenate([np.arange(0, 100, 0.5), np.arange(200, 300, 0.5)]) * DAY
    joins = column_joins(dense, 0.0, 300 * DAY, 30)
    assert joins.sum() == len(joins) - 1  # one break, between day 100 and day 200


def _tester_map() -> tuple[TriggerPointMap, str, str]:
    """Readings in March 2025 every two days, then one check-in in December 2026."""
    tpm = TriggerPointMap("Gap")
    neck = add_spot(tpm, "back", 560, 170, "right").spot.id
    hip = add_spot(tpm, "back", 440, 470, "left").spot.id
    for day in range(0, 20, 2):
        check_in(tpm, {neck: 6 - day // 5, hip: 3}, at=MARCH + timedelta(days=day))
    check_in(tpm, {neck: 4, hip: 7}, at=DECEMBER)
    return tpm, neck, hip


def _between(image: QImage, plot: HistoryPlot, first: datetime, last: datetime) -> QImage:
    """The part of the chart between two dates (the whole height of the plot)."""
    frame = plot.frame()
    left, right = frame.x(first.timestamp()), frame.x(last.timestamp())
    return image.copy(int(left), 0, int(right - left), image.height())


def _check_the_gap(image: QImage, plot: HistoryPlot) -> None:
    blue, orange = SERIES_COLOURS[0], SERIES_COLOURS[1]
    middle = _between(image, plot, MARCH + timedelta(days=60), DECEMBER - timedelta(days=30))
    assert _colour_pixels(middle, blue) == 0 and _colour_pixels(middle, orange) == 0
    march = _between(image, plot, MARCH, MARCH + timedelta(days=19))
    assert _colour_pixels(march, blue) > 20  # the readings of March, joined
    last = _between(image, plot, DECEMBER - timedelta(days=5), DECEMBER + timedelta(days=5))
    assert _colour_pixels(last, blue) > 3 and _colour_pixels(last, orange) > 3  # still drawn


def test_the_history_window_breaks_a_line_across_twenty_months(qtbot, tmp_path):
    tpm, _neck, _hip = _tester_map()
    plot = HistoryPlot(tpm, lambda spot: "")
    qtbot.addWidget(plot)
    plot.resize(1100, 520)
    image = plot.grab().toImage()
    image.save(str(tmp_path / "gap.png"))
    _check_the_gap(image, plot)
    assert plot.gap_noted


def test_a_weekly_check_in_stays_one_line_and_the_chart_says_nothing(qtbot):
    tpm = TriggerPointMap("Weekly")
    neck = add_spot(tpm, "back", 560, 170, "right").spot.id
    for week in range(12):
        check_in(tpm, {neck: 2 + week % 5}, at=MARCH + timedelta(days=7 * week + (week == 5)))
    plot = HistoryPlot(tpm, lambda spot: "")
    qtbot.addWidget(plot)
    plot.resize(1100, 520)
    image = plot.grab().toImage()
    assert not plot.gap_noted
    for week in range(11):
        start = MARCH + timedelta(days=7 * week + 2)
        piece = _between(image, plot, start, start + timedelta(days=3))
        assert _colour_pixels(piece, SERIES_COLOURS[0]) > 0, week  # the line runs on


def test_a_dense_series_breaks_across_a_gap_too(qtbot):
    start = datetime(2020, 1, 1, 8, tzinfo=UTC)
    neck = Spot("neck", "back", 560, 170, "right", created=start)
    days = [d for d in range(900) if not 300 <= d < 400]  # three months without a reading
    history = [  # 2,400 readings, made at once (the chart is what is tested here)
        CheckIn(start + timedelta(days=day, hours=hour), {neck.id: 3 + day % 4})
        for day in days
        for hour in (0, 6, 12)
    ]
    tpm = TriggerPointMap("Dense", [neck], history, created=start)
    plot = HistoryPlot(tpm, lambda spot: "")
    qtbot.addWidget(plot)
    plot.resize(700, 400)
    image = plot.grab().toImage()
    hole = _between(image, plot, start + timedelta(days=310), start + timedelta(days=390))
    assert _colour_pixels(hole, SERIES_COLOURS[0]) == 0
    before = _between(image, plot, start + timedelta(days=200), start + timedelta(days=290))
    assert _colour_pixels(before, SERIES_COLOURS[0]) > 20
    assert plot.gap_noted


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_bodymap_history_draws_the_gap_in_its_png(qtbot, tmp_path, capsys):
    tpm, _neck, _hip = _tester_map()
    path = tmp_path / "gap.bodymap"
    save_map(tpm, path)
    out = tmp_path / "history.png"
    status, printed, err = call(capsys, "history", str(path), "-o", str(out))
    assert (status, err) == (0, "") and printed == f"wrote {out}\n"
    picture = QImage(str(out))
    plot = HistoryPlot(tpm)  # the same chart at the PNG's chart's size, for its date axis
    qtbot.addWidget(plot)
    plot.resize(1200, 600)  # the command's size; the map's name above, the key below
    image = picture.copy(0, title_height(plot), 1200, 600)
    _check_the_gap(image, plot)
    assert GAP_NOTE == "A line breaks after 14 days without a reading"
