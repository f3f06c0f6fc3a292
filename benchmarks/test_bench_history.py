"""The History window at ten years: 100 spots × 2 check-ins a day × 10 years (730,000
readings), against a small map for comparison.

``open`` is building the dialog (reading the map into numpy columns, the legend) and its
first paint; ``repaint`` is a paint the chart is asked for again without change (an
uncovered window, a hover), and ``redraw`` a paint after a change of span (zoom or pan),
which draws every visible series anew from its decimated points.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time

import pytest
from history_maps import long_map
from PySide6.QtGui import QImage, QPainter

from bodymap.ui.history.window import HistoryDialog

OPEN_MS = 200.0
REPAINT_MS = 30.0


@pytest.fixture(scope="module")
def ten_years():
    return long_map(100, 10, 2)


pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _open_and_paint(tpm):
    dialog = HistoryDialog(tpm)
    dialog.resize(1100, 600)
    dialog.show()
    dialog.plot.grab()
    return dialog


def _measure(tpm, qtbot, benchmark):
    started = time.perf_counter()
    dialog = _open_and_paint(tpm)
    opened = (time.perf_counter() - started) * 1000
    qtbot.addWidget(dialog)
    plot = dialog.plot
    benchmark(plot.grab)
    started = time.perf_counter()
    for _ in range(5):
        plot.zoom(0.9)
        plot.grab()
    redraw = (time.perf_counter() - started) * 1000 / 5
    plot.reset_zoom()
    started = time.perf_counter()
    dialog.legend._tick_all(True)
    image = QImage(plot.size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    plot.render_chart(painter)
    painter.end()
    every = (time.perf_counter() - started) * 1000
    benchmark.extra_info.update(open_ms=opened, redraw_ms=redraw, all_series_ms=every)
    print(
        f"\nopen + first paint {opened:.0f} ms, zoom redraw {redraw:.1f} ms, "
        f"all {len(plot.series)} series drawn {every:.0f} ms"
    )
    return opened


def test_bench_history_10y(benchmark, qtbot, ten_years) -> None:
    opened = _measure(ten_years, qtbot, benchmark)
    if benchmark.stats is not None:  # None under --benchmark-disable (the CI smoke run)
        assert opened <= OPEN_MS
        assert benchmark.stats.stats.median * 1000 <= REPAINT_MS


def test_bench_history_small(benchmark, qtbot) -> None:
    opened = _measure(long_map(10, 1, 1), qtbot, benchmark)
    if benchmark.stats is not None:
        assert opened <= OPEN_MS
