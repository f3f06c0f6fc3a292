"""A map that can no longer be read: the message says how (cut short or damaged), and
where the previous version the last save kept (``<name>.bak``) can be found; the window
offers to open that version as a new map. Neither file is ever changed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from test_ui_window import answered_boxes, make_window

from bodymap.cli import main
from bodymap.maps import (
    MapFileError,
    TriggerPointMap,
    add_spot,
    backup_path,
    loads_map,
    previous_version,
    save_map,
)
from bodymap.ui.document import dialogs as document_dialogs

pytestmark = [
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
    pytest.mark.usefixtures("private_settings"),
]


def _saved_twice(folder: Path) -> tuple[Path, bytes]:
    """A map saved once with one spot and again with two: its ``.bak`` holds one spot."""
    path = folder / "my back.bodymap"
    tpm = TriggerPointMap("My back")
    add_spot(tpm, "back", 560.0, 175.0, "right")
    save_map(tpm, path)
    add_spot(tpm, "back", 440.0, 175.0, "left")
    save_map(tpm, path)
    return path, path.read_bytes()


def _cut(path: Path, text: bytes) -> bytes:
    """The file cut short inside a number, as a full disk or a crash leaves it."""
    at = text.index(b'"x": ') + len(b'"x": 5')
    path.write_bytes(text[:at])
    return text[:at]


@pytest.mark.parametrize(
    "cut",
    ['{"format": "bodymap-map", "version": 3, "name": "x", "spots": [{"x": 55',
     '{"format": "bodymap-map", "version": 3, "name": "x", "spots": [{"x": 55.',
     '{"format": "bodymap-map", "version": 3, "name": "x", "spots": [{"kind": "ach',
     '{"format": "bodymap-map", "version": 3, "name": "x", "spots": [{"open": tru',
     '{"format": "bodymap-map", "version": 3, "name": "x", "spots": [{"x": 1}, ',
     '{"format": "bodymap-map", "version": 3, "name": "x"\x00\x00\x00\x00'],
    ids=["in a number", "after a decimal point", "in a word", "in true", "after a comma",
         "zeros after"],
)  # fmt: skip
def test_a_file_that_stops_early_is_cut_short_wherever_it_stops(cut: str) -> None:
    with pytest.raises(MapFileError) as info:
        loads_map(cut)
    assert "cut short" in info.value.problem, info.value.problem


def test_a_whole_file_with_a_fault_inside_is_damaged_not_cut_short() -> None:
    with pytest.raises(MapFileError) as info:
        loads_map('{"format": "bodymap-map", "version": 3, "name": "x", "spots": [} ]}')
    assert "damaged" in info.value.problem


def test_the_previous_version_is_the_map_before_the_last_save(tmp_path: Path) -> None:
    path, _ = _saved_twice(tmp_path)
    kept = previous_version(path)
    assert kept is not None
    tpm, saved = kept
    assert len(tpm.spots) == 1 and tpm.name == "My back"
    assert abs((saved - datetime.now(UTC)).total_seconds()) < 60
    backup_path(path).write_text("{", encoding="utf-8")  # the copy is no better
    assert previous_version(path) is None
    assert previous_version(tmp_path / "never saved.bodymap") is None


def test_the_command_line_says_where_the_previous_version_is(tmp_path, capsys) -> None:
    path, text = _saved_twice(tmp_path)
    damaged = _cut(path, text)
    bak = backup_path(path).read_bytes()
    assert main(["advise", str(path)]) == 1
    err = capsys.readouterr().err
    first, second = err.strip().splitlines()
    assert "cut short" in first
    assert second.startswith("Its previous version, saved ")
    assert f"is kept as {backup_path(path)}: copy that file" in second
    assert path.read_bytes() == damaged and backup_path(path).read_bytes() == bak


def test_a_newer_map_is_not_answered_with_an_older_copy(tmp_path, capsys) -> None:
    path, _ = _saved_twice(tmp_path)
    path.write_text(json.dumps({"format": "bodymap-map", "version": 99}), encoding="utf-8")
    assert main(["advise", str(path)]) == 1
    err = capsys.readouterr().err
    assert "newer bodymap" in err and ".bak" not in err


def test_the_window_opens_the_previous_version_as_a_new_map(qtbot, tmp_path, monkeypatch):
    window, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    path, text = _saved_twice(tmp_path)
    damaged = _cut(path, text)
    bak = backup_path(path).read_bytes()
    dialogs.open_path, dialogs.open_previous = path, True
    window.acts.open.trigger()
    assert dialogs.asked[-1] == "previous"
    title, problem = dialogs.errors[-1]
    assert title == "Could not open my back.bodymap"
    assert problem.startswith("The file is cut short") and "was left as it is" in problem
    assert len(window.document.map.spots) == 1  # the map as the save before last kept it
    assert window.document.path is None and window.isWindowModified()  # Save asks where
    assert path.read_bytes() == damaged and backup_path(path).read_bytes() == bak


def test_declining_the_previous_version_keeps_the_open_map(qtbot, tmp_path, monkeypatch):
    window, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.add_spot("back", 560.0, 175.0)
    path, text = _saved_twice(tmp_path)
    _cut(path, text)
    dialogs.open_path, dialogs.open_previous = path, False
    window.acts.open.trigger()
    assert dialogs.asked[-1] == "previous"
    assert len(window.document.map.spots) == 1 and window.isWindowModified()


def test_without_a_readable_copy_the_window_only_says_why(qtbot, tmp_path, monkeypatch):
    window, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    path = tmp_path / "once.bodymap"
    path.write_text('{"format": "bodymap-map", "version": 3, "name": "x", "spots": [{"x": 5')
    dialogs.open_path = path
    window.acts.open.trigger()
    assert "previous" not in dialogs.asked
    assert dialogs.errors == [("Could not open once.bodymap", dialogs.errors[0][1])]


def test_the_question_offers_the_previous_version_first(qtbot, monkeypatch, tmp_path):
    boxes = answered_boxes(monkeypatch, QMessageBox.StandardButton.Open)
    saved = datetime(2026, 12, 1, 14, 5, tzinfo=UTC)
    path = tmp_path / "my back.bodymap"
    assert document_dialogs.ask_open_previous(None, path, "The file is cut short.", saved)
    (box,) = boxes
    button = box.button(QMessageBox.StandardButton.Open)
    assert box.defaultButton() is button and button.text() == "Open &Previous Version"
    assert box.text() == "The file is cut short."
    assert "“my back.bodymap.bak”" in box.informativeText()
    assert "neither file is changed" in box.informativeText()


def test_a_whole_file_ending_in_a_newline_with_a_fault_inside_is_damaged() -> None:
    """Saved files end in a newline after the closing brace: that is not a cut."""
    with pytest.raises(MapFileError) as info:
        loads_map('{"format": "bodymap-map", "version": 3, "name": "x", "spots": [} ]}\n\n')
    assert "damaged" in info.value.problem


def test_the_window_offers_no_older_copy_for_a_map_from_a_newer_bodymap(
    qtbot, tmp_path, monkeypatch
):
    window, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    path, _ = _saved_twice(tmp_path)
    path.write_text(json.dumps({"format": "bodymap-map", "version": 99}), encoding="utf-8")
    dialogs.open_path, dialogs.open_previous = path, True
    window.acts.open.trigger()
    assert "previous" not in dialogs.asked
    (title, problem), *_ = dialogs.errors
    assert title == "Could not open my back.bodymap" and "newer bodymap" in problem
    assert window.document.path is None and not window.document.map.spots
