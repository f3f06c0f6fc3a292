"""The history chart: one series per spot with readings, a real date axis, a legend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette

from bodymap.history import HistoryTable, decimate, time_ticks
from bodymap.maps import TriggerPointMap, add_spot, check_in, remove_spot
from bodymap.ui.history.series import SERIES_COLOURS
from bodymap.ui.history.window import DEFAULT_VISIBLE, HistoryDialog, HistoryPlot

DAY0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _map_with_history(days: int = 7) -> TriggerPointMap:
    tpm = TriggerPointMap("History")
    neck = add_spot(tpm, "back", 560, 170, "right").spot.id
    hip = add_spot(tpm, "back", 440, 470, "left").spot.id
    add_spot(tpm, "front", 450, 300, "right")  # never checked in: no series
    for day in range(days):
        check_in(tpm, {neck: max(0, 8 - day), hip: 3 + day % 2}, at=DAY0 + timedelta(days=day))
    return tpm


def _colour_pixels(image: QImage, colour: str) -> int:
    """How many of every other pixel, across and down, are within 30 of ``colour`` in each
    of red, green and blue."""
    target = QColor(colour)
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)  # bytes R, G, B, A
    width, height = rgba.width(), rgba.height()
    rows = np.frombuffer(rgba.constBits(), np.uint8).reshape(height, rgba.bytesPerLine())
    pixels = rows[::2, : 4 * width].reshape(-1, width, 4)[:, ::2, :3].astype(int)
    near = np.abs(pixels - (target.red(), target.green(), target.blue())) < 30
    return int(near.all(axis=2).sum())


def test_one_series_per_spot_with_readings_labelled_by_number_and_region(qtbot):
    tpm = _map_with_history()
    plot = HistoryPlot(tpm, lambda spot: f"region of {spot.side}")
    qtbot.addWidget(plot)
    assert [s.label for s in plot.series] == ["1 · region of right", "2 · region of left"]
    assert [len(s.times) for s in plot.series] == [7, 7]
    assert plot.series[0].values[-1] == 2


def test_the_chart_follows_check_ins_and_deleted_spots(qtbot):
    tpm = _map_with_history(3)
    dialog = HistoryDialog(tpm, lambda spot: "")
    qtbot.addWidget(dialog)
    check_in(tpm)
    assert [len(s.times) for s in dialog.plot.series] == [4, 4, 1]
    remove_spot(tpm, tpm.spots[0].id)
    assert len(dialog.plot.series) == 2
    dialog.reject()
    check_in(tpm)  # no longer following once closed
    assert [len(s.times) for s in dialog.plot.series] == [4, 1]


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


def test_date_ticks_fall_on_midnights_or_whole_hours_and_name_the_year():
    start = datetime(2026, 3, 2, 7, 30).timestamp()
    ticks = time_ticks(start, start + 20 * 86400, max_ticks=8)
    assert 2 <= len(ticks) <= 8
    moments = [datetime.fromtimestamp(t.at) for t in ticks]
    assert all(m.hour == 0 and m.minute == 0 for m in moments)
    assert ticks[0].context == "2026"  # the year is on the axis
    hourly = time_ticks(start, start + 10 * 3600, max_ticks=6)
    assert 2 <= len(hourly) <= 6 and all(datetime.fromtimestamp(t.at).minute == 0 for t in hourly)
    assert "2026" in hourly[0].context


def test_ticks_stay_few_from_a_day_to_ten_years():
    start = datetime(2016, 1, 4).timestamp()
    for days in (1, 7, 31, 365, 3653):
        ticks = time_ticks(start, start + days * 86400, max_ticks=10)
        assert 2 <= len(ticks) <= 10, days
    decade = time_ticks(start, start + 3653 * 86400, max_ticks=10)
    assert all(datetime.fromtimestamp(t.at).timetuple()[1:3] == (1, 1) for t in decade)


def test_decimation_keeps_at_most_four_points_a_column_and_the_extremes():
    times = np.arange(100_000, dtype=float)
    values = np.zeros(100_000)
    values[51_234] = 10.0
    t, v = decimate(times, values, 0.0, 100_000.0, 200)
    assert len(t) <= 4 * 200 + 2
    assert v.max() == 10.0
    few_t, _few_v = decimate(times[:50], values[:50], 0.0, 50.0, 200)
    assert len(few_t) == 50


def test_the_table_reads_missing_readings_as_gaps():
    tpm = _map_with_history(3)
    third = tpm.spots[2].id
    check_in(tpm, {third: 4}, at=DAY0 + timedelta(days=5))
    table = HistoryTable.from_map(tpm)
    _times, values = table.readings(third)
    assert list(values) == [4.0]
    assert len(table.readings(tpm.spots[0].id)[0]) == 3


def _many_spots(count: int) -> TriggerPointMap:
    tpm = TriggerPointMap("Many")
    ids = [add_spot(tpm, "back", 420 + i * 2, 300, "left").spot.id for i in range(count)]
    for day in range(3):
        check_in(
            tpm,
            {spot_id: (day + i) % 11 for i, spot_id in enumerate(ids)},
            at=DAY0 + timedelta(days=day),
        )
    return tpm


def test_the_legend_holds_every_spot_and_its_ticks_toggle_the_lines(qtbot):
    tpm = _many_spots(30)
    dialog = HistoryDialog(tpm, lambda spot: "")
    qtbot.addWidget(dialog)
    legend, plot = dialog.legend, dialog.plot
    assert legend.list.count() == 30
    assert len(plot.visible) == DEFAULT_VISIBLE
    last = legend.list.item(29)
    last.setCheckState(Qt.CheckState.Checked)
    assert tpm.spots[29].id in plot.visible
    last.setCheckState(Qt.CheckState.Unchecked)
    assert tpm.spots[29].id not in plot.visible
    legend.search.setText("Spot 2")
    shown = [  # the label, without "(same readings as …)": these spots repeat readings
        legend.list.item(r).text().split(" (same readings")[0]
        for r in range(30)
        if not legend.list.item(r).isHidden()
    ]
    assert "Spot 2" in shown and "Spot 21" in shown and "Spot 3" not in shown
    legend._tick_all(True)
    assert len(plot.visible) == DEFAULT_VISIBLE + len(shown) - sum(
        1 for r in range(DEFAULT_VISIBLE) if not legend.list.item(r).isHidden()
    )
    legend.search.clear()
    legend._tick_all(False)
    assert plot.visible == frozenset()


def test_a_hostile_label_stays_plain_text_in_the_legend(qtbot):
    tpm = _map_with_history(2)
    dialog = HistoryDialog(tpm, lambda spot: "<b>bold</b>")
    qtbot.addWidget(dialog)
    assert dialog.legend.list.item(0).text() == "1 · <b>bold</b>"


def test_zoom_and_pan_change_the_span_and_home_shows_everything(qtbot):
    tpm = _map_with_history(30)
    plot = HistoryPlot(tpm)
    qtbot.addWidget(plot)
    plot.resize(800, 400)
    full = plot.span
    qtbot.keyClick(plot, Qt.Key.Key_Plus)
    start, end = plot.span
    assert end - start == pytest.approx((full[1] - full[0]) * 0.8)
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert plot.span[0] > start
    for _ in range(80):
        plot.zoom(0.5)
    assert plot.span[1] - plot.span[0] >= 6 * 3600  # a zoom stops at six hours
    qtbot.keyClick(plot, Qt.Key.Key_Home)
    assert plot.span == full


def _hover_on_reading(qtbot, tpm: TriggerPointMap, name: str, index: int):
    """A chart of ``tpm`` 800 × 400 with every spot called ``name``, and what hovering the
    first series' reading ``index`` shows (with the chart and that reading's point)."""
    plot = HistoryPlot(tpm, lambda spot: name)
    qtbot.addWidget(plot)
    plot.resize(800, 400)
    series = plot.series[0]
    frame = plot.frame()
    x, y = frame.x(float(series.times[index])), frame.y(float(series.values[index]))
    found = plot.hover_text(x, y)
    assert found is not None
    return plot, (x, y), found


def test_hover_names_the_series_date_and_value(qtbot):
    plot, _at, found = _hover_on_reading(qtbot, _map_with_history(5), "Neck", 2)
    series = plot.series[0]
    assert (
        "1 · Neck" in found[1] and "2026" in found[1] and f"{int(series.values[2])}/10" in found[1]
    )
    assert plot.hover_text(2, 2) is None


def test_notes_of_check_ins_show_on_hover(qtbot):
    tpm = _map_with_history(3)
    check_in(tpm, {tpm.spots[0].id: 2}, at=DAY0 + timedelta(days=4), note="after the long drive")
    plot = HistoryPlot(tpm)
    qtbot.addWidget(plot)
    plot.resize(800, 400)
    frame = plot.frame()
    found = plot.hover_text(frame.x((DAY0 + timedelta(days=4)).timestamp()), frame.plot.top() - 4)
    assert found is not None and "after the long drive" in found[1]


def test_check_ins_that_share_a_marker_show_every_note(qtbot):
    """Two noted check-ins minutes apart are one marker at any width the chart is read at;
    hovering it shows both notes, the earlier first (only one was shown)."""
    tpm = _map_with_history(3)
    at = DAY0 + timedelta(days=4)
    check_in(tpm, {tpm.spots[0].id: 2}, at=at, note="after a walk")
    check_in(tpm, {tpm.spots[0].id: 3}, at=at + timedelta(minutes=3), note="after a warm-up")
    plot = HistoryPlot(tpm)
    qtbot.addWidget(plot)
    plot.resize(800, 400)
    frame = plot.frame()
    found = plot.hover_text(frame.x(at.timestamp()), frame.plot.top() - 4)
    assert found is not None
    words = found[1]
    assert "after a walk" in words and "after a warm-up" in words
    assert words.index("after a walk") < words.index("after a warm-up")


def _run_cli(args, capsys):
    from bodymap.cli import main

    status = main(args)
    return status, capsys.readouterr()


def test_bodymap_history_draws_a_png_and_leaves_the_map_untouched(qtbot, tmp_path, capsys):
    from bodymap.maps import save_map

    source = tmp_path / "m.bodymap"
    save_map(_map_with_history(10), source)
    before = source.read_bytes()
    out = tmp_path / "h.png"
    status, streams = _run_cli(
        [
            "history",
            str(source),
            "-o",
            str(out),
            "--from",
            "2026-03-03",
            "--to",
            "2026-03-08",
            "--spots",
            "1",
        ],
        capsys,
    )
    assert status == 0, streams.err
    assert out.read_bytes().startswith(b"\x89PNG")
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--from", "2020-01-01", "--to", "2020-02-01"], "check-ins run from 2026-03-0"),
        (["--spots", "3"], "the chosen spots have no check-ins"),
        (["--from", "2026-03-03", "--to", "2026-03-04"], ""),
    ],
)
def test_bodymap_history_says_when_the_chart_has_no_point_to_draw(
    qtbot, tmp_path, capsys, extra, words
):
    """A period without a check-in of the chosen spots draws an empty chart: the command
    says so, with when the check-ins run, and still writes it; a period with one says
    nothing."""
    from bodymap.maps import save_map

    source = tmp_path / "m.bodymap"
    save_map(_map_with_history(3), source)
    out = tmp_path / "h.png"
    status, streams = _run_cli(["history", str(source), "-o", str(out), *extra], capsys)
    assert status == 0 and out.exists()
    if words:
        assert words in streams.err and streams.err.count("\n") == 1
    else:
        assert streams.err == ""


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--from", "soon"], "--from 'soon' is not a date"),
        (["--from", "2026-03-08", "--to", "2026-03-01"], "--to must come after --from"),
        (["--spots", "7"], "no spot '7'"),
    ],
)
def test_bodymap_history_refuses_bad_options_in_one_line(tmp_path, capsys, extra, words):
    from bodymap.maps import save_map

    source = tmp_path / "m.bodymap"
    save_map(_map_with_history(3), source)
    before = source.read_bytes()
    out = tmp_path / "h.png"
    status, streams = _run_cli(["history", str(source), "-o", str(out), *extra], capsys)
    assert status == 1
    assert words in streams.err and streams.err.count("\n") == 1
    assert not out.exists() and source.read_bytes() == before


def test_the_history_picture_says_which_line_is_which_spot(qtbot, tmp_path):
    """`bodymap history` draws the window's chart; with no spot list beside it, the picture
    carries the map's name above the chart and a key below it: each line's colour and
    marker with its spot's label. Every date label stays whole inside the picture."""

    from bodymap.ui.history.series import series_colour
    from bodymap.ui.history.window import render_history

    tpm = _map_with_history(3)
    out = tmp_path / "history.png"
    render_history(tpm, out, size=(900, 450), describe=lambda spot: f"place of {spot.id}")
    image = QImage(str(out))
    assert image.width() == 900 and image.height() > 450
    plot = HistoryPlot(tpm, lambda spot: f"place of {spot.id}")
    key_top = image.height() - 40  # the key's row, under the chart
    for series in plot.series:
        colour = series_colour(series.index).rgb() & 0xFFFFFF
        found = any(
            image.pixel(x, y) & 0xFFFFFF == colour
            for x in range(0, 900, 1)
            for y in range(key_top, image.height(), 2)
        )
        assert found, series.label
    # the desk worker's chart has a date label at its right edge: it stays whole
    from bodymap.maps import load_map

    desk = load_map(Path(__file__).parents[1] / "assets" / "examples" / "desk_worker.bodymap")
    render_history(desk, out)
    image = QImage(str(out))
    background = image.pixel(image.width() - 1, 0)
    edge = {
        image.pixel(x, y)
        for x in range(image.width() - 3, image.width())
        for y in range(image.height() - 40)
    }
    assert edge == {background}


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_tab_goes_along_the_button_row_as_it_is_drawn(qtbot):
    """Show All Dates is drawn before Close: Tab reaches it first (keyboard walk)."""
    from PySide6.QtWidgets import QPushButton

    dialog = HistoryDialog(_map_with_history())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    buttons = {b.text(): b for b in dialog.findChildren(QPushButton)}
    everything, close = buttons["Show All Dates"], buttons["Close"]
    assert (
        everything.mapTo(dialog, everything.rect().topLeft()).x()
        < close.mapTo(dialog, close.rect().topLeft()).x()
    )
    after = everything.nextInFocusChain()
    while after.focusPolicy() == Qt.FocusPolicy.NoFocus and after is not dialog:
        after = after.nextInFocusChain()
    assert after is close


def test_a_series_with_exactly_another_ones_readings_says_so_in_its_label(qtbot) -> None:
    """A walk's finding: on the runner's map spot 2's line lies wholly under spot 4's, so
    it was ticked in the legend and nowhere to be seen. Its label says whose readings it
    shares (and so does the other's)."""
    from bodymap.maps import load_map

    runner = load_map(Path(__file__).parents[1] / "assets" / "examples" / "runner.bodymap")
    dialog = HistoryDialog(runner, lambda spot: "")
    qtbot.addWidget(dialog)
    labels = {s.index + 1: s.shown_label for s in dialog.plot.series}
    assert labels[2] == "Spot 2 (same readings as spot 4)", labels
    assert labels[4] == "Spot 4 (same readings as spot 2)", labels
    assert not any("same readings" in labels[n] for n in labels if n not in (2, 4)), labels
    items = [dialog.legend.list.item(r).text() for r in range(dialog.legend.list.count())]
    assert "Spot 2 (same readings as spot 4)" in items
    dialog.legend.search.setText("spot 4")  # finds spot 4, not spot 2 for naming it
    shown = [
        dialog.legend.list.item(r).text()
        for r in range(dialog.legend.list.count())
        if not dialog.legend.list.item(r).isHidden()
    ]
    assert shown == ["Spot 4 (same readings as spot 2)"], shown


def test_readings_of_two_spots_on_one_marker_name_both(qtbot):
    """Two spots checked in at the same values draw one line over the other: hovering a
    shared marker names both (it named one, and the hidden spot seemed to have no line)."""
    tpm = TriggerPointMap("Twins")
    left = add_spot(tpm, "back", 440, 170, "left").spot.id
    right = add_spot(tpm, "back", 560, 170, "right").spot.id
    other = add_spot(tpm, "back", 440, 470, "left").spot.id
    for day in range(4):
        check_in(tpm, {left: 5 - day, right: 5 - day, other: 8}, at=DAY0 + timedelta(days=day))
    plot, (x, _y), found = _hover_on_reading(qtbot, tpm, "Upper trapezius", 1)
    words = found[1]
    assert "1 · Upper trapezius: 4/10" in words and "2 · Upper trapezius: 4/10" in words
    assert words.count("2026") == 1  # one check-in: its date said once, above the readings
    assert "3 ·" not in words  # another spot's reading elsewhere on the chart
    assert words.index("1 ·") < words.index("2 ·")
    alone = plot.hover_text(x, plot.frame().y(8.0))
    assert alone is not None and "3 · Upper trapezius" in alone[1] and "1 ·" not in alone[1]


def test_readings_minutes_apart_on_one_marker_each_keep_their_date(qtbot):
    """Two check-ins three minutes apart, one spot each, at the same value share a marker
    at any width the chart is read at: each reading is named with its own time."""
    tpm = TriggerPointMap("Minutes apart")
    first = add_spot(tpm, "back", 440, 170, "left").spot.id
    second = add_spot(tpm, "back", 560, 170, "right").spot.id
    check_in(tpm, {first: 6}, at=DAY0)
    check_in(tpm, {second: 6}, at=DAY0 + timedelta(minutes=3))
    check_in(tpm, {first: 2, second: 3}, at=DAY0 + timedelta(days=5))
    _plot, _at, found = _hover_on_reading(qtbot, tpm, "Upper trapezius", 0)
    words = found[1]
    assert "1 · Upper trapezius\n" in words and "2 · Upper trapezius\n" in words
    assert words.count("6/10") == 2 and words.count("2026") == 2
