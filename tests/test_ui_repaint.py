"""What the window repaints after a click or an edit is what a full repaint draws.

The panel updates only what changed (rows in place, an unchanged note left alone, the
advice dock's title bar skipped when only the panel below it repaints); a part it forgot
to repaint would show stale pixels. The offscreen screen keeps the window's backing store,
so its picture once the event loop has run is compared with the window drawn afresh.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow

from bodymap.atlas import load_atlas
from bodymap.ui.window.advice_dock import AdviceDock


def _shown_is_drawn(window: QMainWindow, passes: int = 10) -> bool:
    """Whether the window on screen comes to look as it does drawn afresh within a few
    passes of the event loop (item views lay out and repaint a pass or two later)."""
    for _ in range(passes):
        QApplication.processEvents()
        shown = window.screen().grabWindow(window.winId()).toImage()
        if shown == window.grab().toImage():
            return True
    return False


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_what_a_click_repaints_matches_a_full_repaint(main_window) -> None:
    window = main_window(1400, 900)
    x, y = load_atlas()["back"].landmarks["scapula_spine_root_r"]
    canvas, stack, panel = window.canvas, window.document.undo_stack, window.panel

    def click(dx: float, dy: float) -> None:
        at = canvas.viewport_point("back", x + dx, y + dy)
        QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=at)

    assert _shown_is_drawn(window)
    steps = [
        lambda: click(12, 8),  # a spot: the list grows, the editor shows it
        lambda: click(-40, 60),  # another
        stack.undo,  # a row goes
        lambda: panel.spot_list.setCurrentRow(0),  # another spot in the editor
        lambda: panel.editor.intensity_box.setValue(8),  # an edit: its row changes in place
        lambda: panel.select_source(1),
        stack.undo,
        stack.undo,  # no spot left: the empty page
        stack.redo,
    ]
    for number, step in enumerate(steps):
        step()
        assert _shown_is_drawn(window), f"stale pixels after step {number}"


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_advice_dock_looks_like_a_plain_dock(qtbot) -> None:
    """The advice dock skips drawing its title bar only when the title bar is not to be
    painted: drawn whole, and with only its title bar to repaint, it is a plain dock."""
    pictures = []
    for dock in (QDockWidget("Advice"), AdviceDock("Advice")):
        window = QMainWindow()
        qtbot.addWidget(window)
        dock.setWidget(QLabel("the panel"))
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.setCentralWidget(QLabel("the diagram"))
        window.resize(500, 300)
        window.show()
        qtbot.waitExposed(window)
        content = dock.widget()
        assert content is not None and content.geometry().top() > 0
        dock.update(0, 0, dock.width(), content.geometry().top())
        assert _shown_is_drawn(window)
        pictures.append(dock.grab().toImage())
    assert pictures[0] == pictures[1]
