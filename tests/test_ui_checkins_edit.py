"""Edit → Edit Check-ins…: a past check-in's note is corrected or the check-in deleted,
each as one undo step in the main window, and the table follows the undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bodymap.maps import check_in
from bodymap.ui.window.mainwindow import MapWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(main_window) -> MapWindow:
    win = main_window()
    win.add_spot("back", 560, 200)
    spot = win.document.map.spots[0].id
    start = datetime(2026, 3, 1, 8, tzinfo=UTC)
    for day in range(3):
        check_in(win.document.map, {spot: 5 - day}, at=start + timedelta(days=day), note=f"d{day}")
    return win


def test_a_past_note_is_corrected_and_undone(window: MapWindow) -> None:
    dialog = window.show_check_ins()
    table = dialog.table
    assert table.rowCount() == 3
    assert table.item(0, 2).text() == "d2"  # newest first
    table.item(2, 2).setText("<b>stiff</b> morning")  # the oldest, typed as plain text
    tpm = window.document.map
    assert [c.note for c in tpm.history] == ["<b>stiff</b> morning", "d1", "d2"]
    assert window.document.undo_stack.undoText() == "Edit check-in note"
    window.acts.undo.trigger()
    assert [c.note for c in tpm.history] == ["d0", "d1", "d2"]
    assert table.item(2, 2).text() == "d0"  # the table follows the undo


def test_a_check_in_is_deleted_and_put_back(window: MapWindow) -> None:
    dialog = window.show_check_ins()
    dialog.table.selectRow(1)
    dialog.delete_button.click()
    tpm = window.document.map
    assert [c.note for c in tpm.history] == ["d0", "d2"]
    assert dialog.table.rowCount() == 2
    assert window.document.is_modified()
    window.acts.undo.trigger()
    assert [c.note for c in tpm.history] == ["d0", "d1", "d2"]
    assert dialog.table.rowCount() == 3


def test_the_delete_key_deletes_the_selected_check_in_as_the_intro_says(
    window: MapWindow, qtbot
) -> None:
    """The table has the keyboard's focus on the newest check-in when the dialog opens, and
    Delete there removes the selected check-in (one undo step), as the dialog's intro says."""
    from PySide6.QtCore import Qt

    dialog = window.show_check_ins()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    table = dialog.table
    assert table.currentRow() == 0
    table.selectRow(1)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [c.note for c in window.document.map.history] == ["d0", "d2"]
    window.acts.undo.trigger()
    assert table.rowCount() == 3


def test_a_note_cell_takes_no_more_than_a_map_keeps(window: MapWindow, qtbot) -> None:
    """Typing into a note cell stops at the map's limit: the edit is kept, not refused."""
    from PySide6.QtWidgets import QLineEdit

    from bodymap.maps.values import MAX_NOTE_LENGTH

    dialog = window.show_check_ins()
    table = dialog.table
    table.setCurrentCell(0, 2)
    table.editItem(table.item(0, 2))
    (editor,) = table.viewport().findChildren(QLineEdit)
    assert editor.maxLength() == MAX_NOTE_LENGTH
    editor.setText("z" * (MAX_NOTE_LENGTH + 50))  # as a paste would
    table.commitData(editor)
    assert window.document.map.history[-1].note == "z" * MAX_NOTE_LENGTH


def test_deleting_the_latest_check_in_takes_back_the_reading_it_set(window: MapWindow) -> None:
    """A check-in sets the spots' intensities; deleting it (the latest) puts a spot still at
    its reading back to the reading before, as undoing the check-in would (QA round 2), and
    the deletion is one undo step with it. Deleting an older one changes no spot."""
    from bodymap.ui.document import spot_requests

    tpm = window.document.map
    spot = tpm.spots[0].id
    assert spot_requests.request_check_in(window.document, {spot: 8})
    assert tpm.spot_by_id(spot).intensity == 8
    dialog = window.show_check_ins()
    dialog.table.selectRow(0)  # newest first: the check-in just made
    dialog.delete_button.click()
    assert tpm.spot_by_id(spot).intensity == 3  # the reading of the check-in before ("d2")
    assert window.panel.spot_list.item(0).text().split(" — ")[-1].startswith("3/10")
    window.acts.undo.trigger()
    assert tpm.spot_by_id(spot).intensity == 8 and len(tpm.history) == 4
    dialog.table.selectRow(3)  # the oldest: no spot changes
    dialog.delete_button.click()
    assert tpm.spot_by_id(spot).intensity == 8


def test_a_note_still_being_typed_is_kept_when_the_window_closes(
    window: MapWindow, qtbot, monkeypatch
) -> None:
    """A tester typed into a note cell and quit without Enter: the window closed without a
    word and the note was lost. The note being typed is the map's before the question, so
    closing asks about it, and Save keeps it."""
    from PySide6.QtWidgets import QLineEdit

    dialog = window.show_check_ins()
    table = dialog.table
    table.setCurrentCell(0, 2)
    table.editItem(table.item(0, 2))
    (editor,) = table.viewport().findChildren(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "legs heavy today")
    asked: list[str] = []

    def ask(name: str) -> str:
        asked.append(name)
        return "cancel"

    monkeypatch.setattr(window.document, "ask_discard", ask)
    assert not window.close()  # cancelled: the window stays, with the note in the map
    assert asked
    assert window.document.map.history[-1].note == "legs heavy today"
    assert window.document.undo_stack.undoText() == "Edit check-in note"


def _answer(dialog, monkeypatch, values):
    """Answer the readings question with ``values`` (spot index → reading); record asks."""
    asked = []

    def ask(entry):
        asked.append(entry.at)
        spots = window_spots(dialog)
        return None if values is None else {spots[i]: v for i, v in values.items()}

    monkeypatch.setattr(dialog, "ask_readings", ask)
    return asked


def window_spots(dialog) -> list[str]:
    return [spot.id for spot in dialog.document.map.spots]


def test_a_reading_typed_wrong_is_corrected_with_return_and_undone(
    window: MapWindow, qtbot, monkeypatch
) -> None:
    from PySide6.QtCore import Qt

    dialog = window.show_check_ins()
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert table.item(2, 1).text() == "1: 5"  # the oldest check-in: spot 1 at 5
    asked = _answer(dialog, monkeypatch, {0: 7})
    table.setCurrentCell(2, 0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    tpm = window.document.map
    assert asked == [tpm.history[0].at]
    assert [c.intensities[tpm.spots[0].id] for c in tpm.history] == [7, 4, 3]
    assert [c.note for c in tpm.history] == ["d0", "d1", "d2"]  # time and note kept
    assert window.document.undo_stack.undoText() == "Edit check-in readings"
    assert table.item(2, 1).text() == "1: 7"
    window.acts.undo.trigger()
    assert [c.intensities[tpm.spots[0].id] for c in tpm.history] == [5, 4, 3]
    assert table.item(2, 1).text() == "1: 5"


def test_a_double_click_on_the_readings_asks_and_on_the_note_edits_it(
    window: MapWindow, qtbot, monkeypatch
) -> None:
    dialog = window.show_check_ins()
    steps = window.document.undo_stack.count()
    asked = _answer(dialog, monkeypatch, None)  # cancelled: nothing changes
    dialog.table.setCurrentCell(0, 1)
    dialog.table.cellDoubleClicked.emit(0, 1)
    dialog.table.cellDoubleClicked.emit(0, 2)
    assert len(asked) == 1
    assert window.document.undo_stack.count() == steps
    _answer(dialog, monkeypatch, {0: 3})  # the reading it has: no undo step
    dialog.readings_button.click()
    assert window.document.undo_stack.count() == steps


def test_correcting_the_latest_check_in_corrects_a_spot_still_at_its_reading(
    window: MapWindow, monkeypatch
) -> None:
    from bodymap.ui.document import spot_requests

    tpm = window.document.map
    spot = tpm.spots[0].id
    assert spot_requests.request_check_in(window.document, {spot: 8})
    dialog = window.show_check_ins()
    dialog.table.setCurrentCell(0, 0)  # newest first: the check-in just made
    _answer(dialog, monkeypatch, {0: 6})
    assert dialog.edit_readings()
    assert tpm.spot_by_id(spot).intensity == 6 and tpm.history[-1].intensities[spot] == 6
    assert window.panel.spot_list.item(0).text().split(" — ")[-1].startswith("6/10")
    window.acts.undo.trigger()  # one step puts both back
    assert tpm.spot_by_id(spot).intensity == 8 and tpm.history[-1].intensities[spot] == 8
    spot_requests.request_edit(window.document, spot, {"intensity": 2})  # changed since
    _answer(dialog, monkeypatch, {0: 5})
    assert dialog.edit_readings()
    assert tpm.spot_by_id(spot).intensity == 2 and tpm.history[-1].intensities[spot] == 5
    dialog.table.setCurrentCell(3, 0)  # an older check-in: no spot changes
    _answer(dialog, monkeypatch, {0: 9})
    assert dialog.edit_readings()
    assert tpm.spot_by_id(spot).intensity == 2 and tpm.history[0].intensities[spot] == 9


def test_the_readings_dialog_shows_each_spot_the_check_in_has(window: MapWindow) -> None:
    from bodymap.ui.history.checkins import ReadingsDialog, readings_text

    tpm = window.document.map
    window.add_spot("back", 440, 200)  # a spot the old check-ins have no reading for
    entry = tpm.history[0]
    dialog = ReadingsDialog(tpm, entry, window.spot_label, window)
    assert dialog.windowTitle() == f"Readings of {entry.at.astimezone():%Y-%m-%d %H:%M}"
    assert dialog.values() == {tpm.spots[0].id: 5}
    label = dialog.findChildren(type(dialog.layout().itemAt(0).widget()))
    assert any(w.text().startswith("Spot 1 — ") for w in label)
    assert readings_text(tpm, entry) == "1: 5"
    dialog.deleteLater()


def test_enter_on_the_keypad_and_a_double_click_on_the_date_correct_readings(
    window: MapWindow, qtbot, monkeypatch
) -> None:
    from PySide6.QtCore import Qt

    dialog = window.show_check_ins()
    qtbot.waitExposed(dialog)
    asked = _answer(dialog, monkeypatch, None)
    dialog.table.setCurrentCell(1, 0)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert len(asked) == 1
    dialog.table.cellDoubleClicked.emit(1, 0)  # the date, as the readings, opens them
    assert len(asked) == 2
