"""Check-ins people can use: a note, back-dating, and the today mode that updates today's
check-in instead of adding a second — each one undo step."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime

from bodymap.maps import add_spot
from bodymap.ui.document.document import MapDocument
from bodymap.ui.document.spot_requests import request_check_in
from bodymap.ui.window.dialogs import CheckInDialog


def _document(tmp_path) -> tuple[MapDocument, str]:
    document = MapDocument(recovery_dir=tmp_path)
    spot = add_spot(document.map, "back", 560, 170, "right").spot.id
    return document, spot


def test_a_note_is_kept_and_undo_removes_the_check_in(qtbot, tmp_path):
    document, spot = _document(tmp_path)
    assert request_check_in(document, {spot: 6}, note="after a <b>long</b> drive")
    assert document.map.history[-1].note == "after a <b>long</b> drive"
    assert document.map.spots[0].intensity == 6
    document.undo_stack.undo()
    assert document.map.history == () and document.map.spots[0].intensity == 5


def test_today_mode_updates_todays_check_in_and_several_a_day_adds_one(qtbot, tmp_path):
    document, spot = _document(tmp_path)
    request_check_in(document, {spot: 6}, today=True)
    request_check_in(document, {spot: 3}, note="better", today=True)
    assert len(document.map.history) == 1
    assert document.map.history[0].intensities[spot] == 3
    request_check_in(document, {spot: 2}, today=False)
    assert len(document.map.history) == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.map.history[0].intensities[spot] == 6


def test_a_back_dated_check_in_goes_in_its_place_and_leaves_the_spot_as_it_is(qtbot, tmp_path):
    document, spot = _document(tmp_path)
    request_check_in(document, {spot: 4})
    earlier = datetime.now(UTC) - timedelta(days=3)
    assert request_check_in(document, {spot: 9}, at=earlier)
    assert [c.intensities[spot] for c in document.map.history] == [9, 4]
    assert document.map.spots[0].intensity == 4  # the latest reading still rules


def test_the_dialog_gives_the_note_and_a_back_date_which_turns_today_mode_off(qtbot, tmp_path):
    document, _spot = _document(tmp_path)
    dialog = CheckInDialog(document.map)
    qtbot.addWidget(dialog)
    assert dialog.details() == (None, "", True)
    when_text = dialog.when.text()  # the month in words: "1 Dec 2026 19:58", never "1 12 2026"
    assert re.fullmatch(r"\d{1,2} [^\d\s]+ \d{4} \d{2}:\d{2}", when_text), when_text
    dialog.note.setPlainText("  slept badly ")
    dialog.when.setDateTime(QDateTime.currentDateTime().addDays(-2))
    when, note, today = dialog.details()
    assert note == "slept badly" and not today
    assert when is not None and abs((datetime.now(UTC) - when) - timedelta(days=2)) < timedelta(
        minutes=2
    )


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_the_check_in_after_a_session_offers_no_time_note_or_today_mode(qtbot, tmp_path):
    """The session's check-in is made now, under the session's note, and always added: its
    dialog shows only the spots (no ticked "update today's check-in" that would be ignored)."""
    document, spot = _document(tmp_path)
    dialog = CheckInDialog(document.map, session=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.today.isVisible() and not dialog.today.isChecked()
    assert not dialog.when.isVisible() and not dialog.note.isVisible()
    assert dialog.details() == (None, "", False)
    usual = CheckInDialog(document.map)
    qtbot.addWidget(usual)
    usual.show()
    # today's choice is offered once there is a check-in today to update
    assert not usual.today.isVisible() and usual.when.isVisible() and usual.note.isVisible()
    request_check_in(document, {spot: 4})
    again = CheckInDialog(document.map)
    qtbot.addWidget(again)
    again.show()
    assert again.today.isVisible() and again.today.isChecked()


def test_a_check_in_cannot_be_dated_a_decade_before_the_spots_it_rates(qtbot, tmp_path):
    from bodymap.maps.values import BACKDATE_LIMIT

    document, _spot = _document(tmp_path)
    dialog = CheckInDialog(document.map)
    qtbot.addWidget(dialog)
    first = min(s.created for s in document.map.spots)
    dialog.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(first.timestamp()) - 3650 * 86400))
    earliest = int((first - BACKDATE_LIMIT).timestamp())
    assert dialog.when.dateTime().toSecsSinceEpoch() == earliest  # the field stops there


def test_a_spot_left_out_gets_no_reading(qtbot, tmp_path):
    """One step below 0 reads "left out": a spot not felt for today is not given a reading
    (its current intensity would have been logged as if it had been)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QSpinBox

    document, spot = _document(tmp_path)
    other = add_spot(document.map, "back", 440, 170, "left").spot.id
    dialog = CheckInDialog(document.map)
    qtbot.addWidget(dialog)
    first, second = dialog.findChildren(QSpinBox)
    first.setValue(0)
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert first.text() == "left out"
    second.setValue(7)
    assert dialog.values() == {other: 7}
    assert request_check_in(document, dialog.values())
    assert dict(document.map.history[-1].intensities) == {other: 7}
    assert document.map.spot_by_id(spot).intensity == 5  # left as it was


def test_every_spot_left_out_is_refused_in_the_dialog(qtbot, tmp_path):
    from PySide6.QtWidgets import QSpinBox

    document, _spot = _document(tmp_path)
    dialog = CheckInDialog(document.map)
    qtbot.addWidget(dialog)
    (box,) = dialog.findChildren(QSpinBox)
    box.setValue(box.minimum())
    dialog.accept()
    assert dialog.result() == 0 and not dialog.refusal.isHidden()
    assert dialog.refusal.text() == "Cannot check in: every spot is left out."


def test_every_spot_left_out_is_refused_even_where_the_map_would_keep_it(qtbot, tmp_path):
    """The window's own check (can the map keep this check-in?) does not speak over "every
    spot is left out"; and the map itself keeps no check-in without a reading."""
    from PySide6.QtWidgets import QSpinBox

    from bodymap.maps import check_in

    document, _spot = _document(tmp_path)
    dialog = CheckInDialog(document.map, problem=lambda d: "")
    qtbot.addWidget(dialog)
    (box,) = dialog.findChildren(QSpinBox)
    box.setValue(box.minimum())
    dialog.accept()
    assert dialog.result() == 0
    assert dialog.refusal.text() == "Cannot check in: every spot is left out."
    with pytest.raises(ValueError, match="at least one spot"):
        check_in(document.map, {})
    said: list[str] = []
    document.show_error = lambda title, text: said.append(text)  # type: ignore[method-assign]
    assert not request_check_in(document, {}) and document.map.history == ()
    assert said == ["Nothing was logged: a check-in needs the reading of at least one spot."]
