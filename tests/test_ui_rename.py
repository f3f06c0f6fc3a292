"""File → Rename Map…: a map can be renamed at any time, as one undo step, and the title,
the History, the heat map, the guide and the summary follow; Save As keeps the name."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from bodymap.maps import load_map
from bodymap.maps.values import MAX_NAME_LENGTH
from bodymap.ui.window.dialogs import RenameMapDialog
from tests.test_cli import EXAMPLES
from tests.test_ui_window import _settings, make_window, trigger

__all__ = ["_settings"]  # the settings fixture, used by every test here
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

DESK = EXAMPLES / "desk_worker.bodymap"


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def _answer_rename(name: str) -> None:
    """Type ``name`` into the Rename dialog when it opens and press Rename."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RenameMapDialog)
        dialog.field.setText(name)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        ok.click()

    QTimer.singleShot(0, answer)


def test_save_as_keeps_the_name_and_rename_map_changes_it_as_one_undo_step(
    qtbot, tmp_path, monkeypatch
):
    window, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    dialogs.save_path = tmp_path / "renamed.bodymap"
    trigger(window, "save_as")
    tpm = window.document.map
    # Save As names the file, not the map: the title shows both, the status line says how
    assert tpm.name == "Desk worker"
    assert window.windowTitle() == "Desk worker (renamed.bodymap)[*] — bodymap"
    assert "still called Desk worker" in window.hover_label.text()
    assert "Rename Map" in window.hover_label.text()
    window.show_history()
    history = window.history_dialog

    _answer_rename("  Renamed  ")
    assert window.acts.rename_map.isEnabled()
    trigger(window, "rename_map")
    assert tpm.name == "Renamed"  # the spaces around it are not part of the name
    assert window.windowTitle() == "Renamed[*] — bodymap"  # the file is renamed.bodymap
    assert window.isWindowModified()
    assert window.document.undo_stack.undoText() == "Rename map"
    assert history.windowTitle() == "History — Renamed"
    trigger(window, "undo")
    assert tpm.name == "Desk worker" and history.windowTitle() == "History — Desk worker"
    assert not window.isWindowModified()
    trigger(window, "redo")
    trigger(window, "save")
    assert json.loads(dialogs.save_path.read_text())["name"] == "Renamed"
    assert load_map(dialogs.save_path).name == "Renamed"
    history.close()


@pytest.mark.slow  # two PDFs rendered: CI runs it
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_guide_and_the_summary_use_the_new_name(qtbot, tmp_path, monkeypatch):
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    _answer_rename("Home back")
    trigger(window, "rename_map")
    guide = window.guide("pdf", tmp_path / "guide.pdf")
    summary = window.export_summary(tmp_path / "summary.pdf")
    assert guide is not None and summary is not None
    for text in (_pdf_text(guide), _pdf_text(summary)):
        assert "Home back" in text and "Desk worker" not in text


def test_the_heat_map_title_follows_a_rename(qtbot, tmp_path, monkeypatch):
    from bodymap.ui.history.heatmap import HeatMapDialog

    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    window.show_heat_map()
    heat = window.findChild(HeatMapDialog)
    assert heat is not None and heat.windowTitle() == "Heat Map — Desk worker"
    _answer_rename("Home back")
    trigger(window, "rename_map")
    assert heat.windowTitle() == "Heat Map — Home back"
    heat.close()


def test_cancel_or_the_same_name_changes_nothing(qtbot, tmp_path, monkeypatch):
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    monkeypatch.setattr(window, "ask_map_name", lambda current: None)
    assert not window.rename_map()
    monkeypatch.setattr(window, "ask_map_name", lambda current: current)
    assert not window.rename_map()
    assert not window.isWindowModified() and window.document.undo_stack.count() == 0


def test_the_dialog_checks_the_name_as_the_map_does(qtbot, tmp_path):
    dialog = RenameMapDialog("Desk worker")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.field.text() == "Desk worker" and dialog.field.selectedText() == "Desk worker"
    assert ok.isEnabled() and not dialog.problem.isVisible()
    dialog.field.setText("   ")
    assert not ok.isEnabled()
    assert dialog.problem.isVisible() and dialog.problem.text() == "Map name must not be empty."
    dialog.accept()  # Enter with a blank name does not close it
    assert dialog.isVisible()
    dialog.field.setText("x" * (MAX_NAME_LENGTH + 1))
    assert not ok.isEnabled()
    assert dialog.problem.text() == (
        f"Map name is too long ({MAX_NAME_LENGTH + 1} characters; at most {MAX_NAME_LENGTH})."
    )
    dialog.field.setText("<b>Mine</b> & [*]")  # shown and kept literally
    assert ok.isEnabled() and dialog.name() == "<b>Mine</b> & [*]"
    dialog.field.setText("")
    dialog.grab().save(str(tmp_path / "rename.png"))


def test_rename_map_is_in_the_file_menu(qtbot, tmp_path, monkeypatch):
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.acts.rename_map in file_menu.actions()
    assert window.acts.rename_map.text() == "Rena&me Map…"
