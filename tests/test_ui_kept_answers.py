"""Through the real window, the panel's advice after every kind of edit equals the advice
worked out from nothing: the answers the advisor keeps between edits never go stale."""

from __future__ import annotations

import pytest
from cold import forget_kept_answers
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from bodymap.advisor import advise_map
from bodymap.atlas import load_atlas

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]
LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NO_MOD = Qt.KeyboardModifier.NoModifier


def _drag(canvas, view, points, button=LEFT) -> None:
    vp = canvas.viewport()
    QTest.mousePress(vp, button, NO_MOD, canvas.viewport_point(view, *points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(vp, canvas.viewport_point(view, x, y))
    QTest.mouseRelease(vp, button, NO_MOD, canvas.viewport_point(view, *points[-1]))


def _down(x: float, y0: float, y1: float, n: int = 10) -> list[tuple[float, float]]:
    return [(x, y0 + (y1 - y0) * k / n) for k in range(n + 1)]


def test_the_panel_never_shows_advice_left_over_from_before_an_edit(main_window) -> None:
    window = main_window()
    canvas, panel, stack = window.canvas, window.panel, window.document.undo_stack
    back = load_atlas()["back"].landmarks
    checked: list[str] = []

    def same_as_cold(step: str) -> None:
        if not window.document.map.spots:  # the panel shows how to start, no advice
            assert panel.advice is None, step
            checked.append(step)
            return
        assert panel.advice is not None, step
        shown = panel.advice.to_json()
        forget_kept_answers()
        fresh = advise_map(window.document.map, panel.length).to_json()
        assert shown == fresh, step
        checked.append(step)

    x, y = back["scapula_spine_root_r"]
    QTest.mouseClick(canvas.viewport(), LEFT, NO_MOD, canvas.viewport_point("back", x + 12, y + 8))
    same_as_cold("a point added")
    QTest.mouseClick(
        canvas.viewport(), LEFT, NO_MOD, canvas.viewport_point("back", *back["psis_l"])
    )
    same_as_cold("a second point added")
    canvas.set_tool("paint")
    _drag(canvas, "back", _down(546, 560, 680))
    same_as_cold("an area painted")
    _drag(canvas, "back", _down(548, 600, 700))
    same_as_cold("a stroke added to the area")
    _drag(canvas, "back", _down(546, 650, 700), button=RIGHT)
    same_as_cold("part of the area erased")
    panel.editor.intensity_box.setValue(9)
    same_as_cold("the area's intensity changed")
    canvas.set_tool("click")
    start = canvas.viewport_point("back", x + 12, y + 8)
    vp = canvas.viewport()
    QTest.mousePress(vp, LEFT, NO_MOD, start)
    for step in range(1, 6):
        QTest.mouseMove(vp, start + QPoint(0, 8 * step))
    QTest.mouseRelease(vp, LEFT, NO_MOD, start + QPoint(0, 40))
    same_as_cold("the first spot moved")
    for k in range(stack.count()):
        stack.undo()
        same_as_cold(f"undo {k + 1}")
    for k in range(stack.count()):
        stack.redo()
        same_as_cold(f"redo {k + 1}")
    assert len(window.document.map.spots) == 3
    assert any(spot.area is not None for spot in window.document.map.spots)
    assert len(checked) == 7 + 2 * stack.count()
