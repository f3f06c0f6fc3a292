"""Small things a person notices in the window: what a spot's tooltip on the diagram says,
where Tab goes, which file the recovery question means, and what a failed save's title
names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QPalette, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QSlider,
    QToolTip,
    QWidget,
)

from bodymap.maps import RecoveryStore, TriggerPointMap, add_spot, safe_io, save_map
from bodymap.ui.document import dialogs as document_dialogs
from bodymap.ui.history.heatmap import HeatMapDialog

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
    QToolTip.hideText()  # hidden after a real 300 ms: hide its label now
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "qtooltip_label":
            widget.hide()
    assert not QToolTip.isVisible()
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


# -- Tab goes through the panel in reading order ---------------------------------------------
def _panel_widgets_in_reading_order(window) -> list[QWidget]:
    panel, editor = window.panel, window.panel.editor
    rows = [
        button
        for row in panel.press_box.rows
        for button in (row.show_button, *row.buttons.values())
    ]
    return [
        panel.length_box,
        panel.clinician_button,
        panel.spot_list,
        editor.intensity_slider,
        editor.intensity_box,
        editor.kind_box,
        editor.note_edit,
        panel.source_tree,
        *rows,
        panel.details,
    ]


def _tab_walk(window, start: QWidget, limit: int = 80) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back to it; the widgets met, each
    once (Tab on the diagram first walks its spots)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    met: list[QWidget] = [start]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        if focus is start:
            return met
        if focus is not met[-1]:
            met.append(focus)
    raise AssertionError(f"Tab never came back: {[type(w).__name__ for w in met]}")


def test_tab_walks_the_panel_in_reading_order_with_the_toolbar_outside_it(
    qtbot, main_window
) -> None:
    window = main_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _click(qtbot, window, *NECK_R)
    _click(qtbot, window, *LOW_BACK_R)
    assert len(window.panel.press_box.rows) >= 2  # rows made after the window was built
    brush = window.paint_bar.findChild(QSlider, "brushSize")

    met = _tab_walk(window, window.panel.length_box)
    expected = _panel_widgets_in_reading_order(window)
    in_panel = [w for w in met if window.panel.isAncestorOf(w)]
    assert in_panel == expected
    # the panel's controls are one run: nothing else comes between them
    first, last = met.index(expected[0]), met.index(expected[-1])
    assert met[first : last + 1] == expected
    # no stop that shows nothing: the sources list leads straight to the first press test
    assert window.panel.press_box.scroller not in met
    assert (
        met[met.index(window.panel.source_tree) + 1] is window.panel.press_box.rows[0].show_button
    )
    # the paint bar's slider comes after the panel, just before the diagram it sits beside
    assert brush in met and met.index(brush) > last
    assert met[met.index(brush) + 1] is window.canvas


def test_the_muscle_browser_made_later_keeps_the_toolbar_beside_the_diagram(
    qtbot, main_window
) -> None:
    window = main_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _click(qtbot, window, *NECK_R)
    window.show_muscles("upper_trapezius", "right")  # its controls are made now
    # under the advice panel, both shown
    window.splitDockWidget(window.dock, window.muscle_dock, Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: window.muscle_dock.browser.search.isVisible())
    assert window.panel.length_box.isVisible()
    brush = window.paint_bar.findChild(QSlider, "brushSize")

    met = _tab_walk(window, window.canvas)
    search = window.muscle_dock.browser.search
    assert met.index(window.panel.details) < met.index(search)  # the advice panel, then it
    assert met[-1] is brush  # and the slider last, just before the diagram again


# -- the recovery question names the file ----------------------------------------------------
def test_the_recovery_question_names_the_file_and_its_folder(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    window = main_window()
    folder = tmp_path / "maps"
    folder.mkdir()
    path = folder / "monday.bodymap"
    tpm = TriggerPointMap("Neck")
    add_spot(tpm, *NECK_R, "right", 6)
    save_map(tpm, path)
    crashed = RecoveryStore(tmp_path / "recovery", session_id="crashed")
    crashed.save_recovery(tpm, path)
    crashed.close()
    boxes = Boxes(monkeypatch)

    window.startup()
    (box,) = boxes.boxes
    assert box.text().startswith("Recover unsaved changes to monday.bodymap from ")
    assert f"The file is in {folder}." in box.informativeText()
    assert "The map in it is called Neck." in box.informativeText()


def test_the_recovery_question_for_a_map_never_saved_names_the_map(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    window = main_window()
    crashed = RecoveryStore(tmp_path / "recovery", session_id="crashed")
    crashed.save_recovery(TriggerPointMap("Neck"), None)
    crashed.close()
    boxes = Boxes(monkeypatch)

    window.startup()
    (box,) = boxes.boxes
    assert box.text().startswith("Recover unsaved changes to Neck from ")
    assert box.informativeText() == ""


# -- a failed save's title names the whole map ----------------------------------------------
def test_a_failed_save_names_a_map_with_a_slash_whole(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    window = main_window()
    name = "neck / shoulders"
    opened = tmp_path / "mine.bodymap"
    save_map(TriggerPointMap(name), opened)
    assert window.document.open(opened)
    _click(qtbot, window, *NECK_R)
    # the person types the map's name in the file chooser: a folder "neck " that is not there
    typed = tmp_path / f"{name}.bodymap"
    monkeypatch.setattr(window.document, "ask_save_path", lambda suggested: typed)
    boxes = Boxes(monkeypatch)

    window.acts.save_as.trigger()
    assert window.document.path == opened and window.document.is_modified()
    (box,) = boxes.boxes
    assert box.windowTitle() == f"Could not save {name}"
    assert str(typed) in box.text() and box.textFormat() == Qt.TextFormat.PlainText


def test_a_failed_export_is_titled_by_what_was_exported(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    window = main_window()
    _click(qtbot, window, *NECK_R)
    boxes = Boxes(monkeypatch)
    missing = tmp_path / "neck " / " shoulders.png"
    assert window.export("png", missing) is None
    assert window.guide("pdf", missing.with_suffix(".pdf")) is None
    assert [box.windowTitle() for box in boxes.boxes] == [
        "Could not export map as PNG",
        "Could not export guide as PDF",
    ]


def test_a_failed_summary_export_quotes_the_path_as_plain_text(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    window = main_window()
    _click(qtbot, window, *NECK_R)
    boxes = Boxes(monkeypatch)
    guessing: list[tuple[object, ...]] = []  # Qt's own boxes take text that looks like markup
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: guessing.append(args))
    missing = tmp_path / "<b>x</b>" / "summary.pdf"
    assert window.export_summary(missing) is None
    assert guessing == []
    (box,) = boxes.boxes
    assert box.windowTitle() == "Could not export summary as PDF"
    assert box.textFormat() == Qt.TextFormat.PlainText and str(missing) in box.text()


def test_export_summary_refuses_a_map_file_before_asking_to_replace_it(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    """File → Export Summary chooses its file as the other exports do: a map file is
    refused at once (the map stays whole) and the person chooses again."""
    window = main_window()
    _click(qtbot, window, *NECK_R)
    boxes = Boxes(monkeypatch)
    kept = tmp_path / "mine.bodymap"
    kept.write_text("{}", encoding="utf-8")
    names = iter([str(kept), str(tmp_path / "for the physio")])
    asked: list[tuple[object, ...]] = []

    def choose(*args: object, **_kw: object) -> tuple[str, str]:
        asked.append(args)
        return next(names), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    window.acts.export_summary.trigger()
    assert kept.read_text(encoding="utf-8") == "{}"
    (box,) = boxes.boxes  # the refusal, and no "replace it?" before it
    assert box.windowTitle() == "Could not export summary as PDF"
    assert "mine.bodymap is a map file" in box.text()
    assert len(asked) == 2 and str(asked[0][2]).endswith("summary.pdf")
    assert (tmp_path / "for the physio.pdf").read_bytes().startswith(b"%PDF")


# -- the heat map's picture is exported as the others are -------------------------------------
def _heat_map(qtbot, window):
    window.acts.heat_map.trigger()
    dialog = window.findChild(HeatMapDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _heat_map_of_a_neck_spot(qtbot, main_window, monkeypatch):
    """The heat map of a window with one neck spot, and the message boxes it shows."""
    window = main_window()
    _click(qtbot, window, *NECK_R)
    return _heat_map(qtbot, window), Boxes(monkeypatch)


def _export_button(dialog) -> QPushButton:
    (button,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "Export PNG…"]
    return button


def test_a_failed_heat_map_export_says_so_in_plain_text_and_leaves_no_file(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    dialog, boxes = _heat_map_of_a_neck_spot(qtbot, main_window, monkeypatch)
    missing = tmp_path / "<b>x</b>" / "heat.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(missing), ""))
    qtbot.mouseClick(_export_button(dialog), Qt.MouseButton.LeftButton)
    (box,) = boxes.boxes
    assert box.windowTitle() == "Could not export heat map as PNG"
    assert box.textFormat() == Qt.TextFormat.PlainText and str(missing) in box.text()

    # a write that fails at the last step leaves neither a piece of a picture nor a temp file
    boxes.boxes.clear()
    folder = tmp_path / "pictures"
    folder.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(folder / "heat.png"), "")
    )

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(safe_io.os, "replace", disk_full)
        qtbot.mouseClick(_export_button(dialog), Qt.MouseButton.LeftButton)
    (box,) = boxes.boxes
    assert "No space left on device" in box.text()
    assert list(folder.iterdir()) == []


def test_the_heat_map_export_never_writes_over_a_map(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    dialog, boxes = _heat_map_of_a_neck_spot(qtbot, main_window, monkeypatch)
    kept = tmp_path / "mine.bodymap"
    kept.write_text("{}", encoding="utf-8")
    names = iter([str(kept), str(tmp_path / "heat")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (next(names), ""))
    qtbot.mouseClick(_export_button(dialog), Qt.MouseButton.LeftButton)
    assert kept.read_text(encoding="utf-8") == "{}"
    (box,) = boxes.boxes
    assert "is a map file" in box.text()
    assert (tmp_path / "heat.png").read_bytes().startswith(b"\x89PNG")


def test_no_export_writes_through_a_link_into_a_map(
    qtbot, main_window, tmp_path: Path, monkeypatch
) -> None:
    """A picture's name that leads to a map, or a map saved under a picture's name, is a
    map file to the exports too, as to the command line."""
    dialog, boxes = _heat_map_of_a_neck_spot(qtbot, main_window, monkeypatch)
    kept = tmp_path / "mine.bodymap"
    kept.write_text('{"format": "bodymap-map"}', encoding="utf-8")
    link = tmp_path / "heat.png"
    link.symlink_to(kept)
    disguised = tmp_path / "other.png"
    disguised.write_text('{"format": "bodymap-map"}', encoding="utf-8")
    names = iter([str(link), str(disguised), str(tmp_path / "fine")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (next(names), ""))
    asked: list[str] = []  # "… already exists. Replace it?" must never be asked of a map

    def no(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(QMessageBox.StandardButton.No.value)

    monkeypatch.setattr(QMessageBox, "exec", no)
    qtbot.mouseClick(_export_button(dialog), Qt.MouseButton.LeftButton)
    assert asked == []
    assert kept.read_text(encoding="utf-8") == '{"format": "bodymap-map"}'
    assert disguised.read_text(encoding="utf-8") == '{"format": "bodymap-map"}'
    assert [("is a map file" in box.text()) for box in boxes.boxes] == [True, True]
    assert (tmp_path / "fine.png").read_bytes().startswith(b"\x89PNG")


def test_the_diagram_and_the_routine_text_show_a_focus_ring_when_tabbed_to(
    qtbot, main_window
) -> None:
    """Fusion draws no focus frame round the diagram or the routine's text: a keyboard
    user Tabbing there could not tell where the keys would go. The keyboard shows a ring;
    a click does not, and the ring goes with the focus."""
    from bodymap.ui.drawing.focus_ring import FocusRing

    window = main_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _click(qtbot, window, *NECK_R)
    for widget in (window.canvas, window.panel.details):
        (ring,) = widget.findChildren(FocusRing, options=Qt.FindChildOption.FindDirectChildrenOnly)
        window.panel.length_box.setFocus(Qt.FocusReason.TabFocusReason)
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        assert ring.isVisible() and ring.geometry() == widget.rect()
        window.panel.length_box.setFocus(Qt.FocusReason.TabFocusReason)
        assert not ring.isVisible()
        widget.setFocus(Qt.FocusReason.MouseFocusReason)
        assert not ring.isVisible()
    image = window.canvas.grab().toImage()
    window.panel.length_box.setFocus(Qt.FocusReason.TabFocusReason)
    window.canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)  # Escape from the panel
    ringed = window.canvas.grab().toImage()
    highlight = window.palette().color(QPalette.ColorRole.Highlight)
    assert ringed.pixelColor(0, ringed.height() // 2) == highlight
    assert image.pixelColor(0, image.height() // 2) != highlight
