"""The real main window: clicks on the real canvas, the real panel, menus and shortcuts,
the unsaved-changes prompt, crash recovery, check-in, remembered state and exports.

Every dialog is answered by the test through the window's and document's ``ask_*`` /
``show_*`` methods; mouse events go to ``canvas.viewport()``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QColor, QImage, QMouseEvent
from PySide6.QtWidgets import QMessageBox

from bodymap.maps import TriggerPointMap, load_map, save_map
from bodymap.ui.canvas.hit_text import describe_hit
from bodymap.ui.document.document import MapDocument
from bodymap.ui.window.mainwindow import HINT, PANEL_WIDTH, MapWindow

NECK_R = ("back", 560.0, 175.0)  # back view: x > 500 is the person's right
LOW_BACK = ("back", 470.0, 395.0)

# Qt's offscreen platform says this whenever a main window with a dock is shown.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(private_settings: Path) -> Path:
    return private_settings


class Dialogs:
    """Scripted answers for every question a window and its document may ask."""

    def __init__(self, window: MapWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.discard = "discard"
        self.open_path: Path | None = None
        self.save_path: Path | None = None
        self.export_path: Path | None = None
        self.check_in: dict[str, int] | None = None
        self.recover = True
        self.overwrite = "cancel"
        self.overwrites: list[tuple[Path, bool]] = []
        self.open_previous = False
        self.open_twice = True
        self.attach(window, monkeypatch)

    def attach(self, window: MapWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        doc, m = window.document, monkeypatch
        m.setattr(doc, "ask_discard", lambda name: self._ask("discard", self.discard))
        m.setattr(doc, "ask_open_path", lambda: self._ask("open", self.open_path))
        m.setattr(doc, "ask_save_path", lambda s: self._ask("save", self.save_path))
        m.setattr(doc, "ask_recover", lambda entry: self._ask("recover", self.recover))
        m.setattr(doc, "ask_revert", lambda name: self._ask("revert", True))
        m.setattr(doc, "ask_overwrite", self._ask_overwrite)
        m.setattr(doc, "ask_open_previous", self._ask_open_previous)
        m.setattr(doc, "ask_open_twice", lambda path: self._ask("twice", self.open_twice))
        m.setattr(doc, "show_error", lambda title, text: self.errors.append((title, text)))
        m.setattr(doc, "show_info", lambda title, text: self.errors.append((title, text)))
        m.setattr(window, "ask_export_path", lambda kind: self._ask("export", self.export_path))
        m.setattr(window, "ask_check_in", lambda tpm: self._ask("check_in", self.check_in))
        m.setattr(window, "show_safety_note", lambda: self.asked.append("safety"))

    def _ask_open_previous(self, path: Path, problem: str, saved) -> bool:
        self.errors.append((f"Could not open {path.name}", problem))
        return self._ask("previous", self.open_previous)

    def _ask_overwrite(self, path: Path, gone: bool) -> str:
        self.overwrites.append((path, gone))
        return self._ask("overwrite", self.overwrite)

    def _ask(self, kind: str, answer):
        self.asked.append(kind)
        return answer


def answered_boxes(monkeypatch: pytest.MonkeyPatch, answer: object) -> list[QMessageBox]:
    """The document's message boxes, kept for the test to read, each answered ``answer``
    (a standard button) instead of waiting for a person."""
    from bodymap.ui.document import dialogs as document_dialogs

    boxes: list[QMessageBox] = []

    def run(box: QMessageBox) -> int:
        boxes.append(box)
        return int(answer.value)  # type: ignore[attr-defined]

    monkeypatch.setattr(document_dialogs, "run_box", run)
    return boxes


def make_window(
    qtbot, tmp_path: Path, monkeypatch, track: bool = True, **document_options: int
) -> tuple[MapWindow, Dialogs]:
    document = MapDocument(recovery_dir=tmp_path / "recovery", **document_options)
    window = MapWindow(document)
    dialogs = Dialogs(window, monkeypatch)
    if track:
        qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, dialogs


@pytest.fixture
def win(qtbot, tmp_path, monkeypatch) -> tuple[MapWindow, Dialogs]:
    return make_window(qtbot, tmp_path, monkeypatch)


def click(qtbot, window: MapWindow, where: tuple[str, float, float]) -> None:
    point = window.canvas.viewport_point(*where)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)


def add(qtbot, window: MapWindow, where=NECK_R) -> str:
    before = len(window.document.map.spots)
    click(qtbot, window, where)
    assert len(window.document.map.spots) == before + 1
    return window.document.map.spots[-1].id


def trigger(window: MapWindow, name: str) -> None:
    getattr(window.acts, name).trigger()


# -- locate and edit ---------------------------------------------------------------------
def test_click_adds_a_spot_and_the_panel_shows_its_sources(qtbot, win):
    window, _ = win
    assert not window.isWindowModified()
    spot_id = add(qtbot, window)
    spot = window.document.map.spot_by_id(spot_id)
    assert (spot.view, spot.side) == ("back", "right")
    assert spot.x == pytest.approx(NECK_R[1], abs=3) and spot.y == pytest.approx(175, abs=3)
    sources = window.panel.source_rows()
    assert ("upper_trapezius", "right") in sources[:5]
    assert window.selected_spot == spot_id == window.canvas.selected_spot
    assert window.panel.selected_spot == spot_id
    assert window.isWindowModified()
    assert window.windowTitle() == "Untitled map[*] — bodymap"
    assert window.acts.undo.text() == "&Undo Add spot 1"


def test_choosing_a_source_highlights_it_on_the_diagram(qtbot, win):
    window, _ = win
    add(qtbot, window)
    assert window.select_source(0) == window.panel.source_rows()[0]
    assert window.canvas.highlight == window.panel.source_rows()[0]
    window.panel.sourceSelected.emit("levator_scapulae", "right")
    assert window.canvas.highlight == ("levator_scapulae", "right")


def test_a_drag_is_one_undo_step(qtbot, win):
    window, _ = win
    spot_id = add(qtbot, window, LOW_BACK)
    viewport = window.canvas.viewport()
    start = window.canvas.viewport_point(*LOW_BACK)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 9):
        qtbot.mouseMove(viewport, start + QPoint(0, 3 * step))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 24))
    stack = window.document.undo_stack
    assert stack.count() == 2 and stack.undoText() == "Move spot 1"
    moved = window.document.map.spot_by_id(spot_id)
    assert moved.y > LOW_BACK[2] + 5
    # the status line names where the spot went, not where the drag began
    where = describe_hit(window.atlas["back"].locate(moved.x, moved.y))
    assert window.hover_label.text() == f"Moved spot 1: {where}"
    trigger(window, "undo")
    assert window.document.map.spot_by_id(spot_id).y == pytest.approx(LOW_BACK[2], abs=3)


def test_undo_redo_and_delete_by_keyboard(qtbot, win):
    window, _ = win
    first = add(qtbot, window)
    add(qtbot, window, LOW_BACK)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.id for s in window.document.map.spots] == [first]
    qtbot.keyClick(
        window.canvas,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(window.document.map.spots) == 2
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(window.document.map.spots) == 2
    window.select_spot(first)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    assert [s.id for s in window.document.map.spots] != [] and not window.document.map.has_spot(
        first
    )
    assert window.document.undo_stack.undoText() == "Delete spot 1"
    assert window.selected_spot == ""
    assert not window.acts.delete_spot.isEnabled()


def test_the_status_line_says_what_undo_and_redo_took_back(qtbot, win):
    """A note or a check-in undone changes nothing on the diagram: the status line says it."""
    window, _ = win
    add(qtbot, window)
    window.canvas.setFocus()
    what = window.document.undo_stack.undoText()
    assert what
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == f"Undone: {what}"
    qtbot.keyClick(window.canvas, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == f"Redone: {what}"
    window.statusBar().clearMessage()
    trigger(window, "undo")
    trigger(window, "undo")  # nothing left to undo: nothing said
    assert window.statusBar().currentMessage() == f"Undone: {what}"


def test_undo_redo_and_delete_from_the_menus(qtbot, win):
    window, _ = win
    spot_id = add(qtbot, window)
    assert window.acts.delete_spot.isEnabled()
    trigger(window, "delete_spot")
    assert window.document.map.spots == ()
    trigger(window, "undo")
    assert window.document.map.has_spot(spot_id)
    trigger(window, "redo")
    assert window.document.map.spots == ()
    trigger(window, "undo")
    trigger(window, "undo")
    assert window.document.map.spots == () and not window.isWindowModified()


def test_edit_spot_focuses_the_editor_and_edits_are_undoable(qtbot, win):
    window, _ = win
    spot_id = add(qtbot, window)
    window.select_spot("")
    window.canvas.editRequested.emit(spot_id)
    assert window.selected_spot == spot_id
    assert window.panel.editor.spot_id == spot_id
    qtbot.waitUntil(lambda: window.panel.editor.intensity_box.hasFocus())
    window.panel.editor.intensity_box.setValue(8)
    assert window.document.map.spot_by_id(spot_id).intensity == 8
    assert window.document.undo_stack.undoText() == "Set spot 1's intensity to 8"
    trigger(window, "undo")
    assert window.document.map.spot_by_id(spot_id).intensity == 5


def test_keyboard_enter_edits_and_ctrl_k_checks_in(qtbot, win):
    window, dialogs = win
    spot_id = add(qtbot, window)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    box = window.panel.editor.intensity_box
    qtbot.waitUntil(box.hasFocus)
    assert window.panel.editor.spot_id == spot_id
    qtbot.keyClicks(box, "8")  # the value is selected: a typed number replaces it
    assert box.text().startswith("8"), box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == 8
    assert window.document.map.spot_by_id(spot_id).intensity == 8
    window.canvas.setFocus()
    dialogs.check_in = {spot_id: 2}
    qtbot.keyClick(window.canvas, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.asked[-1] == "check_in"
    assert window.document.map.trend(spot_id)[-1][1] == 2
    qtbot.keyClick(window.canvas, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.history_dialog is not None and len(window.history_dialog.plot.series) == 1


def test_selection_follows_between_panel_and_canvas(qtbot, win):
    window, _ = win
    first = add(qtbot, window)
    second = add(qtbot, window, LOW_BACK)
    assert window.canvas.selected_spot == second
    window.panel.spot_list.setCurrentRow(0)
    assert window.selected_spot == first == window.canvas.selected_spot
    qtbot.mouseClick(
        window.canvas.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.canvas.viewport_point(*LOW_BACK),
    )
    assert window.panel.selected_spot == second
    assert len(window.document.map.spots) == 2  # clicking a spot selects, never adds


def test_undoing_a_delete_keeps_one_selection_on_canvas_panel_and_menu(qtbot, win):
    window, _ = win
    first = add(qtbot, window)
    add(qtbot, window, LOW_BACK)
    window.select_spot(first)
    trigger(window, "delete_spot")
    trigger(window, "undo")
    assert window.document.map.has_spot(first)
    shown = window.panel.editor.spot_id
    assert shown == window.panel.selected_spot == window.selected_spot
    assert window.canvas.selected_spot == window.selected_spot
    assert window.acts.delete_spot.isEnabled() is bool(window.selected_spot)


def test_the_status_bar_names_the_region_under_the_pointer(qtbot, win):
    window, _ = win
    point = QPointF(window.canvas.viewport_point(*LOW_BACK))
    viewport = window.canvas.viewport()
    # The move is sent to the diagram itself: a real pointer move depends on where earlier
    # tests left the pointer and on which window the system thinks is under it.
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        point,
        QPointF(viewport.mapToGlobal(point.toPoint())),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QCoreApplication.sendEvent(viewport, move)
    qtbot.waitUntil(lambda: window.hover_label.text() != HINT)  # the hint shows until then
    assert "lumb" in window.hover_label.text().lower() or "back" in window.hover_label.text()


# -- files -------------------------------------------------------------------------------
def test_save_then_open_round_trip(qtbot, win, tmp_path):
    window, dialogs = win
    add(qtbot, window)
    add(qtbot, window, LOW_BACK)
    dialogs.save_path = tmp_path / "neck.bodymap"
    trigger(window, "save")
    assert not window.isWindowModified()
    assert len(load_map(tmp_path / "neck.bodymap").spots) == 2
    trigger(window, "new")
    assert window.document.map.spots == () and window.canvas.spot_items() == []
    dialogs.open_path = tmp_path / "neck.bodymap"
    trigger(window, "open")
    assert len(window.document.map.spots) == 2
    assert len(window.canvas.spot_items()) == 2
    assert window.panel.spot_list.count() == 2
    recent = window.menus["recent"].actions()
    assert recent and recent[0].text().endswith("neck.bodymap")
    # the file moved away: Open Recent says where it looked and takes it off the menu
    (tmp_path / "neck.bodymap").rename(tmp_path / "moved.bodymap")
    recent[0].trigger()
    title, text = dialogs.errors[-1]
    assert title == "Could not open neck.bodymap" and str(tmp_path) in text
    assert "taken off File → Open Recent" in text
    assert not any(a.text().endswith("neck.bodymap") for a in window.menus["recent"].actions())


@pytest.mark.parametrize("answer", ["cancel", "discard", "save"])
def test_closing_with_unsaved_changes_asks(qtbot, win, tmp_path, answer):
    window, dialogs = win
    add(qtbot, window)
    dialogs.discard = answer
    dialogs.save_path = tmp_path / "kept.bodymap"
    closed = window.close()
    assert dialogs.asked == ["discard", *(["save"] if answer == "save" else [])]
    assert closed is (answer != "cancel")
    assert window.isVisible() is (answer == "cancel")
    assert len(window.document.map.spots) == 1
    assert (tmp_path / "kept.bodymap").exists() is (answer == "save")


def type_note(qtbot, window: MapWindow, text: str) -> None:
    """Type into the selected spot's note; the editor has not committed it yet."""
    note = window.panel.editor.note_edit
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    qtbot.keyClicks(note, text)
    assert window.panel.editor._note_timer.isActive()


def test_a_note_still_being_typed_is_not_lost_by_new(qtbot, win):
    window, dialogs = win
    spot_id = add(qtbot, window)
    window.document.undo_stack.setClean()  # as if just saved: only the note is unsaved
    type_note(qtbot, window, "worse after sitting")
    dialogs.discard = "cancel"
    trigger(window, "new")
    assert dialogs.asked == ["discard"]
    assert window.document.map.spot_by_id(spot_id).note == "worse after sitting"
    assert window.isWindowModified()


def test_a_note_still_being_typed_is_saved_by_save(qtbot, win, tmp_path):
    window, dialogs = win
    add(qtbot, window)
    dialogs.save_path = tmp_path / "noted.bodymap"
    type_note(qtbot, window, "sharp on turning")
    trigger(window, "save")
    assert load_map(tmp_path / "noted.bodymap").spots[0].note == "sharp on turning"
    assert not window.isWindowModified()
    assert not window.panel.editor._note_timer.isActive()


def test_an_intensity_still_being_typed_is_saved_by_save(qtbot, win, tmp_path):
    window, dialogs = win
    add(qtbot, window)
    box = window.panel.editor.intensity_box
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.selectAll()
    qtbot.keyClicks(box, "8")  # no Enter yet
    dialogs.save_path = tmp_path / "typed.bodymap"
    trigger(window, "save")
    assert load_map(tmp_path / "typed.bodymap").spots[0].intensity == 8
    assert not window.isWindowModified()


def test_a_note_still_being_typed_is_in_the_csv_export(qtbot, win, tmp_path):
    window, dialogs = win
    add(qtbot, window)
    type_note(qtbot, window, "burns at night")
    dialogs.export_path = tmp_path / "spots.csv"
    trigger(window, "export_csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "spots.csv").read_text("utf-8"))))
    assert rows[0]["note"] == "burns at night"


@pytest.mark.parametrize("answer", ["cancel", "discard", "save"])
def test_opening_over_unsaved_changes_asks(qtbot, win, tmp_path, answer):
    window, dialogs = win
    other = tmp_path / "other.bodymap"
    save_map(TriggerPointMap("Other"), other)
    spot_id = add(qtbot, window)
    dialogs.discard, dialogs.open_path = answer, other
    dialogs.save_path = tmp_path / "first.bodymap"
    trigger(window, "open")
    if answer == "cancel":
        assert window.document.map.has_spot(spot_id) and window.isWindowModified()
        assert "open" not in dialogs.asked
    else:
        assert window.document.map.name == "Other" and not window.isWindowModified()
        assert window.windowTitle() == "Other[*] — bodymap"
    assert (tmp_path / "first.bodymap").exists() is (answer == "save")


def test_a_corrupt_file_shows_an_error_and_is_not_touched(qtbot, win, tmp_path):
    window, dialogs = win
    spot_id = add(qtbot, window)
    bad = tmp_path / "bad.bodymap"
    payload = b"\x00\x01 not a map at all"
    bad.write_bytes(payload)
    dialogs.open_path = bad
    trigger(window, "open")
    assert len(dialogs.errors) == 1 and "bad.bodymap" in dialogs.errors[0][0]
    assert bad.read_bytes() == payload
    assert window.document.map.has_spot(spot_id) and window.isWindowModified()


def test_open_example_from_the_menu(qtbot, win):
    window, _ = win
    examples = window.menus["examples"].actions()
    assert [a.text() for a in examples] == ["Desk worker", "Runner"]
    examples[0].trigger()
    assert window.document.map.name == "Desk worker"
    assert len(window.canvas.spot_items()) == len(window.document.map.spots) > 0
    assert window.windowTitle() == "Desk worker[*] — bodymap"


def test_the_status_line_forgets_a_spot_that_undo_or_another_map_took_away(qtbot, win):
    window, _ = win
    add(qtbot, window)
    assert window.hover_label.text().startswith("Added spot 1")
    trigger(window, "undo")
    assert window.hover_label.text() == HINT
    add(qtbot, window)
    window.menus["examples"].actions()[1].trigger()
    assert window.hover_label.text() == HINT


def test_recovery_after_a_crash(qtbot, tmp_path, monkeypatch):
    crashed, _ = make_window(qtbot, tmp_path, monkeypatch, track=False)
    add(qtbot, crashed)
    add(qtbot, crashed, LOW_BACK)
    expected = crashed.document.map.spots
    crashed.document._edit_timer.setInterval(1)
    with qtbot.waitSignal(crashed.document.autosaved):
        add(qtbot, crashed, ("front", 450.0, 300.0))
    expected = crashed.document.map.spots
    assert len(expected) == 3
    # the process dies: no closeEvent, no clean close; the OS lets go of its lock
    crashed.document._autosave_timer.stop()
    crashed.document.recovery.close()
    crashed.document.undo_stack.blockSignals(True)
    crashed.hide()
    with qtbot.waitSignal(crashed.destroyed):
        crashed.deleteLater()
    assert len(list((tmp_path / "recovery").glob("*.bodymap-recovery"))) == 1

    fresh, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    fresh.startup()
    assert "recover" in dialogs.asked
    assert fresh.document.map.spots == expected
    assert fresh.isWindowModified()
    assert len(fresh.canvas.spot_items()) == 3 and fresh.panel.spot_list.count() == 3


# -- check-in and history ----------------------------------------------------------------
def test_check_in_is_one_undo_step_and_the_history_shows_each_spot(qtbot, win, tmp_path):
    window, dialogs = win
    first = add(qtbot, window)
    second = add(qtbot, window, LOW_BACK)
    for values in ({first: 6, second: 4}, {first: 3, second: 4}):
        dialogs.check_in = values
        trigger(window, "check_in")
    tpm = window.document.map
    assert len(tpm.history) == 2
    assert tpm.spot_by_id(first).intensity == 3  # today's value becomes the spot's
    assert window.document.undo_stack.undoText() == "Check in"
    trigger(window, "undo")
    assert len(tpm.history) == 1 and tpm.spot_by_id(first).intensity == 6
    trigger(window, "redo")

    trigger(window, "history")
    dialog = window.history_dialog
    assert dialog is not None and dialog.isVisible()
    assert len(dialog.plot.series) == 2
    assert dialog.plot.series[0].label.startswith("1 · Upper trapezius")
    picture = tmp_path / "history.png"
    dialog.grab().save(str(picture))
    image = QImage(str(picture))
    assert image.width() >= 480 and image.height() >= 300


def test_history_opened_again_is_still_closed_when_another_map_opens(qtbot, win):
    window, _ = win
    add(qtbot, window)
    trigger(window, "history")
    first = window.history_dialog
    assert first is not None
    deleted: list[bool] = []
    first.destroyed.connect(lambda: deleted.append(True))
    trigger(window, "history")  # the old chart closes, and is deleted later
    qtbot.waitUntil(lambda: deleted == [True])
    second = window.history_dialog
    assert second is not None and second is not first and second.isVisible()
    trigger(window, "new")
    assert not second.isVisible()  # no chart of the map that is gone stays open


def test_cancelled_check_in_changes_nothing(qtbot, win):
    window, dialogs = win
    add(qtbot, window)
    dialogs.check_in = None
    trigger(window, "check_in")
    assert window.document.map.history == ()
    assert window.document.undo_stack.count() == 1


# -- remembered between sessions ---------------------------------------------------------
def test_window_geometry_and_dock_are_remembered(qtbot, tmp_path, monkeypatch):
    first, _ = make_window(qtbot, tmp_path, monkeypatch)
    assert first.dock.width() == pytest.approx(PANEL_WIDTH, abs=40)
    assert first.canvas.width() > 2 * first.dock.width()
    first.resize(780, 560)  # within the offscreen screen (800 × 600)
    first.resizeDocks([first.dock], [300], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: first.dock.width() == 300)
    assert first.close()

    second, _ = make_window(qtbot, tmp_path, monkeypatch)
    assert (second.width(), second.height()) == (780, 560)
    assert second.dock.width() == pytest.approx(300, abs=6)


def test_a_restored_window_has_no_hidden_tab_stops(qtbot, tmp_path, monkeypatch):
    """Once the muscle browser was opened, the next start restores the docks' tab bar
    (Advice | Muscles): neither it nor its scroll buttons may be a Tab stop, which a
    keyboard user met as two presses of Tab that showed nothing."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTabBar

    first, _ = make_window(qtbot, tmp_path, monkeypatch)
    first.show_muscles("upper_trapezius", "right")
    first.muscle_dock.close()
    assert first.close()

    second, _ = make_window(qtbot, tmp_path, monkeypatch)
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow)
    assert second.findChildren(QTabBar)  # the restored layout made its tab bar
    start = second.panel.length_box
    start.setFocus(Qt.FocusReason.TabFocusReason)
    met = []
    for _ in range(12):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        met.append(QApplication.focusWidget())
    for widget in met:
        assert not isinstance(widget, QTabBar) and not isinstance(widget.parent(), QTabBar)


def test_the_heights_of_the_panels_sections_are_remembered(qtbot, tmp_path, monkeypatch):
    first, _ = make_window(qtbot, tmp_path, monkeypatch)
    add(qtbot, first)  # the sections show once the map has a spot
    sections = first.panel.sections
    qtbot.waitUntil(lambda: sections.isVisible())
    spots, sources, details = sections.sizes()
    default = sources / details
    sections.setSizes([spots, sources + 80, details - 80])  # more room for the sources
    chosen = (sources + 80) / (details - 80)
    assert first.close()

    second, _ = make_window(qtbot, tmp_path, monkeypatch)
    add(qtbot, second)
    qtbot.waitUntil(lambda: second.panel.sections.isVisible())
    _spots, sources, details = second.panel.sections.sizes()
    # the window may come back at another height (the offscreen screen is small): the
    # sections keep their proportions
    assert sources / details == pytest.approx(chosen, rel=0.05)
    assert abs(sources / details - default) > 0.2


def test_layer_choices_are_remembered(qtbot, tmp_path, monkeypatch):
    first, _ = make_window(qtbot, tmp_path, monkeypatch)
    assert not first.acts.layers["deep"].isChecked()
    first.acts.layers["deep"].trigger()
    first.acts.layers["labels"].trigger()
    assert first.canvas.layer_visible("deep") and not first.canvas.layer_visible("labels")
    first.close()
    second, _ = make_window(qtbot, tmp_path, monkeypatch)
    assert second.acts.layers["deep"].isChecked()
    assert not second.acts.layers["labels"].isChecked()
    assert second.canvas.layer_visible("deep") and not second.canvas.layer_visible("labels")


def test_the_chosen_view_is_remembered(qtbot, tmp_path, monkeypatch):
    first, _ = make_window(qtbot, tmp_path, monkeypatch)
    assert first.canvas.views == ("front", "back") and first.acts.view_both.isChecked()
    first.acts.view_back.trigger()
    assert first.canvas.views == ("back",)
    first.close()
    second, _ = make_window(qtbot, tmp_path, monkeypatch)
    assert second.canvas.views == ("back",) and second.acts.view_back.isChecked()
    second.acts.view_both.trigger()
    second.close()
    third, _ = make_window(qtbot, tmp_path, monkeypatch)
    assert third.canvas.views == ("front", "back") and third.acts.view_both.isChecked()


def test_the_safety_note_is_shown_on_the_first_run_only(qtbot, tmp_path, monkeypatch):
    first, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    first.startup()
    assert dialogs.asked.count("safety") == 1
    first.close()
    second, again = make_window(qtbot, tmp_path, monkeypatch)
    second.startup()
    assert "safety" not in again.asked
    second.acts.safety.trigger()  # Help → Using bodymap safely… always shows it
    assert again.asked.count("safety") == 1


def test_view_menu_switches_views(qtbot, win):
    window, _ = win
    trigger(window, "view_back")
    assert window.canvas.views == ("back",)
    trigger(window, "view_both")
    assert window.canvas.views == ("front", "back")
    level = window.canvas.zoom_level()
    trigger(window, "zoom_in")
    assert window.canvas.zoom_level() > level
    trigger(window, "zoom_fit")
    assert window.canvas.zoom_level() == pytest.approx(level)


# -- exports -----------------------------------------------------------------------------
@pytest.mark.slow
def test_export_png_shows_both_diagrams_with_the_spots(qtbot, win, tmp_path):
    window, dialogs = win
    add(qtbot, window)
    dialogs.export_path = tmp_path / "map"
    trigger(window, "export_png")
    assert dialogs.errors == []
    image = QImage(str(tmp_path / "map.png"))
    assert not image.isNull() and image.width() > image.height() * 0.8
    left, right = (
        image.copy(0, 0, image.width() // 2, image.height()),
        image.copy(image.width() // 2, 0, image.width() // 2, image.height()),
    )
    for half in (left, right):  # a figure on each side: plenty of non-white pixels
        coloured = sum(
            half.pixelColor(x, y) != QColor("#ffffff")
            for y in range(0, half.height(), 8)
            for x in range(0, half.width(), 8)
        )
        assert coloured > 500


def test_export_csv_and_geojson_name_the_region_of_each_spot(qtbot, win, tmp_path):
    window, dialogs = win
    add(qtbot, window)
    add(qtbot, window, LOW_BACK)
    dialogs.export_path = tmp_path / "spots.csv"
    trigger(window, "export_csv")
    assert dialogs.errors == []
    text = (tmp_path / "spots.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["number"] for row in rows] == ["1", "2"]
    assert rows[0]["region"] == "Upper trapezius" and rows[0]["side"] == "right"
    assert rows[1]["region"]

    dialogs.export_path = tmp_path / "spots.geojson"
    trigger(window, "export_geojson")
    data = json.loads((tmp_path / "spots.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["region"] for f in data["features"]] == [row["region"] for row in rows]
    assert data["features"][0]["geometry"]["coordinates"] == pytest.approx(
        [float(rows[0]["x"]), float(rows[0]["y"])]
    )


@pytest.mark.slow
def test_export_guide_as_pdf(qtbot, win, tmp_path):
    window, dialogs = win
    add(qtbot, window)
    dialogs.export_path = tmp_path / "guide.pdf"
    trigger(window, "export_guide")
    assert (tmp_path / "guide.pdf").read_bytes().startswith(b"%PDF")
    assert dialogs.errors == []


def test_print_and_preview_hand_the_map_to_the_guide(qtbot, win, monkeypatch):
    import bodymap.ui.printing.guide as guide

    window, _ = win
    add(qtbot, window)
    calls = []
    monkeypatch.setattr(
        guide,
        "print_guide",
        lambda parent, tpm, length="standard", **_: calls.append(("print", tpm)),
    )
    monkeypatch.setattr(
        guide,
        "preview_guide",
        lambda parent, tpm, length="standard", **_: calls.append(("view", tpm)),
    )
    trigger(window, "print")
    trigger(window, "print_preview")
    assert calls == [("print", window.document.map), ("view", window.document.map)]


# -- starting the program ----------------------------------------------------------------
def test_run_gui_opens_the_map_and_returns_when_the_window_closes(qtbot, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from bodymap.resources import asset
    from bodymap.ui.app import run_gui

    notes: list[str] = []
    monkeypatch.setattr(MapWindow, "show_safety_note", lambda self: notes.append("note"))
    seen: list[tuple[str, str]] = []

    def close_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MapWindow) and widget.isVisible():
                seen.append((widget.document.map.name, widget.windowTitle()))
                widget.close()
        QApplication.quit()

    QTimer.singleShot(0, close_window)
    assert run_gui(str(asset("examples", "desk_worker.bodymap"))) == 0
    assert seen == [("Desk worker", "Desk worker[*] — bodymap")]
    assert notes == ["note"]  # the first run shows the safety note once the window is up


def test_screenshot_writes_the_window_with_advice(qtbot, tmp_path):
    from bodymap.resources import asset
    from bodymap.ui.app import screenshot

    with asset("examples", "runner.bodymap").open("rb") as source:
        (tmp_path / "runner.bodymap").write_bytes(source.read())
    out = screenshot(tmp_path / "shot.png", tmp_path / "runner.bodymap", size=(1200, 800))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    assert not list((tmp_path).glob("*.tmp"))


def test_view_shortcuts_switch_between_both_front_and_back(qtbot, win):
    window, _ = win
    window.canvas.setFocus()
    for key, views in (
        (Qt.Key.Key_2, ("front",)),
        (Qt.Key.Key_3, ("back",)),
        (Qt.Key.Key_1, ("front", "back")),
    ):
        qtbot.keyClick(window.canvas, key, Qt.KeyboardModifier.ControlModifier)
        assert window.canvas.views == views
    assert all(not k.isEmpty() for a in window.findChildren(QAction) for k in a.shortcuts())


def test_start_up_pauses_the_cycle_collector_until_the_event_loop_runs(qtbot):
    import gc

    from bodymap.ui.app import hold_collection

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        hold_collection()
        assert not gc.isenabled()
        qtbot.waitUntil(gc.isenabled)  # the first turn of the event loop turns it back on
        assert gc.get_freeze_count() > frozen  # what start-up made is left out of collections
    finally:
        gc.enable()
        gc.unfreeze()


def _mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def test_every_menu_gives_each_item_its_own_alt_letter(qtbot, win):
    """Alt+letter reaches one item in one press: no two items of a menu share a mnemonic
    (with two, Qt only moves the highlight between them)."""
    window, _ = win

    def check(menu) -> int:
        seen: dict[str, str] = {}
        count = 0
        for action in menu.actions():
            if action.isSeparator():
                continue
            key = _mnemonic(action.text())
            if key is not None:
                assert key not in seen, (menu.title(), seen[key], action.text())
                seen[key] = action.text()
                count += 1
            if action.menu() is not None:
                count += check(action.menu())
        return count

    bar = window.menuBar()
    assert check(bar) >= 4
    assert sum(check(a.menu()) for a in bar.actions()) > 30


def test_the_export_chooser_refuses_a_map_file_before_asking_to_replace_it(
    qtbot, win, tmp_path, monkeypatch
):
    """Choosing a map file as the guide's name is refused at once and the person chooses
    again (no "replace it?" first, then a refusal); a new name is used as chosen."""
    from PySide6.QtWidgets import QFileDialog

    from bodymap.ui.window.exports_menu import choose_export_path

    window, dialogs = win
    existing_map = tmp_path / "mine.bodymap"
    existing_map.write_text("{}", encoding="utf-8")
    names = iter([str(existing_map), str(tmp_path / "guide")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (next(names), ""))
    chosen = choose_export_path(window, window.document, "pdf")
    assert chosen == tmp_path / "guide.pdf"
    assert len(dialogs.errors) == 1 and "is a map file" in dialogs.errors[0][1]
    assert existing_map.read_text(encoding="utf-8") == "{}"


def test_the_windows_text_is_not_shaped_where_its_script_needs_none(qtbot) -> None:
    """The window lays its text out without kerning and ligatures (a sixth of a click's
    work went on them); every part of it inherits that, and Qt still shapes the scripts
    that need it. The application's font, which the printed guide starts from, keeps its
    shaping."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    window = MapWindow(remember=False)
    qtbot.addWidget(window)
    unshaped = QFont.StyleStrategy.PreferNoShaping
    panel = window.panel
    for widget in (window, panel.details, panel.source_tree, panel.editor, window.statusBar()):
        assert widget.font().styleStrategy() & unshaped, widget
    assert not QApplication.font().styleStrategy() & unshaped
    # and only the strategy is the window's own: family and size still follow the desktop
    assert window.font().family() == QApplication.font().family()
    assert window.font().pointSizeF() == QApplication.font().pointSizeF()


def test_the_places_not_to_roll_are_always_drawn(main_window) -> None:
    """The View menu offers no switch for the hatched caution zones: they are always drawn
    (QA round 2: hidden, the diagram still showed where to roll beside them, and the legend
    still spoke of hatching)."""
    from PySide6.QtWidgets import QMenu

    window = main_window()
    assert "caution" not in window.acts.layers
    assert window.canvas.layer_visible("caution")
    texts = [a.text() for m in window.menuBar().findChildren(QMenu) for a in m.actions()]
    assert texts and not any("Caution" in t for t in texts)


def test_no_panel_text_makes_the_panel_wider_than_its_dock(qtbot, win):
    """A title or a hint too long for the panel widened it past the dock, and the whole
    panel scrolled sideways, cut at the right (a longer editor title once did)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    window, _ = win
    window.resize(1400, 900)
    spot = add(qtbot, window)
    for selected in ("", spot):
        window.select_spot(selected)
        QCoreApplication.processEvents()
        sideways = [
            area.objectName() or type(area).__name__
            for area in window.dock.findChildren(QAbstractScrollArea)
            if area.isVisible() and area.horizontalScrollBar().isVisible()
        ]
        assert sideways == [], selected
        assert window.panel.minimumSizeHint().width() <= window.dock.width()


def test_a_midline_spot_names_no_side_in_the_status_line() -> None:
    from bodymap.atlas import load_atlas

    """A walk's finding: a spot on the middle of the sacrum read "Thoracolumbar fascia
    (left)" in the status bar, but midline in the spot list, the guide and the CLI."""
    atlas = load_atlas()
    hit = atlas["back"].locate(499.0, 430.0)
    assert hit.side == "midline" and hit.main_region is not None
    assert hit.main_region.side in ("left", "right")
    where = describe_hit(hit)
    assert where.startswith(f"{hit.main_region.name} · ")
    assert f"({hit.main_region.side})" not in where
    beside = describe_hit(atlas["back"].locate(530.0, 430.0))  # off the midline: its side
    assert beside.split(" · ")[0].endswith("(right)")
