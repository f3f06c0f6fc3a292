"""Click on the canvas → the panel shows the answer, measured in the GUI (offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSplitter

from bodymap.atlas import load_atlas
from bodymap.maps import TriggerPointMap, add_spot, remove_spot, side_for
from bodymap.ui.canvas import BodyCanvas
from bodymap.ui.panel import AdvicePanel


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_bench_click_to_panel(benchmark, qtbot):
    """From a mouse press on the viewport to the panel updated (a click adds a spot; the
    window applies the request to the map, which notifies canvas and panel)."""
    tpm = TriggerPointMap("Bench")
    frame = QSplitter()
    canvas, panel = BodyCanvas(), AdvicePanel()
    frame.addWidget(canvas)
    frame.addWidget(panel)
    qtbot.addWidget(frame)
    for widget in (canvas, panel):
        widget.set_map(tpm)
    canvas.addRequested.connect(lambda v, x, y: add_spot(tpm, v, x, y, side_for(v, x)))
    canvas.spotSelected.connect(panel.select_spot)
    panel.spotSelected.connect(canvas.select_spot)
    panel.sourceSelected.connect(canvas.set_highlight)
    frame.resize(1400, 850)
    frame.show()
    qtbot.waitExposed(frame)
    x, y = load_atlas()["back"].landmarks["scapula_spine_root_r"]
    pos = canvas.viewport_point("back", x + 12, y + 8)
    add_spot(tpm, "front", 470, 260, "right")  # the map already holds a spot

    def click() -> None:
        QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)

    def reset() -> None:
        while len(tpm.spots) > 1:
            remove_spot(tpm, tpm.spots[-1].id)

    benchmark.pedantic(click, setup=reset, rounds=60, warmup_rounds=3)
    assert panel.spot_list.count() == 2
    assert panel.source_rows()
