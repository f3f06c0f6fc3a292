"""Hostile text: every string from the user or a file is shown literally and opens no file.

Each hostile string holds ``<img src="…/probe.png">`` naming a real picture whose access
time is older than its change time, so the filesystem records any read of it (relatime):
a place that rendered the string as rich text would load the picture. A positive control
proves the probe works before it is trusted.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip

from bodymap.maps import RecoveryStore, TriggerPointMap, add_spot, save_map
from bodymap.ui.document import dialogs as document_dialogs
from bodymap.ui.document.document import MapDocument
from bodymap.ui.drawing.plain_text import message_box, plain_window_title
from bodymap.ui.window.mainwindow import MapWindow

# offscreen Qt says these when a window with a dock, or a tooltip, is shown
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints", "support raise")
NECK_R = ("back", 560.0, 175.0)


class Probe:
    """A picture whose every read shows in its access time."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "probe.png"
        image = QImage(4, 4, QImage.Format.Format_RGB32)
        image.fill(QColor("red"))
        assert image.save(str(self.path))
        self.arm()

    def arm(self) -> None:
        mtime = self.path.stat().st_mtime_ns
        os.utime(self.path, ns=(mtime - 10**10, mtime))
        self._atime = self.path.stat().st_atime_ns

    def was_read(self) -> bool:
        return self.path.stat().st_atime_ns != self._atime


@pytest.fixture
def probe(tmp_path: Path, qapp) -> Probe:
    probe = Probe(tmp_path)
    control = QLabel(f'<img src="{probe.path}">')  # rich text: Qt loads the picture
    control.grab()
    if not probe.was_read():
        pytest.skip("this filesystem does not record reads (noatime)")
    probe.arm()
    return probe


def hostile(probe: Probe) -> str:
    return f'<img src="{probe.path}"> <b>bold</b> & [*] <a href="file:///etc/passwd">x</a>'


def shown(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt shows for ``text`` in a widget of ``text_format`` (tooltips: AutoText)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText().replace("\u2028", "\n")


def show_tooltip(qtbot, text: str) -> None:
    """Show ``text`` as Qt's tooltip, drawn, as a user pointing at it would see it."""
    QToolTip.showText(QPoint(20, 20), text)
    qtbot.waitUntil(QToolTip.isVisible)
    for label in QCoreApplication.instance().allWidgets():
        if label.objectName() == "qtooltip_label" and label.isVisible():
            label.grab()
    hide_tooltip()  # gone before the next test points


def hide_tooltip() -> None:
    """Hide Qt's tooltip now: ``QToolTip.hideText`` hides it after a real 300 ms."""
    QToolTip.hideText()
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "qtooltip_label":
            widget.hide()
    assert not QToolTip.isVisible()


@pytest.fixture(autouse=True)
def _settings(private_settings: Path) -> Path:
    return private_settings


class Boxes:
    """Every message box the document shows, captured instead of run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.boxes: list[QMessageBox] = []
        self.answer = QMessageBox.StandardButton.Cancel
        monkeypatch.setattr(document_dialogs, "run_box", self._run)

    def _run(self, box: QMessageBox) -> int:
        box.grab()  # drawn, so any resource in it would be loaded now
        self.boxes.append(box)
        return int(self.answer.value)

    def last_text(self) -> str:
        box = self.boxes[-1]
        assert box.textFormat() == Qt.TextFormat.PlainText
        for label in box.findChildren(QLabel):
            assert label.textFormat() in (Qt.TextFormat.PlainText, Qt.TextFormat.AutoText)
            assert not (label.textFormat() == Qt.TextFormat.AutoText and label.text()), (
                f"{label.objectName()} guesses rich text"
            )
        return box.text()


def hostile_map(probe: Probe) -> TriggerPointMap:
    tpm = TriggerPointMap(hostile(probe))
    add_spot(tpm, *NECK_R, "right", 6, note=hostile(probe) + "\nafter <i>desk</i> work")
    return tpm


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> Iterator[MapWindow]:
    monkeypatch.chdir(tmp_path)
    document = MapDocument(recovery_dir=tmp_path / "recovery")
    win = MapWindow(document)
    monkeypatch.setattr(win, "show_safety_note", lambda: None)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    monkeypatch.setattr(win.document, "ask_discard", lambda name: "discard")
    win.close()  # while the answers above still hold: no real question is left open


def test_a_hostile_map_and_note_are_literal_wherever_the_window_shows_them(
    qtbot, window, probe, tmp_path, monkeypatch
) -> None:
    boxes = Boxes(monkeypatch)
    tpm = hostile_map(probe)
    path = tmp_path / '<img src="probe.png"> & [*].bodymap'
    save_map(tpm, path)
    assert window.document.open(path)
    name, note = tpm.name, tpm.spots[0].note

    # window title: the map's name and the file's, [*] not taken for the unsaved mark
    shown_title = window.windowHandle().title()
    assert name in shown_title and path.name in shown_title
    # the spot list: its tooltip shows the note, line break and all
    item = window.panel.spot_list.item(0)
    assert shown(item.toolTip()) == f"Ache pain: {note}"
    show_tooltip(qtbot, item.toolTip())
    # the editor
    window.select_spot(tpm.spots[0].id)
    assert window.panel.editor.note_edit.toPlainText() == note
    # the history window's title, and its legend drawn
    window.show_history()
    dialog = window.history_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowHandle().title() == f"History — {name}"
    dialog.grab()
    dialog.close()
    # the recent files menu
    recent = window.menus["recent"].actions()[0]
    assert recent.text().replace("&&", "\0").replace("&", "").replace("\0", "&") == (
        f"1 {path.name}"
    )
    # the questions: unsaved changes, revert
    doc = window.document
    assert doc.ask_discard(doc.display_name) == "cancel"
    assert boxes.last_text() == f"Save changes to {path.name}?"
    assert doc.ask_revert(name) is False
    assert boxes.last_text() == f"Discard your changes and go back to the saved {name}?"
    window.grab()
    assert not probe.was_read()


def test_text_quoted_from_a_refused_file_is_literal(window, probe, tmp_path, monkeypatch) -> None:
    boxes = Boxes(monkeypatch)
    path = tmp_path / "<b>refused<b> & [*].bodymap"
    path.write_text(json.dumps({"format": hostile(probe), "version": 1}), encoding="utf-8")
    before = path.read_bytes()
    assert not window.document.open(path)
    box = boxes.boxes[-1]
    assert box.windowTitle() == plain_window_title(f"Could not open {path.name}")
    assert path.read_bytes() == before
    text = boxes.last_text()
    assert text and not probe.was_read()


def test_a_save_error_naming_a_hostile_file_is_literal(
    window, probe, tmp_path, monkeypatch
) -> None:
    boxes = Boxes(monkeypatch)
    folder = tmp_path / f"{hostile(probe).replace('/', '_')}"
    folder.mkdir()
    target = folder / "map.bodymap"
    target.mkdir()  # a folder where the map should go: the save is refused
    assert not window.document.save_as(target)
    assert "Nothing was written" in boxes.last_text()
    assert not probe.was_read()


def test_the_recovery_question_shows_a_hostile_name_literally(
    qtbot, window, probe, tmp_path, monkeypatch
) -> None:
    boxes = Boxes(monkeypatch)
    crashed = RecoveryStore(tmp_path / "recovery", session_id="crashed")
    crashed.save_recovery(hostile_map(probe), None)
    crashed.close()
    boxes.answer = QMessageBox.StandardButton.Yes
    assert window.document.offer_recovery()
    assert boxes.last_text().startswith(f"Recover unsaved changes to {hostile(probe)} from ")
    assert window.document.map.name == hostile(probe)
    show_tooltip(qtbot, window.panel.spot_list.item(0).toolTip())
    assert not probe.was_read()


@pytest.mark.parametrize("qt_guesses", [False, True], ids=["this Qt", "a Qt that guesses"])
def test_the_line_under_a_question_is_literal(qapp, monkeypatch, qt_guesses: bool) -> None:
    """The line under a question names the file's folder or the autosaved map, either of
    which may hold a tag: it is shown as written, never rendered. The Qt installed gives
    that line the box's plain-text format itself; message_box sets it too, so that a Qt
    which leaves the line to its rich-text guess (emulated here) shows it literally too."""
    informative = 'The file is in /home/<b>me</b> & <img src="probe.png">.'
    original = QMessageBox.setInformativeText

    def guessing(box: QMessageBox, text: str) -> None:
        original(box, text)
        for label in box.findChildren(QLabel, "qt_msgbox_informativelabel"):
            label.setTextFormat(Qt.TextFormat.AutoText)

    if qt_guesses:
        monkeypatch.setattr(QMessageBox, "setInformativeText", guessing)
    icon = QMessageBox.Icon.Warning
    box = message_box(None, icon, "Question", "Save?", informative=informative)
    [label] = box.findChildren(QLabel, "qt_msgbox_informativelabel")
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert shown(label.text(), label.textFormat()) == informative


def test_the_guide_prints_hostile_text_literally(probe, tmp_path, monkeypatch) -> None:
    from bodymap.ui.printing.guide import write_guide_pdf

    monkeypatch.chdir(tmp_path)  # the picture named relatively, so the footer holds it all
    name = '<img src="probe.png"> <b>bold</b> & [*]'
    tpm = TriggerPointMap(name)
    add_spot(tpm, *NECK_R, "right", 6, note=f"{name}\nafter <i>desk</i> work")
    out = tmp_path / "guide.pdf"
    write_guide_pdf(tpm, out)
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    # the map's name in the header and in every footer, the note in the spot table
    assert flat.count(name) >= 3, flat
    assert "after <i>desk</i> work" in flat
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert f"Rolling guide – {name}" in info.stdout
    assert not probe.was_read()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_after_save_as_the_guide_the_pdf_and_the_history_follow_the_new_name(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    from bodymap.ui.printing.guide import write_guide_pdf

    point = window.canvas.viewport_point(*NECK_R)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    window.show_history()
    dialog = window.history_dialog
    assert dialog is not None and dialog.windowTitle() == "History — Untitled map"
    assert window.document.save_as(tmp_path / "mymap")
    assert window.document.map.name == "mymap"
    assert dialog.windowTitle() == "History — mymap"
    assert window.windowTitle() == "mymap[*] — bodymap"
    out = tmp_path / "guide.pdf"
    write_guide_pdf(window.document.map, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Untitled" not in text and "Untitled" not in info
    assert "Rolling guide – mymap" in info
    assert text.count("mymap") >= 2  # header and footer
    # the saved file carries the name; naming is part of saving, not an undo step, so
    # Undo never renames the map or marks it changed
    assert json.loads((tmp_path / "mymap.bodymap").read_text())["name"] == "mymap"
    stack = window.document.undo_stack
    assert stack.isClean() and stack.undoText() == "Add spot 1"
    stack.undo()
    assert window.document.map.name == "mymap"
    stack.redo()  # back to the saved state, so closing the window asks nothing
    dialog.close()


def test_saving_as_untitled_map_adds_no_step(window, tmp_path) -> None:
    steps = window.document.undo_stack.count()
    assert window.document.save_as(tmp_path / "Untitled map.bodymap")
    assert window.document.undo_stack.count() == steps


def test_a_failed_first_save_leaves_the_map_untitled(qtbot, window, tmp_path) -> None:
    errors: list[str] = []
    titles: list[str] = []
    window.document.show_error = lambda title, text: (  # type: ignore[method-assign]
        errors.append(title),
        titles.append(window.windowTitle()),
    )
    blocked = tmp_path / "blocked.bodymap"
    blocked.mkdir()
    assert not window.document.save_as(blocked)
    assert errors and window.document.map.name == "Untitled map"
    assert titles == ["Untitled map[*] — bodymap"]  # the error shows beside the old title
    assert not window.document.undo_stack.canRedo()


# -- recovery that cannot be shown or loaded ---------------------------------------------
@pytest.fixture
def recovery(tmp_path: Path) -> Path:
    return tmp_path / "recovery"


def _offer_then_die(folder: Path) -> None:
    """A start of bodymap killed while its recovery question is on screen."""
    child = (
        "import os, signal, sys\n"
        "from bodymap.maps import RecoveryStore\n"
        "store = RecoveryStore(sys.argv[1])\n"
        "[entry] = store.list_recoverable()\n"
        "assert store.begin_offer(entry)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", child, str(folder)], capture_output=True)
    assert proc.returncode == -9, proc.stderr


def test_an_autosave_that_stopped_two_starts_is_set_aside_not_offered(
    recovery, monkeypatch
) -> None:
    crashed = RecoveryStore(recovery, session_id="crashed")
    crashed.save_recovery(TriggerPointMap("Killer name"), None)
    crashed.close()
    autosave = recovery / "crashed.bodymap-recovery"
    content = autosave.read_bytes()
    _offer_then_die(recovery)  # once may be a power cut: it is offered again
    assert RecoveryStore(recovery).set_aside_unusable() == []
    _offer_then_die(recovery)  # twice in a row: the autosave is the trouble
    document = MapDocument(recovery_dir=recovery)
    asked: list[object] = []
    notices: list[tuple[str, str]] = []
    monkeypatch.setattr(document, "ask_recover", lambda entry: asked.append(entry) or True)
    monkeypatch.setattr(document, "show_info", lambda t, m: notices.append((t, m)))
    assert not document.offer_recovery()
    assert asked == []
    [(title, message)] = notices
    assert title == "Autosaved maps set aside"
    kept = recovery / "crashed.bodymap-recovery.set-aside"
    assert message == (
        f"Not offered again (bodymap stopped 2 times while offering it); kept as {kept}. "
        "File → Open… (Recovered work) opens it as unsaved changes."
    )
    assert "\n" not in message
    assert kept.read_bytes() == content and not autosave.exists()
    assert sorted(p.name for p in recovery.iterdir()) == [kept.name]
    # the next start is quiet
    assert not MapDocument(recovery_dir=recovery).offer_recovery()
    document.close()


def test_an_unreadable_autosave_is_set_aside_with_a_notice(recovery, monkeypatch) -> None:
    recovery.mkdir()
    damaged = recovery / "old.bodymap-recovery"
    damaged.write_bytes(b'{"format": "bodymap-recovery", "saved": "9999-12-31T23:59:59-23:59"')
    document = MapDocument(recovery_dir=recovery)
    notices: list[str] = []
    monkeypatch.setattr(document, "show_info", lambda t, m: notices.append(m))
    monkeypatch.setattr(document, "ask_recover", lambda entry: pytest.fail("offered"))
    assert not document.offer_recovery()
    assert len(notices) == 1 and notices[0].startswith("Not offered again (cannot recover")
    assert (recovery / "old.bodymap-recovery.set-aside").exists()
    document.close()


def test_an_autosave_that_fails_to_load_when_accepted_is_set_aside(recovery, monkeypatch) -> None:
    crashed = RecoveryStore(recovery, session_id="crashed")
    crashed.save_recovery(TriggerPointMap("Gone bad"), None)
    crashed.close()
    document = MapDocument(recovery_dir=recovery)
    errors: list[str] = []

    def ask(entry) -> bool:  # the file is damaged between the question and the opening
        entry.path.write_text("{")
        return True

    monkeypatch.setattr(document, "ask_recover", ask)
    monkeypatch.setattr(document, "show_error", lambda t, m: errors.append(m))
    assert not document.offer_recovery()
    assert len(errors) == 1 and errors[0].endswith("crashed.bodymap-recovery.set-aside")
    assert (recovery / "crashed.bodymap-recovery.set-aside").read_text() == "{"
    document.close()


def test_questions_that_raise_twice_set_the_autosave_aside(recovery, monkeypatch) -> None:
    crashed = RecoveryStore(recovery, session_id="crashed")
    crashed.save_recovery(TriggerPointMap("Boom"), None)
    crashed.close()

    def ask(entry) -> bool:
        raise RuntimeError("the question could not be drawn")

    for _start in range(2):
        document = MapDocument(recovery_dir=recovery)
        monkeypatch.setattr(document, "ask_recover", ask)
        with pytest.raises(RuntimeError):
            document.offer_recovery()
        document.close()
    later = MapDocument(recovery_dir=recovery)
    notices: list[str] = []
    monkeypatch.setattr(later, "show_info", lambda t, m: notices.append(m))
    monkeypatch.setattr(later, "ask_recover", lambda entry: pytest.fail("offered again"))
    assert not later.offer_recovery()
    assert len(notices) == 1
    later.close()


def test_an_answered_question_forgets_an_earlier_unanswered_one(recovery, monkeypatch) -> None:
    crashed = RecoveryStore(recovery, session_id="crashed")
    crashed.save_recovery(TriggerPointMap("Fine"), None)
    crashed.close()
    _offer_then_die(recovery)
    document = MapDocument(recovery_dir=recovery)
    monkeypatch.setattr(document, "ask_recover", lambda entry: True)
    assert document.offer_recovery()
    assert document.map.name == "Fine"
    assert not list(recovery.glob("crashed.*"))
    document.close()


def test_a_declined_autosave_is_deleted_and_its_mark_too(recovery, monkeypatch) -> None:
    crashed = RecoveryStore(recovery, session_id="crashed")
    crashed.save_recovery(TriggerPointMap("No thanks"), None)
    crashed.close()
    document = MapDocument(recovery_dir=recovery)
    monkeypatch.setattr(document, "ask_recover", lambda entry: False)
    assert not document.offer_recovery()
    assert list(recovery.iterdir()) == []
    document.close()


def test_an_autosave_dated_at_the_edge_of_the_calendar_is_asked_about(
    recovery, monkeypatch
) -> None:
    crashed = RecoveryStore(recovery, session_id="edge")
    crashed.save_recovery(TriggerPointMap("Edge"), None)
    crashed.close()
    path = recovery / "edge.bodymap-recovery"
    data = json.loads(path.read_text())
    data["saved"] = "9999-12-31T23:59:59Z"
    path.write_text(json.dumps(data))
    boxes = Boxes(monkeypatch)
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: local time is past year 9999
    time.tzset()
    try:
        with pytest.raises(OverflowError):
            datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).astimezone()
        document = MapDocument(recovery_dir=recovery)
        assert not document.offer_recovery()  # answered Cancel: not recovered
        assert (
            boxes.last_text() == "Recover unsaved changes to Edge from 9999-12-31T23:59:59+00:00?"
        )
        document.close()
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize("kind", ["png", "csv", "pdf"])
def test_an_export_never_replaces_a_map(window, tmp_path, monkeypatch, kind: str) -> None:
    errors: list[str] = []
    monkeypatch.setattr(window.document, "show_error", lambda t, m: errors.append(m))
    path = tmp_path / "desk.bodymap"
    save_map(TriggerPointMap("Desk"), path)
    other = tmp_path / "other.bodymap"
    save_map(TriggerPointMap("Other"), other)
    assert window.document.open(path)
    before = path.read_bytes(), other.read_bytes()
    for target in (path, other):
        write = window.guide if kind == "pdf" else window.export
        assert (write("pdf", target) if kind == "pdf" else write(kind, target)) is None
        assert errors[-1] == f"{target.name} is a map file; choose another name so the map is kept."
    assert (path.read_bytes(), other.read_bytes()) == before


def test_an_export_suggests_a_safe_name_for_a_hostile_map(window, probe, monkeypatch) -> None:
    window.document._install(hostile_map(probe), None)
    suggested = window.document.suggested_path(".png")
    assert suggested.parent == Path(window.document.start_folder())
    assert set(suggested.name) <= set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_."
    )


def test_a_png_export_of_a_hostile_map_draws_its_name_as_text(window, probe, tmp_path) -> None:
    window.document._install(hostile_map(probe), None)
    out = window.export("png", tmp_path / "map.png")
    assert out is not None and out.read_bytes()[:4] == b"\x89PNG"
    assert not probe.was_read()


def test_an_autosave_in_a_folder_bodymap_cannot_write_is_still_offered(
    recovery, monkeypatch
) -> None:
    import bodymap.maps.recovery as recovery_module

    crashed = RecoveryStore(recovery, session_id="crashed")
    crashed.save_recovery(TriggerPointMap("Read only"), None)
    crashed.close()
    (recovery / "crashed.lock").unlink()
    real_open = os.open

    def refuse_new_files(path, flags, *args):  # a read-only folder, even for root
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(recovery_module.os, "open", refuse_new_files)
    document = MapDocument(recovery_dir=recovery)
    asked: list[str] = []
    monkeypatch.setattr(document, "ask_recover", lambda entry: asked.append(entry.name))
    assert not document.offer_recovery()
    assert asked == ["Read only"]


def test_saving_into_a_missing_folder_names_the_folder(window, tmp_path) -> None:
    texts: list[str] = []
    window.document.show_error = lambda title, text: texts.append(text)  # type: ignore[method-assign]
    missing = tmp_path / "no such folder"
    assert not window.document.save_as(missing / "mine.bodymap")
    assert texts[0].startswith(f"Could not save: the folder {missing} does not exist.")
    assert not missing.exists()
