"""Edit → Check In with "Update today's check-in" ticked and When changed: a time still
today moves today's check-in there (the line under the box says so, and no second
check-in is added); another day unticks and disables the box and adds a check-in."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtWidgets import QDialogButtonBox, QSpinBox

from bodymap.ui.document.spot_requests import request_check_in
from bodymap.ui.window.dialogs import CheckInDialog
from bodymap.ui.window.mainwindow import MapWindow
from tests.test_ui_checkin_today import _in_the_dialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _check_in(dialog: CheckInDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _window_checked_in_today(main_window) -> tuple[MapWindow, str, datetime]:
    window = main_window()
    window.add_spot("back", 560, 200)
    spot = window.document.map.spots[0].id
    assert request_check_in(window.document, {spot: 6}, note="after a long drive")
    return window, spot, window.document.map.history[0].at


def _earlier_today() -> QDateTime:
    """A time earlier today, well over a minute before now."""
    now = QDateTime.currentDateTime()
    since_midnight = QTime(0, 0).secsTo(now.time())
    if since_midnight < 600:
        pytest.skip("just after midnight: no earlier time today to move to")
    return QDateTime(now.date(), QTime(0, 0)).addSecs(since_midnight // 2)


def test_a_time_earlier_today_moves_todays_check_in_there(main_window) -> None:
    window, spot, first_at = _window_checked_in_today(main_window)
    target = _earlier_today()
    seen: dict[str, object] = {}

    def move(dialog: CheckInDialog) -> None:
        [box] = dialog.findChildren(QSpinBox)  # the one spot's intensity
        box.setValue(3)
        dialog.when.setDateTime(target)
        seen["ticked"] = dialog.today.isChecked() and dialog.today.isEnabled()
        seen["updating"] = dialog.updating.isVisibleTo(dialog)
        seen["words"] = dialog.updating.text()
        _check_in(dialog)

    _in_the_dialog(None, window, move)
    assert seen["ticked"] is True and seen["updating"] is True
    was, to = first_at.astimezone().strftime("%H:%M"), target.toString("HH:mm")
    assert str(seen["words"]).startswith(f"Updating today's check-in of {was}, moved to {to}:")
    [checkin] = window.document.map.history  # updated and moved, not a second one
    assert checkin.at.astimezone().strftime("%H:%M") == to
    assert checkin.intensities == {spot: 3} and checkin.note == "after a long drive"
    assert window.document.map.spots[0].intensity == 3  # still the latest reading
    window.acts.undo.trigger()  # one undo step puts it back
    [checkin] = window.document.map.history
    assert checkin.at == first_at and checkin.intensities == {spot: 6}


def test_another_day_unticks_and_disables_the_box_and_adds_a_check_in(main_window) -> None:
    window, spot, first_at = _window_checked_in_today(main_window)
    seen: dict[str, object] = {}

    def back_date(dialog: CheckInDialog) -> None:
        opened = dialog.when.dateTime()
        dialog.when.setDateTime(opened.addDays(-1))
        seen["box"] = (dialog.today.isChecked(), dialog.today.isEnabled())
        seen["updating"] = dialog.updating.isVisibleTo(dialog)
        dialog.when.setDateTime(opened.addSecs(-5))  # back to today: the choice returns
        seen["box again"] = (dialog.today.isChecked(), dialog.today.isEnabled())
        dialog.when.setDateTime(opened.addDays(-1))
        _check_in(dialog)

    _in_the_dialog(None, window, back_date)
    assert seen["box"] == (False, False) and seen["updating"] is False
    assert seen["box again"] == (True, True)
    history = window.document.map.history
    assert len(history) == 2 and history[1].at == first_at  # today's kept as it was
    assert history[1].intensities == {spot: 6} and history[1].note == "after a long drive"


def test_a_back_dated_check_in_takes_the_minute_shown_and_never_doubles_one(main_window) -> None:
    """Back-dated to 23:30 the day before, a check-in is at 23:30:00, not at the seconds of
    the moment the dialog opened; a second one chosen at that same minute is refused in
    the dialog (as the command line refuses it), which stays open with what was typed."""
    window, _spot, _first_at = _window_checked_in_today(main_window)
    yesterday = QDateTime.currentDateTime().addDays(-1)
    late = QDateTime(yesterday.date(), QTime(23, 30))
    seen: dict[str, object] = {}

    def back_date(dialog: CheckInDialog) -> None:
        seen["asks"] = dialog.question.text()
        dialog.when.setDateTime(late)
        seen["asks then"] = dialog.question.text()
        _check_in(dialog)

    _in_the_dialog(None, window, back_date)
    added = [c for c in window.document.map.history if c.at.astimezone().hour == 23]
    assert [c.at.astimezone().time().isoformat() for c in added] == ["23:30:00"]
    assert str(seen["asks"]).startswith("How does each spot feel today?")
    day = late.date().toString("d MMM yyyy")
    assert str(seen["asks then"]).startswith(f"How did each spot feel on {day}?")

    def again(dialog: CheckInDialog) -> None:
        dialog.when.setDateTime(late)
        dialog.note.setPlainText("typed, and kept")
        _check_in(dialog)
        seen["open"] = dialog.isVisible()
        seen["refusal"] = dialog.refusal.text()
        dialog.reject()

    _in_the_dialog(None, window, again)
    assert seen["open"] is True
    assert seen["refusal"] == (
        f"Cannot check in: there is already a check-in at {late.toString('yyyy-MM-dd HH:mm')}."
    )
    assert len(window.document.map.history) == 2


def test_the_check_in_dialog_starts_at_the_first_spot_and_tabs_down_the_page(main_window) -> None:
    """It opened in the note, the last field, and Shift+Tab from there reached Cancel."""
    window, _spot, _first_at = _window_checked_in_today(main_window)
    window.add_spot("back", 440, 200)
    seen: dict[str, object] = {}

    def walk(dialog: CheckInDialog) -> None:
        boxes = dialog.findChildren(QSpinBox)
        seen["first"] = dialog.focusWidget() is boxes[0]

        def name(widget) -> str:
            for box in boxes:
                if widget is box or box.isAncestorOf(widget):
                    return f"box {boxes.index(box) + 1}"
            if widget is dialog.when or dialog.when.isAncestorOf(widget):
                return "when"
            return "note" if widget is dialog.note else type(widget).__name__

        order, widget = ["box 1"], boxes[0]
        while len(order) < 4:
            widget = widget.nextInFocusChain()
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and name(widget) != order[-1]:
                order.append(name(widget))
        seen["order"] = order
        dialog.reject()

    _in_the_dialog(None, window, walk)
    assert seen["first"] is True
    assert seen["order"] == ["box 1", "box 2", "when", "note"]
