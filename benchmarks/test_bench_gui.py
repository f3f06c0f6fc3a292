"""Click on the canvas → the panel shows the answer, measured in the real main window.

The press goes to the canvas viewport; the window turns the request into an undo command,
the map notifies canvas and panel, the panel asks the advisor once, and the pending paint
events are delivered, so one round is everything a user waits for after a click.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from test_bench_areas import _strokes as strokes

from bodymap.atlas import load_atlas
from bodymap.maps.area import Area
from bodymap.maps.fileformat import save_map
from bodymap.maps.model import TriggerPointMap
from bodymap.maps.verbs import add_spot, set_area
from bodymap.sides import side_for

FRAME_MS = 16.0


def _click_rounds(benchmark, window, view: str, x: float, y: float) -> None:
    """Click at (x, y) of ``view`` for 80 rounds, each undone before the next, and report
    the p95 and the click's CPU time beside the wall time."""
    stack = window.document.undo_stack
    canvas = window.canvas
    base = stack.index()
    pos = canvas.viewport_point(view, x, y)
    cpu: list[float] = []

    def click() -> None:
        start = time.process_time()
        QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        QApplication.processEvents()  # deliver the repaint of canvas and panel
        cpu.append(time.process_time() - start)

    def reset() -> None:
        while stack.index() > base:  # undo the previous round's spot, keep the map
            stack.undo()
        QApplication.processEvents()

    benchmark.pedantic(click, setup=reset, rounds=80, warmup_rounds=3)
    if benchmark.stats is not None:  # None under --benchmark-disable (the CI smoke run)
        data = sorted(benchmark.stats.stats.data)
        benchmark.extra_info["p95_ms"] = round(data[int(0.95 * len(data))] * 1e3, 3)
        # the CPU this process spent, which other programs on a busy machine do not inflate
        mine = sorted(cpu[-len(data) :])
        benchmark.extra_info["cpu_median_ms"] = round(mine[len(mine) // 2] * 1e3, 3)
        benchmark.extra_info["cpu_p95_ms"] = round(mine[int(0.95 * len(mine))] * 1e3, 3)
        benchmark.extra_info["frame_ms"] = FRAME_MS


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_bench_click_to_panel(benchmark, shown_window) -> None:
    window = shown_window
    front = load_atlas()["front"].landmarks
    window.add_spot("front", *front["nipple_r"])  # the map already holds a spot
    x, y = load_atlas()["back"].landmarks["scapula_spine_root_r"]
    _click_rounds(benchmark, window, "back", x + 12, y + 8)
    assert len(window.document.map.spots) == 2
    assert window.panel.spot_list.count() == 2
    assert window.panel.source_rows()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_bench_click_on_a_map_of_20_areas(benchmark, shown_window, tmp_path) -> None:
    """A click on a map of 20 painted areas: the areas' overlaps are kept, not cut again."""
    window = shown_window
    path = tmp_path / "areas.bodymap"
    save_map(_map_of_areas(20), path)
    assert window.document.open(path)
    x, y = load_atlas()["back"].landmarks["scapula_spine_root_r"]
    _click_rounds(benchmark, window, "back", x + 12, y + 8)
    assert len(window.document.map.spots) == 21
    assert window.panel.spot_list.count() == 21


def _map_of_areas(count: int) -> TriggerPointMap:
    """A map of ``count`` brush-like areas (those of the area benchmark), both views."""
    tpm = TriggerPointMap()
    for spot in strokes(count):
        on_view = shapely.intersection(spot.area, shapely.box(0, 0, 1000, 1000))
        op = add_spot(tpm, spot.view, spot.x, spot.y, side_for(spot.view, spot.x))
        set_area(tpm, op.spot.id, Area.from_geojson(shapely.geometry.mapping(on_view)))
    return tpm


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_bench_another_window(benchmark, shown_window) -> None:
    """A further main window (File → New Window, the screenshot command, each GUI test):
    made, shown at 1400 × 900 and painted, with one window of the program already open."""
    from bodymap.ui.window.mainwindow import MapWindow

    def another() -> None:
        window = MapWindow(remember=False)
        window.resize(1400, 900)
        window.show()
        QApplication.processEvents()
        window.grab()  # every widget painted, as for the screen's first frame
        window.close()
        window.deleteLater()
        QApplication.processEvents()

    benchmark.pedantic(another, rounds=20, warmup_rounds=2)
    assert shown_window.isVisible()
