"""A map open in one bodymap window, opened in another: the second asks first (changes
made in one are not in the other), Cancel keeps what it had open; a window that closed or
crashed holds the map no longer."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from test_ui_window import answered_boxes, make_window

from bodymap.maps import TriggerPointMap, add_spot, save_map
from bodymap.ui.document import dialogs as document_dialogs

pytestmark = [
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
    pytest.mark.usefixtures("private_settings"),
]


def _map(folder: Path, name: str = "my back") -> Path:
    path = folder / f"{name}.bodymap"
    tpm = TriggerPointMap(name)
    add_spot(tpm, "back", 560.0, 175.0, "right")
    save_map(tpm, path)
    return path


def test_the_second_window_asks_and_cancel_keeps_its_map(qtbot, tmp_path, monkeypatch):
    path = _map(tmp_path)
    first, _ = make_window(qtbot, tmp_path, monkeypatch)
    assert first.document.open(path)
    second, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    second.add_spot("back", 440.0, 175.0)  # unsaved work in the second window
    dialogs.open_twice = False
    dialogs.open_path = path
    second.acts.open.trigger()
    assert dialogs.asked.count("twice") == 1
    assert second.document.path is None and second.isWindowModified()  # as it was
    dialogs.open_twice = True
    second.acts.open.trigger()
    assert dialogs.asked.count("twice") == 2 and second.document.path == path


def test_a_closed_window_or_a_map_saved_elsewhere_holds_it_no_longer(qtbot, tmp_path, monkeypatch):
    path = _map(tmp_path)
    first, _ = make_window(qtbot, tmp_path, monkeypatch)
    assert first.document.open(path)
    elsewhere = tmp_path / "copy.bodymap"
    assert first.document.save_as(elsewhere)  # the first window now has the copy open
    second, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    assert second.document.open(path)
    assert "twice" not in dialogs.asked
    assert second.document.open(elsewhere)
    assert dialogs.asked.count("twice") == 1
    first.document.close()  # as closing the window does
    third, others = make_window(qtbot, tmp_path, monkeypatch)
    # the second window opened it "as well", which takes over no lock: none is held now
    assert third.document.open(elsewhere)
    assert third.document.open(elsewhere)  # its own map again: never asked
    assert "twice" not in others.asked


_HOLDER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from bodymap.ui.document.open_lock import OpenLock
    lock = OpenLock(Path(sys.argv[1]))
    lock.hold(Path(sys.argv[2]))
    print("held", flush=True)
    if sys.argv[3] == "crash":
        os._exit(0)  # no unlock: as a bodymap killed with the map open
    time.sleep(60)
    """
)


@pytest.mark.slow
def test_another_bodymap_process_holding_the_map_is_seen_and_a_crashed_one_is_not(
    qtbot, tmp_path, monkeypatch
):
    path = _map(tmp_path)
    folder = tmp_path / "open-maps"  # beside make_window's autosave folder
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(folder), str(path), "hold"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        window, dialogs = make_window(qtbot, tmp_path, monkeypatch)
        dialogs.open_twice = False
        assert not window.document.open(path)
        assert dialogs.asked == ["twice"]
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    crashed = subprocess.run(
        [sys.executable, "-c", _HOLDER, str(folder), str(path), "crash"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert crashed.stdout.strip() == "held" and list(folder.glob("*.lock"))
    again, others = make_window(qtbot, tmp_path, monkeypatch)
    assert again.document.open(path)
    assert "twice" not in others.asked


def test_the_question_defaults_to_cancel_and_names_the_file(qtbot, monkeypatch, tmp_path):
    boxes = answered_boxes(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not document_dialogs.ask_open_twice(None, tmp_path / "my back.bodymap")
    (box,) = boxes
    assert box.text() == "my back.bodymap is open in another bodymap window."
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Open).text() == "&Open Here as Well"


def test_a_link_to_the_windows_own_map_is_its_own_map(qtbot, tmp_path, monkeypatch):
    path = _map(tmp_path)
    link = tmp_path / "link.bodymap"
    link.symlink_to(path)
    window, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    assert window.document.open(path)
    assert window.document.open(link)
    assert "twice" not in dialogs.asked
    other, others = make_window(qtbot, tmp_path, monkeypatch)
    others.open_twice = False
    assert not other.document.open(link)  # the same file, held by the first window
    assert others.asked == ["twice"]


def test_a_new_map_lets_go_of_the_file_it_had_open(qtbot, tmp_path, monkeypatch):
    path = _map(tmp_path)
    first, _ = make_window(qtbot, tmp_path, monkeypatch)
    assert first.document.open(path)
    first.acts.new.trigger()  # File → New: the map is no longer open there
    second, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    assert second.document.open(path)
    assert "twice" not in dialogs.asked
