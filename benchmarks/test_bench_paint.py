"""A brush stroke on the canvas: each of 200 mouse moves is drawn within a frame (16 ms).

Measured in the real main window with the Paint tool: one round is one mouse-move event on
the viewport plus the delivered repaint of the canvas, so the p95 is what a user sees
between moving the mouse and the stroke following it. The stroke's release (the area
computed once, the map changed, the advisor asked) is timed too, but not held to a frame.
"""

from __future__ import annotations

import math
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

FRAME_MS = 16.0
MOVES = 200


class _Paints(QObject):
    """Counts the paint events a widget receives (the stroke must really be drawn)."""

    count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_bench_paint_stroke(benchmark, shown_window) -> None:
    window = shown_window
    QApplication.processEvents()
    canvas = window.canvas
    canvas.set_tool("paint")
    vp = canvas.viewport()
    paints = _Paints()
    vp.installEventFilter(paints)
    # a wavy stroke down the back of the right thigh and calf
    points = [
        canvas.viewport_point("back", 545 + 10 * math.sin(k / 9), 560 + k * 1.6)
        for k in range(MOVES + 1)
    ]
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    times: list[float] = []

    def stroke() -> None:  # every mouse-move event of the stroke, each one drawn
        for point in points[1:]:
            start = time.perf_counter()
            QTest.mouseMove(vp, point)
            vp.repaint()  # draw now: the stroke is on screen when the move ends
            times.append(time.perf_counter() - start)

    benchmark.pedantic(stroke, rounds=1, iterations=1)
    assert sum(map(len, canvas.brush._runs)) > MOVES // 2  # the moves reached the brush
    assert paints.count >= MOVES  # and each was drawn
    start = time.perf_counter()
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])
    QApplication.processEvents()
    release_ms = (time.perf_counter() - start) * 1e3
    times.sort()
    p95_ms = times[int(0.95 * len(times))] * 1e3
    print(f"paint stroke: p95 {p95_ms:.2f} ms per move, median "
          f"{times[len(times) // 2] * 1e3:.2f} ms, release {release_ms:.1f} ms")  # fmt: skip
    benchmark.extra_info.update(p95_ms=round(p95_ms, 3), release_ms=round(release_ms, 1))
    if benchmark.stats is not None:  # None under --benchmark-disable (the CI smoke run)
        assert p95_ms <= FRAME_MS
