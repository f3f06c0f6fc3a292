"""Small things a person notices in the window: what a spot's tooltip on the diagram says,
where Tab goes, which file the recovery question means, and what a failed save's title
names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QSlider, QToolTip, QWidget

from bodymap.maps import RecoveryStore, TriggerPointMap, add_spot, save_map
from bodymap.ui.document import dialogs as document_dialogs

# offscreen Qt says these when a window with a dock, or a tooltip, is shown
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints", "support raise")

NECK_R = ("back", 560.0, 175.0)
"""A point on the right upper trapezius, seen from the back."""
LOW_BACK_R = ("back", 540.0, 430.0)


def shown(text: str) -> str:
    """What a tooltip shows for ``text`` (Qt guesses rich text in tooltips)."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText().replace("\u2028", "\n")


class Boxes:
    """The message boxes the document shows, kept instead of run; each answers Cancel."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.boxes: list[QMessageBox] = []
        monkeypatch.setattr(document_dialogs, "run_box", self._run)

    def _run(self, box: QMessageBox) -> int:
        self.boxes.append(box)
        return int(QMessageBox.StandardButton.Cancel.value)


def _click(qtbot, window, view: str, x: float, y: float) -> str:
    """Mark a spot with a click on the diagram; its id."""
    before = {s.id for s in window.document.map.spots}
    point = window.canvas.viewport_point(view, x, y)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    (added,) = [s.id for s in window.document.map.spots if s.id not in before]
    return added


def _hover_tooltip(qtbot, window, spot_id: str) -> str:
    """Point at a spot's marker as a person would and read the tooltip Qt shows."""
    item = window.canvas.spot_item(spot_id)
    assert item is not None
    viewport = window.canvas.viewport()
    pos = window.canvas.mapFromScene(item.scenePos())
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    )
    qtbot.waitUntil(QToolTip.isVisible)
    text = QToolTip.text()
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())
    return text


# -- the diagram's tooltip says what the spot list says --------------------------------------
def test_a_spots_tooltip_on_the_diagram_gives_its_kind_and_note_literally(
    qtbot, main_window
) -> None:
    window = main_window()
    spot_id = _click(qtbot, window, *NECK_R)
    note = "<b>x</b> after desk work & [*]"
    window.edit_spot(spot_id, {"intensity": 7, "kind": "burning", "note": note})

    tip = shown(_hover_tooltip(qtbot, window, spot_id))
    row = window.panel.spot_list.item(0)
    heading = row.text().split(" — 7/10")[0]  # "Spot 1 — Upper trapezius (right)"
    assert heading.startswith("Spot 1 — ")
    assert tip == f"{heading}, intensity 7/10\nBurning pain: {note}"
    assert shown(row.toolTip()) == f"Burning pain: {note}"  # the list says the same


def test_a_long_note_is_shortened_on_the_diagram_and_whole_in_the_list(qtbot, main_window) -> None:
    window = main_window()
    spot_id = _click(qtbot, window, *NECK_R)
    note = "worse after long days at the desk, " * 12 + "THE END"
    window.edit_spot(spot_id, {"note": note})

    first, second = shown(_hover_tooltip(qtbot, window, spot_id)).split("\n")
    intensity = window.document.map.spot_by_id(spot_id).intensity
    assert first.startswith("Spot 1 — ") and first.endswith(f", intensity {intensity}/10")
    assert second.startswith("Ache pain: worse after long days at the desk,")
    assert second.endswith("…") and "THE END" not in second
    assert len(second) < 160
    assert shown(window.panel.spot_list.item(0).toolTip()) == f"Ache pain: {note}"


def test_a_markers_tooltip_follows_its_new_number_after_a_delete(qtbot, main_window) -> None:
    window = main_window()
    first = _click(qtbot, window, *NECK_R)
    second = _click(qtbot, window, *LOW_BACK_R)
    assert shown(_hover_tooltip(qtbot, window, second)).startswith("Spot 2 — ")
    window.remove_spot(first)
    assert shown(_hover_tooltip(qtbot, window, second)).startswith("Spot 1 — ")

