"""A recovery file — an autosave offered after a crash, or one set aside because bodymap
stopped while offering it — opens from File → Open (and ``bodymap open``) as unsaved
changes, and the file itself is only read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from bodymap.maps import RecoveryStore, add_spot, side_for
from bodymap.maps.model import TriggerPointMap
from bodymap.ui.document import dialogs
from bodymap.ui.document.document import MapDocument
from bodymap.ui.window.mainwindow import window_title

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _set_aside_autosave(folder: Path, origin: Path | None) -> Path:
    """An autosave of a two-spot map left by a dead session, set aside as after two
    offers that ended with bodymap stopping."""
    tpm = TriggerPointMap("Lost work")
    for x in (560.0, 620.0):
        add_spot(tpm, "back", x, 300.0, side_for("back", x))
    crashed = RecoveryStore(folder, session_id="crashed")
    crashed.save_recovery(tpm, origin)
    crashed.close()
    [entry] = RecoveryStore(folder).list_recoverable()
    return RecoveryStore(folder).set_aside(entry)


def test_file_open_offers_and_opens_a_set_aside_autosave_as_unsaved_changes(
    main_window, tmp_path, monkeypatch, messages
) -> None:
    origin = tmp_path / "maps" / "back.bodymap"
    origin.parent.mkdir()
    kept = _set_aside_autosave(tmp_path / "elsewhere", origin)
    before = kept.read_bytes()
    window = main_window()
    filters: list[str] = []

    def choose(_parent, _title, _start, file_filter):  # the file dialog, answered
        filters.append(file_filter)
        return str(kept), "Recovered work (*.bodymap-recovery *.set-aside)"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    window.acts.open.trigger()

    assert messages == []
    [offered] = filters
    assert "Recovered work (*.bodymap-recovery *.set-aside)" in offered.split(";;")
    document = window.document
    assert document.map.name == "Lost work" and len(document.map.spots) == 2
    assert window.panel.spot_list.count() == 2
    assert document.path is None and document.is_modified()
    assert window.isWindowModified() and "Lost work" in window_title(document)
    assert kept.read_bytes() == before  # only read: nothing moved, changed or deleted
    assert document.recent_files() == []  # not a map file: Open Recent does not offer it

    # Save asks where (the recovery file is never written to), and the map is saved there
    asked: list[Path] = []
    saved_to = tmp_path / "maps" / "recovered.bodymap"
    monkeypatch.setattr(document, "ask_save_path", lambda s: asked.append(s) or saved_to)
    window.acts.save.trigger()
    assert len(asked) == 1 and saved_to.exists() and not document.is_modified()
    assert kept.read_bytes() == before and not origin.exists()


def test_a_recovery_file_that_cannot_be_read_is_one_clear_message(
    main_window, tmp_path, monkeypatch, messages
) -> None:
    damaged = tmp_path / "old.bodymap-recovery.set-aside"
    damaged.write_text('{"format": "bodymap-recovery", "version": 1}', encoding="utf-8")
    window = main_window()
    monkeypatch.setattr(window.document, "ask_open_path", lambda: damaged)
    window.acts.open.trigger()
    [(title, text)] = messages
    assert title == f"Could not open {damaged.name}"
    assert text.startswith("Cannot recover this map (not a bodymap recovery file)")
    assert text.endswith(f"{damaged.name} was left as it is.") and "\n\n" in text
    assert window.document.map.spots == () and not window.document.is_modified()


def test_the_set_aside_notice_says_how_to_open_it(tmp_path, monkeypatch, qtbot) -> None:
    folder = tmp_path / "recovery"
    crashed = RecoveryStore(folder, session_id="crashed")
    crashed.save_recovery(TriggerPointMap("Bad"), None)
    crashed.close()
    (folder / "crashed.offered").write_text("2", encoding="ascii")  # two offers, two stops
    document = MapDocument(recovery_dir=folder)
    notices: list[str] = []
    monkeypatch.setattr(dialogs, "show_message", lambda _p, _i, _t, text: notices.append(text))
    assert not document.offer_recovery()
    [notice] = notices
    kept = folder / "crashed.bodymap-recovery.set-aside"
    assert notice == (
        f"Not offered again (bodymap stopped 2 times while offering it); kept as {kept}. "
        "File → Open… (Recovered work) opens it as unsaved changes."
    )
    # and what it says works
    assert document.open(kept)
    assert document.map.name == "Bad" and document.is_modified() and document.path is None
    document.close()
