"""Every dialog's row of buttons: Tab takes them in the order they are drawn. A button
box orders Tab by when its buttons were made, not by where it draws them, so a row made
as "Close, then the action buttons" was walked backwards (keyboard walk)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton, QWidget

from bodymap.ui.window.mainwindow import MapWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

EXAMPLE = Path(__file__).resolve().parent.parent / "assets" / "examples" / "desk_worker.bodymap"


def _focus_order(top: QWidget, buttons: list[QPushButton]) -> list[QPushButton]:
    order: list[QPushButton] = []
    widget = top.nextInFocusChain()
    while widget is not top and len(order) < len(buttons):
        if widget in buttons:
            order.append(widget)
        widget = widget.nextInFocusChain()
    return order


def _open(window: MapWindow, which: str) -> QDialog:
    before = set(window.findChildren(QDialog))
    if which == "history":
        window.show_history()
    elif which == "heat map":
        window.show_heat_map()
    else:
        window.show_check_ins()
    QApplication.processEvents()
    (dialog,) = (d for d in window.findChildren(QDialog) if d not in before and d.isVisible())
    return dialog


@pytest.mark.parametrize("which", ["history", "heat map", "check-ins"])
def test_tab_walks_each_button_row_left_to_right(main_window, qtbot, which) -> None:
    window = main_window()
    assert window.document.open(EXAMPLE)
    dialog = _open(window, which)
    qtbot.waitExposed(dialog)
    for box in dialog.findChildren(QDialogButtonBox):
        shown = [b for b in box.findChildren(QPushButton) if b.isVisible()]
        assert len(shown) >= 2, which
        drawn = sorted(shown, key=lambda b: b.mapTo(dialog, b.rect().topLeft()).x())
        assert _focus_order(dialog, shown) == drawn, [b.text() for b in drawn]
        assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in shown)
    dialog.close()
