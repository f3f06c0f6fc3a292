"""File → Open Recent keeps a file that is missing at start-up (an unplugged drive may
bring it back), marks it, and takes it off only when choosing it finds it gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings

from bodymap.maps import save_map
from bodymap.maps.model import TriggerPointMap
from bodymap.ui.document.document import MapDocument
from bodymap.ui.window.mainwindow import MapWindow

pytestmark = pytest.mark.qt_log_ignore(  # the offscreen platform, opening a menu
    "does not support propagateSizeHints",
    "does not support raise",
    "does not support grabbing the keyboard",
)


def _window(qtbot, tmp_path: Path, monkeypatch) -> MapWindow:
    """A window that keeps recent files, as the program's own does."""
    window = MapWindow(MapDocument(recovery_dir=tmp_path / "recovery"))
    monkeypatch.setattr(window, "show_safety_note", lambda: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _entries(window: MapWindow) -> list[str]:
    return [action.text() for action in window.menus["recent"].actions()]


def test_a_recent_file_missing_at_start_up_stays_until_chosen(
    qtbot, tmp_path, monkeypatch, private_settings, messages
) -> None:
    here = tmp_path / "here.bodymap"
    away = tmp_path / "usb" / "away.bodymap"  # on a drive not plugged in now
    save_map(TriggerPointMap("Here"), here)
    QSettings().setValue("recentFiles", [str(away), str(here)])

    window = _window(qtbot, tmp_path, monkeypatch)
    assert _entries(window) == ["&1 away.bodymap (not found)", "&2 here.bodymap"]
    assert QSettings().value("recentFiles") == [str(away), str(here)]  # nothing forgotten

    # the drive comes back: the mark goes the next time the menu opens
    away.parent.mkdir()
    save_map(TriggerPointMap("Away"), away)
    menu = window.menus["recent"]
    menu.popup(QPoint(0, 0))
    qtbot.waitUntil(menu.isVisible)
    menu.hide()
    assert _entries(window) == ["&1 away.bodymap", "&2 here.bodymap"]

    # gone for real: choosing it says so and takes it off, and only it
    away.unlink()
    menu.actions()[0].trigger()
    [(title, text)] = messages
    assert title == "Could not open away.bodymap"
    assert text.endswith(f"It was looked for in {away.parent}. It is taken off File → Open Recent.")
    assert _entries(window) == ["&1 here.bodymap"]
    assert QSettings().value("recentFiles") == [str(here)]
    assert window.document.map.name == "Untitled map"


def test_a_missing_recent_file_is_said_before_any_question_about_unsaved_changes(
    qtbot, tmp_path, monkeypatch, private_settings, messages
) -> None:
    """A tester with unsaved changes chose "gone.bodymap (not found)": bodymap asked "Save
    changes?", then said the file was not there and kept the map after all. Now it says so
    at once, asks nothing, and the unsaved map stays as it was."""
    gone = tmp_path / "gone.bodymap"
    QSettings().setValue("recentFiles", [str(gone)])
    window = _window(qtbot, tmp_path, monkeypatch)
    window.add_spot("back", 560, 200)
    asked: list[str] = []
    monkeypatch.setattr(
        window.document, "ask_discard", lambda name: asked.append(name) or "discard"
    )
    window.menus["recent"].actions()[0].trigger()
    assert asked == []
    [(title, text)] = messages
    assert title == "Could not open gone.bodymap" and text.startswith("There is no such file.")
    assert window.document.is_modified() and len(window.document.map.spots) == 1
    assert _entries(window) == []
