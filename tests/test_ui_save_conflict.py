"""Saving in the window never silently drops changes another program made to the same file.

The tester's journey through the real window and document: the window saves a map, the
person checks in there without saving, the command line checks in to the same file, then
Ctrl+S or File → Save in the window. The window asks first; Cancel writes nothing, Replace
writes the window's map (the other version kept beside it, dated, in a file later saves leave
alone), Save as Copy keeps both."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from test_ui_window import Dialogs, add, answered_boxes, make_window

from bodymap.cli import main
from bodymap.maps import MapFileError, backup_path, load_map
from bodymap.ui.document import dialogs as document_dialogs
from bodymap.ui.document.document import MapDocument
from bodymap.ui.window.mainwindow import MapWindow

pytestmark = [
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
    pytest.mark.usefixtures("private_settings"),  # settings in each test's own folder
]

CLI_DAY = date(2026, 11, 20)
"""The day the command line's check-in is dated (``--at 2026-11-20T08:00``)."""


@pytest.fixture
def win(qtbot, tmp_path, monkeypatch) -> tuple[MapWindow, Dialogs]:
    return make_window(qtbot, tmp_path, monkeypatch)


def saved_map(qtbot, window: MapWindow, dialogs: Dialogs, path: Path) -> str:
    """A map with one spot, saved from the window as ``path``; the spot's id."""
    spot_id = add(qtbot, window)
    dialogs.save_path = path
    assert window.save_as()
    assert window.document.path == path and not window.document.is_modified()
    return spot_id


def check_in_in_window(qtbot, window: MapWindow, dialogs: Dialogs, spot_id: str) -> None:
    """Ctrl+K, today's pain 3: an unsaved change in the window."""
    dialogs.check_in = {spot_id: 3}
    before = len(window.document.map.history)
    qtbot.keyClick(window.canvas, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert len(window.document.map.history) == before + 1
    assert window.document.is_modified()


def check_in_from_the_command_line(path: Path, capsys) -> bytes:
    """``bodymap checkin MAP 1=8 --at 2026-11-20T08:00``; the file's bytes after it."""
    assert main(["checkin", str(path), "1=8", "--at", "2026-11-20T08:00"]) == 0
    capsys.readouterr()
    return path.read_bytes()


def changed_in_both(qtbot, win, tmp_path: Path, capsys) -> tuple[MapWindow, Dialogs, Path, bytes]:
    """The window's map saved as back.bodymap, then checked in both in the window (unsaved)
    and from the command line (on disk): the window, its dialogs, the path and the file's
    bytes after the command line's check-in."""
    window, dialogs = win
    path = tmp_path / "back.bodymap"
    spot_id = saved_map(qtbot, window, dialogs, path)
    check_in_in_window(qtbot, window, dialogs, spot_id)
    return window, dialogs, path, check_in_from_the_command_line(path, capsys)


def press_save(qtbot, window: MapWindow) -> None:
    qtbot.keyClick(window.canvas, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def days(path: Path) -> set[date]:
    """The days of the check-ins in the map file at ``path``."""
    return {c.at.astimezone().date() for c in load_map(path).history}


def test_cancel_leaves_the_other_programs_changes_in_the_file(qtbot, win, tmp_path, capsys):
    window, dialogs, path, on_disk = changed_in_both(qtbot, win, tmp_path, capsys)

    press_save(qtbot, window)

    assert dialogs.overwrites == [(path, False)]
    assert path.read_bytes() == on_disk  # byte for byte what the command line wrote
    assert CLI_DAY in days(path)
    assert window.document.is_modified() and window.isWindowModified()  # nothing lost here
    assert dialogs.errors == []


def test_replace_writes_the_windows_map_and_keeps_the_other_version_for_good(
    qtbot, win, tmp_path, capsys
):
    """Replace keeps the command line's version in a file of its own, which later saves
    leave alone: the .bak alone was overwritten by the next Ctrl+S, and the check-in the
    command line made was lost for good."""
    window, dialogs, path, on_disk = changed_in_both(qtbot, win, tmp_path, capsys)

    dialogs.overwrite = "replace"
    window.acts.save.trigger()  # File → Save

    assert dialogs.overwrites == [(path, False)]
    assert load_map(path).history == window.document.map.history
    assert CLI_DAY not in days(path)
    assert backup_path(path).read_bytes() == on_disk
    (kept,) = tmp_path.glob("back (other version *).bodymap")
    assert kept.read_bytes() == on_disk and CLI_DAY in days(kept)
    assert kept.name in window.statusBar().currentMessage()
    assert not window.document.is_modified()
    # the file now holds what the window wrote: the next save asks nothing, keeps no other
    check_in_in_window(qtbot, window, dialogs, window.document.map.spots[0].id)
    press_save(qtbot, window)
    assert len(dialogs.overwrites) == 1 and not window.document.is_modified()
    assert backup_path(path).read_bytes() != on_disk  # the .bak moved on …
    assert list(tmp_path.glob("back (other version *).bodymap")) == [kept]
    assert kept.read_bytes() == on_disk  # … the kept version did not
    assert window.statusBar().currentMessage() == "Saved back.bodymap"


def test_replace_writes_nothing_when_the_other_version_cannot_be_kept(
    qtbot, win, tmp_path, capsys, monkeypatch
):
    window, dialogs, path, on_disk = changed_in_both(qtbot, win, tmp_path, capsys)
    import bodymap.ui.document.document as document_module

    def full_disk(target, data, **_options):
        raise MapFileError("could not save (No space left on device)", target)

    monkeypatch.setattr(document_module, "atomic_write", full_disk)
    dialogs.overwrite = "replace"
    window.acts.save.trigger()
    assert path.read_bytes() == on_disk and window.document.is_modified()
    ((title, message),) = dialogs.errors
    assert title == "Could not save back"
    assert "could not be kept, so nothing was written" in message


def test_save_as_copy_keeps_both_files(qtbot, win, tmp_path, capsys, monkeypatch):
    window, dialogs, path, on_disk = changed_in_both(qtbot, win, tmp_path, capsys)
    suggested: list[Path] = []
    monkeypatch.setattr(
        window.document, "ask_save_path", lambda s: suggested.append(s) or dialogs.save_path
    )

    dialogs.overwrite = "copy"
    dialogs.save_path = tmp_path / "back from the window.bodymap"
    press_save(qtbot, window)

    assert suggested == [tmp_path / "back (copy).bodymap"]
    assert path.read_bytes() == on_disk and CLI_DAY in days(path)
    copy = tmp_path / "back from the window.bodymap"
    assert load_map(copy).history == window.document.map.history
    assert CLI_DAY not in days(copy)
    assert window.document.path == copy and not window.document.is_modified()


def test_a_copy_not_chosen_writes_nothing(qtbot, win, tmp_path, capsys):
    window, dialogs, path, on_disk = changed_in_both(qtbot, win, tmp_path, capsys)

    dialogs.overwrite, dialogs.save_path = "copy", None  # the file chooser cancelled
    assert not window.document.save()
    assert path.read_bytes() == on_disk and window.document.path == path
    assert sorted(p.name for p in tmp_path.glob("*.bodymap")) == ["back.bodymap"]


def test_saving_with_no_outside_change_asks_nothing(qtbot, win, tmp_path):
    window, dialogs = win
    path = tmp_path / "back.bodymap"
    spot_id = saved_map(qtbot, window, dialogs, path)
    check_in_in_window(qtbot, window, dialogs, spot_id)
    press_save(qtbot, window)
    assert not window.document.is_modified()
    path.touch()  # a new time but the same bytes is no change
    check_in_in_window(qtbot, window, dialogs, spot_id)
    press_save(qtbot, window)
    assert dialogs.overwrites == [] and not window.document.is_modified()
    assert load_map(path).history == window.document.map.history


def test_a_map_opened_and_then_changed_elsewhere_asks_and_reverted_does_not(
    qtbot, win, tmp_path, capsys
):
    window, dialogs = win
    path = tmp_path / "back.bodymap"
    saved_map(qtbot, window, dialogs, path)
    assert window.document.new()
    assert window.document.open(path)
    window.document.save()
    assert dialogs.overwrites == []  # opened and saved at once: nothing to ask

    on_disk = check_in_from_the_command_line(path, capsys)
    window.document.save()
    assert dialogs.overwrites == [(path, False)] and path.read_bytes() == on_disk

    # File → Open of the changed file again (or Revert) takes it as the new starting point
    assert window.document.open(path)
    assert window.document.save() and len(dialogs.overwrites) == 1


@pytest.mark.parametrize("answer", ["cancel", "replace"])
def test_a_file_deleted_meanwhile_is_asked_about(qtbot, win, tmp_path, answer):
    window, dialogs = win
    path = tmp_path / "back.bodymap"
    spot_id = saved_map(qtbot, window, dialogs, path)
    check_in_in_window(qtbot, window, dialogs, spot_id)
    path.unlink()

    dialogs.overwrite = answer
    press_save(qtbot, window)

    assert dialogs.overwrites == [(path, True)]
    if answer == "cancel":
        assert not path.exists() and window.document.is_modified()
    else:
        assert load_map(path).history == window.document.map.history
        assert not window.document.is_modified()


def test_save_as_onto_its_own_changed_file_asks_and_to_a_new_name_does_not(
    qtbot, win, tmp_path, capsys
):
    window, dialogs, path, on_disk = changed_in_both(qtbot, win, tmp_path, capsys)

    dialogs.save_path = tmp_path / "." / "back"  # the same file, named another way
    assert not window.save_as()
    assert dialogs.overwrites == [(path, False)] and path.read_bytes() == on_disk

    dialogs.save_path = tmp_path / "other.bodymap"
    assert window.save_as()
    assert len(dialogs.overwrites) == 1 and path.read_bytes() == on_disk
    assert window.document.path == tmp_path / "other.bodymap"


def test_closing_with_save_then_cancel_keeps_the_window_open(qtbot, win, tmp_path, capsys):
    window, dialogs, path, on_disk = changed_in_both(qtbot, win, tmp_path, capsys)

    dialogs.discard = "save"
    assert not window.close()
    assert window.isVisible() and window.document.is_modified()
    assert dialogs.overwrites == [(path, False)] and path.read_bytes() == on_disk


def test_autosave_never_asks_and_leaves_the_file_alone(qtbot, win, tmp_path, capsys):
    window, dialogs, path, on_disk = changed_in_both(qtbot, win, tmp_path, capsys)

    written = window.document.autosave()

    assert written is not None and written.is_file()
    assert dialogs.overwrites == [] and path.read_bytes() == on_disk


def _recover(qtbot, tmp_path: Path, monkeypatch) -> tuple[MapDocument, list[tuple[Path, bool]]]:
    """A document that recovers the autosave in ``tmp_path / "recovery"``."""
    doc = MapDocument(recovery_dir=tmp_path / "recovery")
    asked: list[tuple[Path, bool]] = []
    monkeypatch.setattr(doc, "ask_recover", lambda entry: True)
    monkeypatch.setattr(doc, "ask_overwrite", lambda p, gone: asked.append((p, gone)) or "cancel")
    assert doc.offer_recovery()
    return doc, asked


@pytest.mark.parametrize("changed_after_the_crash", [False, True])
def test_a_recovered_map_asks_only_if_its_file_changed_after_the_autosave(
    qtbot, win, tmp_path, monkeypatch, capsys, changed_after_the_crash
):
    window, dialogs = win
    path = tmp_path / "back.bodymap"
    spot_id = saved_map(qtbot, window, dialogs, path)
    check_in_in_window(qtbot, window, dialogs, spot_id)
    assert window.document.autosave() is not None
    window.document.recovery.close()  # a crash: the autosave stays behind
    window.hide()
    if changed_after_the_crash:
        check_in_from_the_command_line(path, capsys)
    on_disk = path.read_bytes()

    doc, asked = _recover(qtbot, tmp_path, monkeypatch)
    try:
        assert doc.path == path and doc.is_modified()
        saved = doc.save()
        if changed_after_the_crash:
            assert asked == [(path, False)] and not saved
            assert path.read_bytes() == on_disk
        else:
            assert asked == [] and saved
            assert load_map(path).history == doc.map.history
    finally:
        doc.close()


def test_the_question_names_the_file_and_defaults_to_cancel(qtbot, tmp_path, monkeypatch):
    boxes = answered_boxes(monkeypatch, QMessageBox.StandardButton.Cancel)
    path = tmp_path / "my back.bodymap"
    assert document_dialogs.ask_overwrite(None, path, gone=False) == "cancel"
    assert document_dialogs.ask_overwrite(None, path, gone=True) == "cancel"
    changed, gone = boxes
    assert "my back.bodymap was changed by another program" in changed.text()
    assert str(tmp_path) in changed.informativeText()
    assert "“my back (other version …).bodymap”" in changed.informativeText()
    assert "no longer in its folder" in gone.text()
    for box, replace, copy in (
        (changed, "Replace", "Save as Copy…"),
        (gone, "Save Here", "Save As…"),
    ):
        button = QMessageBox.StandardButton
        assert box.defaultButton() is box.button(button.Cancel)
        assert box.button(button.Discard).text() == replace
        assert box.button(button.Discard).icon().isNull()  # no waste bin: it is kept
        assert box.button(button.Save).text() == copy


QUICK_CHECK_MS = 20
"""The disk check's delay in the test below (the document takes it; 250 ms in use)."""


@pytest.fixture
def quick_win(qtbot, tmp_path, monkeypatch) -> tuple[MapWindow, Dialogs]:
    return make_window(qtbot, tmp_path, monkeypatch, disk_check_delay_ms=QUICK_CHECK_MS)


def test_the_status_line_says_when_the_file_changed_on_disk(qtbot, quick_win, tmp_path, capsys):
    window, dialogs = quick_win
    label = window.disk_label
    path = tmp_path / "back.bodymap"
    spot_id = saved_map(qtbot, window, dialogs, path)
    check_in_in_window(qtbot, window, dialogs, spot_id)
    press_save(qtbot, window)  # the window's own saves are no outside change
    qtbot.wait(3 * QUICK_CHECK_MS)
    assert not label.isVisible() and window.document.disk_state == ""

    check_in_from_the_command_line(path, capsys)
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "back.bodymap was changed on disk"
    assert window.document.disk_state == "changed"

    dialogs.overwrite = "replace"
    press_save(qtbot, window)
    assert not label.isVisible()

    path.unlink()
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "back.bodymap is no longer on disk"
    press_save(qtbot, window)  # written there again: the notice goes
    assert not label.isVisible() and path.is_file()

    check_in_from_the_command_line(path, capsys)  # a second change: still watched
    qtbot.waitUntil(label.isVisible)
    assert window.document.open(path)  # opened again, it is the new starting point
    assert not label.isVisible()
    qtbot.wait(3 * QUICK_CHECK_MS)
    assert not label.isVisible()


def test_revert_loads_the_other_programs_changes_when_nothing_here_is_unsaved(
    qtbot, quick_win, tmp_path, capsys
):
    """With no edit in the window, Revert is off until another program changes the file;
    then it loads that file, asking nothing (nothing here is lost), and the notice goes."""
    window, dialogs = quick_win
    path = tmp_path / "back.bodymap"
    saved_map(qtbot, window, dialogs, path)
    assert not window.acts.revert.isEnabled()
    check_in_from_the_command_line(path, capsys)
    qtbot.waitUntil(window.disk_label.isVisible)
    assert window.acts.revert.isEnabled()
    # beside the notice, a button does the same: a window left open for days shows it
    assert window.load_changes.isVisible()
    qtbot.mouseClick(window.load_changes, Qt.MouseButton.LeftButton)
    assert date(2026, 11, 20) in {c.at.astimezone().date() for c in window.document.map.history}
    assert not window.document.is_modified() and not window.disk_label.isVisible()
    assert not window.acts.revert.isEnabled() and not window.load_changes.isVisible()


def test_load_changes_is_offered_only_while_nothing_here_is_unsaved(
    qtbot, quick_win, tmp_path, capsys
):
    """With an unsaved edit, loading the other version would drop it: Save asks instead."""
    window, dialogs = quick_win
    bar = window.statusBar()
    height = bar.height()
    # not in the status bar until offered: hidden there, it still made the bar taller and
    # the diagram a few pixels smaller (the screenshot changed)
    assert bar.findChild(QPushButton, "loadChanges") is None
    path = tmp_path / "back.bodymap"
    spot_id = saved_map(qtbot, window, dialogs, path)
    check_in_from_the_command_line(path, capsys)
    qtbot.waitUntil(window.load_changes.isVisible)
    check_in_in_window(qtbot, window, dialogs, spot_id)
    assert not window.load_changes.isVisible() and window.disk_label.isVisible()
    window.acts.undo.trigger()  # back to what was saved here: the offer is back
    assert window.load_changes.isVisible()
    window.acts.revert.trigger()  # loaded: the offer leaves the bar, which is as before
    assert not window.load_changes.isVisible()
    qtbot.waitUntil(lambda: bar.height() == height)


def test_a_save_says_so_in_the_status_line(qtbot, win, tmp_path):
    """File > Save confirms, as an export does ("Wrote guide.pdf"), instead of leaving the
    status line as it was."""
    window, dialogs = win
    path = tmp_path / "back.bodymap"
    spot_id = saved_map(qtbot, window, dialogs, path)
    check_in_in_window(qtbot, window, dialogs, spot_id)
    window.statusBar().clearMessage()
    press_save(qtbot, window)
    assert window.statusBar().currentMessage() == "Saved back.bodymap"
