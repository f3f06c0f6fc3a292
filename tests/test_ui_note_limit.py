"""Notes never hold more than a map keeps, and nothing typed is lost without a word: the
spot's note and the check-in's note stop at the core's limit and say so, and a check-in the
map cannot keep leaves its dialog open with the reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from bodymap.maps.values import MAX_NOTE_LENGTH
from bodymap.ui.drawing.note_limit import ROOM_SHOWN
from bodymap.ui.window.dialogs import CheckInDialog
from bodymap.ui.window.mainwindow import MapWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def window(main_window) -> MapWindow:
    win = main_window()
    win.add_spot("back", 549, 800)
    win.select_spot(win.document.map.spots[0].id)
    return win


def _paste(edit, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_pasted_spot_note_stops_at_the_limit_and_says_what_was_not_added(qtbot, window):
    editor = window.panel.editor
    QTest.keyClicks(editor.note_edit, "sore ")
    _paste(editor.note_edit, "x" * (MAX_NOTE_LENGTH + 500))
    editor.commit_note()
    note = window.document.map.spots[0].note
    assert note == "sore " + "x" * (MAX_NOTE_LENGTH - 5)
    assert editor.note_edit.toPlainText() == note  # what is shown is what is kept
    label = editor.note_limit.label
    assert label.isVisible()
    assert f"{MAX_NOTE_LENGTH:,}" in label.text() and "505 characters" in label.text()
    assert "not added" in label.text()
    # the paste and its cut are one undo step of the field, while not yet sent to the map:
    # Ctrl+Z takes the paste back
    _paste(editor.note_edit, "z" * 50)
    QTest.keyClick(editor.note_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.note_edit.toPlainText() == note


def test_typing_near_the_limit_shows_the_room_left_and_no_more_goes_in(qtbot, window):
    editor = window.panel.editor
    editor.note_edit.setFocus()
    _paste(editor.note_edit, "y" * (MAX_NOTE_LENGTH - ROOM_SHOWN - 1))
    assert editor.note_limit.label.isHidden()  # far from the limit: nothing to say
    QTest.keyClicks(editor.note_edit, "ab")
    assert editor.note_limit.label.text().startswith(f"{ROOM_SHOWN - 1} characters left")
    _paste(editor.note_edit, "z" * (ROOM_SHOWN - 1))
    QTest.keyClicks(editor.note_edit, "!")
    assert len(editor.note_edit.toPlainText()) == MAX_NOTE_LENGTH
    assert "the last 1 character " in editor.note_limit.label.text()
    editor.commit_note()
    assert len(window.document.map.spots[0].note) == MAX_NOTE_LENGTH


def test_another_spot_does_not_inherit_the_message(qtbot, window):
    editor = window.panel.editor
    _paste(editor.note_edit, "x" * (MAX_NOTE_LENGTH + 1))
    assert editor.note_limit.label.isVisible()
    window.add_spot("back", 560, 175)
    window.select_spot(window.document.map.spots[1].id)
    assert editor.note_limit.label.isHidden()
    assert len(window.document.map.spots[0].note) == MAX_NOTE_LENGTH  # kept when leaving


def test_an_over_long_edit_of_a_spot_note_is_said_not_raised(qtbot, window, messages):
    spot = window.document.map.spots[0].id
    window.panel.editor.editRequested.emit(spot, {"note": "n" * (MAX_NOTE_LENGTH + 1)})
    assert window.document.map.spots[0].note == ""
    assert messages and "too long" in messages[-1][1]


def test_the_check_in_note_stops_at_the_limit_and_says_so(qtbot, window):
    dialog = CheckInDialog(window.document.map)
    qtbot.addWidget(dialog)
    dialog.show()
    _paste(dialog.note, "w" * (MAX_NOTE_LENGTH + 3))
    assert len(dialog.details()[1]) == MAX_NOTE_LENGTH
    assert dialog.note_limit.label.isVisible()
    assert "3 characters" in dialog.note_limit.label.text()


def test_a_check_in_the_map_cannot_keep_leaves_the_dialog_open_with_the_reason(qtbot, window):
    tpm = window.document.map
    seen: list[str] = []

    def fill_and_press() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CheckInDialog)
        try:
            dialog.note_limit.limit = 10 * MAX_NOTE_LENGTH  # as if the field let more in
            dialog.note.setPlainText("v" * (MAX_NOTE_LENGTH + 1))
            buttons = dialog.findChild(QDialogButtonBox)
            buttons.button(QDialogButtonBox.StandardButton.Ok).click()
            seen.append(dialog.refusal.text() if dialog.isVisible() else "closed")
            dialog.note.setPlainText("short now")
            buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        finally:
            if dialog.isVisible():  # a failure here must not leave the test waiting
                dialog.reject()

    QTimer.singleShot(0, fill_and_press)
    assert window.check_in()
    assert seen[0].startswith("Cannot check in: check-in note is too long")
    assert [c.note for c in tpm.history] == ["short now"]


def test_a_refused_check_in_is_said(qtbot, window, messages):
    spot = window.document.map.spots[0].id
    window.ask_check_in = lambda tpm: {spot: 3}  # type: ignore[method-assign]
    window.check_in_details = (None, "", False)
    from bodymap.ui.document import spot_requests

    assert not spot_requests.request_check_in(
        window.document, {spot: 3}, note="y" * (MAX_NOTE_LENGTH + 1)
    )
    assert window.document.map.history == ()
    assert messages and "too long" in messages[-1][1]


def test_an_over_long_past_note_is_said_and_the_table_shows_the_map(qtbot, window, messages):
    from datetime import UTC, datetime

    from bodymap.maps import check_in

    spot = window.document.map.spots[0].id
    check_in(window.document.map, {spot: 4}, at=datetime(2026, 3, 1, tzinfo=UTC), note="d0")
    dialog = window.show_check_ins()
    dialog.table.item(0, 2).setText("u" * (MAX_NOTE_LENGTH + 1))
    assert window.document.map.history[0].note == "d0"
    assert dialog.table.item(0, 2).text() == "d0"
    assert messages and "too long" in messages[-1][1]


def test_undo_in_the_note_box_after_the_note_is_sent_is_the_maps_undo(qtbot, window):
    """Typing not yet sent is undone in the box; once sent, Ctrl+Z in the box is the map's
    Undo (the note edit as one step, Redo kept), not an empty text undo that swallowed
    the key or emptied the box into a new edit (QA round 2)."""
    editor = window.panel.editor
    editor.note_edit.setFocus()
    QTest.keyClicks(editor.note_edit, "abc")
    editor.commit_note()
    tpm, stack = window.document.map, window.document.undo_stack
    assert tpm.spots[0].note == "abc"
    steps = stack.count()
    QTest.keyClick(editor.note_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tpm.spots[0].note == "" and editor.note_edit.toPlainText() == ""
    assert stack.count() == steps and stack.canRedo()
    QTest.keyClick(
        editor.note_edit,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert tpm.spots[0].note == "abc" and editor.note_edit.toPlainText() == "abc"
