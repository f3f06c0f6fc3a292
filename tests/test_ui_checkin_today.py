"""Edit → Check In while today's check-in is updated: the dialog shows that check-in's
readings and note, an edited note replaces it, an emptied note removes it, and unticking
"Update today's check-in" goes back to a new check-in without losing what was typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDateTime, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from bodymap.maps import add_spot
from bodymap.maps.verbs import record_session
from bodymap.ui.document.spot_requests import request_check_in, request_edit
from bodymap.ui.window.dialogs import CheckInDialog
from tests.test_ui_window import _settings, make_window, trigger

__all__ = ["_settings"]  # the settings fixture, used by every test here
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _real_window(qtbot, tmp_path, monkeypatch):
    """A window whose check-in question is the real dialog (not a scripted answer)."""
    window, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    monkeypatch.delattr(window, "ask_check_in")
    return window, dialogs


def _window_with_todays_check_in(qtbot, tmp_path, monkeypatch):
    """A window whose map has two spots and a check-in made today with a note."""
    window, dialogs = _real_window(qtbot, tmp_path, monkeypatch)
    tpm = window.document.map
    neck = add_spot(tpm, "back", 560, 170, "right", 5).spot.id
    hip = add_spot(tpm, "back", 440, 470, "left", 3).spot.id
    assert request_check_in(window.document, {neck: 6, hip: 2}, note="after a long drive")
    return window, dialogs, neck, hip


def _in_the_dialog(qtbot, window, act: Callable[[CheckInDialog], None]) -> list[CheckInDialog]:
    """Open Edit → Check In, run ``act`` on the real dialog, and return it (for asserts)."""
    seen: list[CheckInDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CheckInDialog)
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, answer)
    trigger(window, "check_in")
    assert seen, "the check-in dialog did not open"
    return seen


def _confirm(dialog: CheckInDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_updating_today_shows_its_note_and_readings_and_an_edited_note_replaces_it(
    qtbot, tmp_path, monkeypatch
):
    window, _dialogs, neck, hip = _window_with_todays_check_in(qtbot, tmp_path, monkeypatch)
    tpm = window.document.map
    shown: dict[str, object] = {}

    def edit(dialog: CheckInDialog) -> None:
        shown["note"] = dialog.note.toPlainText()
        shown["values"] = dialog.values()
        shown["updating"] = dialog.updating.isVisible()
        shown["words"] = dialog.updating.text()
        dialog.note.setPlainText("better after a walk")
        dialog.grab().save(str(tmp_path / "checkin-update.png"))
        _confirm(dialog)

    _in_the_dialog(qtbot, window, edit)
    assert shown["note"] == "after a long drive"
    assert shown["values"] == {neck: 6, hip: 2}
    assert shown["updating"] is True
    at = tpm.history[0].at.astimezone().strftime("%H:%M")
    assert f"Updating today's check-in of {at}" in str(shown["words"])
    assert "empty the note to remove it" in str(shown["words"])
    assert "no reading for" not in str(shown["words"])  # it has both spots
    assert len(tpm.history) == 1 and tpm.history[0].note == "better after a walk"
    trigger(window, "undo")
    assert tpm.history[0].note == "after a long drive"


def test_updating_today_says_which_shown_values_are_not_todays(qtbot, tmp_path, monkeypatch):
    """A spot today's check-in has no reading for shows its latest value, which Check In
    adds to today's: the dialog says so rather than calling it one of "its readings"."""
    window, *_ = _window_with_todays_check_in(qtbot, tmp_path, monkeypatch)
    window.add_spot("front", 450, 300)
    words: list[str] = []

    def look(dialog: CheckInDialog) -> None:
        words.append(dialog.updating.text())
        dialog.reject()

    _in_the_dialog(qtbot, window, look)
    assert "It has no reading for 1 of the spots: they show their latest" in words[0]


@pytest.mark.parametrize(
    ("typed", "neck_value", "note_after"),
    [
        ("   ", None, ""),  # an emptied note removes today's note
        (None, 4, "after a long drive"),  # a note left as it was is kept exactly
    ],
)
def test_an_update_keeps_one_check_in_with_what_the_dialog_held_and_undo_restores_it(
    qtbot, tmp_path, monkeypatch, typed, neck_value, note_after
):
    window, _dialogs, neck, hip = _window_with_todays_check_in(qtbot, tmp_path, monkeypatch)
    tpm = window.document.map

    def change(dialog: CheckInDialog) -> None:
        if typed is not None:
            dialog.note.setPlainText(typed)
        if neck_value is not None:
            dialog._boxes[neck].setValue(neck_value)
        _confirm(dialog)

    _in_the_dialog(qtbot, window, change)
    assert len(tpm.history) == 1 and tpm.history[0].note == note_after
    assert tpm.history[0].intensities == {neck: neck_value or 6, hip: 2}
    assert tpm.spot_by_id(neck).intensity == (neck_value or 6)
    assert window.document.undo_stack.undoText() == "Check in"
    trigger(window, "undo")
    assert tpm.history[0].note == "after a long drive"
    assert tpm.history[0].intensities == {neck: 6, hip: 2}


def test_readings_come_from_todays_check_in_not_a_later_edit_of_the_spot(
    qtbot, tmp_path, monkeypatch
):
    window, _dialogs, neck, hip = _window_with_todays_check_in(qtbot, tmp_path, monkeypatch)
    request_edit(window.document, neck, {"intensity": 9})  # edited in the panel afterwards
    shown: list[dict[str, int]] = []

    def look(dialog: CheckInDialog) -> None:
        shown.append(dialog.values())
        dialog.today.setChecked(False)  # a new check-in starts from the spots as they are
        shown.append(dialog.values())
        dialog.reject()

    _in_the_dialog(qtbot, window, look)
    assert shown == [{neck: 6, hip: 2}, {neck: 9, hip: 2}]


def test_unticking_or_back_dating_adds_a_new_check_in_and_keeps_what_was_typed(
    qtbot, tmp_path, monkeypatch
):
    window, _dialogs, neck, _hip = _window_with_todays_check_in(qtbot, tmp_path, monkeypatch)
    tpm = window.document.map
    steps: list[tuple[str, int, bool]] = []

    def toggle(dialog: CheckInDialog) -> None:
        def state() -> None:
            steps.append(
                (dialog.note.toPlainText(), dialog.values()[neck], dialog.updating.isVisible())
            )

        state()  # updating: today's note and reading
        dialog.today.setChecked(False)
        state()  # a new check-in: an empty note, the spot's intensity
        dialog.today.setChecked(True)
        state()
        dialog.when.setDateTime(QDateTime.currentDateTime().addDays(-2))
        state()  # back-dated: a new check-in again
        dialog.when.setDateTime(QDateTime.currentDateTime())
        dialog.note.setPlainText("typed by me")
        dialog._boxes[neck].setValue(1)
        dialog.today.setChecked(False)
        state()  # what the person typed stays
        _confirm(dialog)

    _in_the_dialog(qtbot, window, toggle)
    assert steps == [
        ("after a long drive", 6, True),
        ("", 6, False),  # the spot's intensity is 6 too, after today's check-in
        ("after a long drive", 6, True),
        ("", 6, False),
        ("typed by me", 1, False),
    ]
    assert [c.note for c in tpm.history] == ["after a long drive", "typed by me"]


def test_without_a_check_in_today_the_dialog_adds_one_with_an_empty_note(
    qtbot, tmp_path, monkeypatch
):
    window, _dialogs = _real_window(qtbot, tmp_path, monkeypatch)
    tpm = window.document.map
    add_spot(tpm, "back", 560, 170, "right", 5)
    record_session(tpm, "warmup", datetime.now(UTC), 300, 2)  # a session day keeps every one
    request_check_in(window.document, {tpm.spots[0].id: 4}, note="before rolling")
    shown: list[tuple[str, bool]] = []

    def look(dialog: CheckInDialog) -> None:
        shown.append((dialog.note.toPlainText(), dialog.updates_today()))
        # no check-in today to update: the choice is not offered, and Tab leaves the note
        assert dialog.today.isHidden()
        assert dialog.note.tabChangesFocus()
        dialog.note.setPlainText("after rolling")
        _confirm(dialog)

    _in_the_dialog(qtbot, window, look)
    assert shown == [("", False)]
    assert [c.note for c in tpm.history] == ["before rolling", "after rolling"]
