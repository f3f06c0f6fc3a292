"""MapDocument: saving, opening, the unsaved-changes prompt, recent files, autosave and
recovery — with the real file format and every dialog answered by the test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from bodymap.maps import add_spot, edit_spot, load_map, move_spot, save_map, side_for
from bodymap.maps.model import TriggerPointMap
from bodymap.ui import settings as prefs
from bodymap.ui.document.commands import NUDGE_ID, OperationCommand
from bodymap.ui.document.document import MapDocument, example_names


class Answers:
    """Records the questions a document asked and gives scripted answers."""

    def __init__(self, doc: MapDocument, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[tuple[str, object]] = []
        self.discard = "cancel"
        self.open_path: Path | None = None
        self.save_path: Path | None = None
        self.recover = True
        self.revert = True
        m = monkeypatch
        m.setattr(doc, "ask_discard", lambda name: self._log("discard", name, self.discard))
        m.setattr(doc, "ask_open_path", lambda: self._log("open", None, self.open_path))
        m.setattr(doc, "ask_save_path", lambda s: self._log("save", s, self.save_path))
        m.setattr(doc, "ask_recover", lambda e: self._log("recover", e, self.recover))
        m.setattr(doc, "ask_revert", lambda name: self._log("revert", name, self.revert))
        m.setattr(doc, "show_error", lambda t, msg: self._log("error", (t, msg), None))
        m.setattr(doc, "show_info", lambda t, msg: self._log("info", (t, msg), None))

    def _log(self, kind: str, detail: object, answer: object) -> object:
        self.asked.append((kind, detail))
        return answer

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.asked]

    def errors(self) -> list[tuple[str, str]]:
        return [detail for kind, detail in self.asked if kind == "error"]  # type: ignore[misc]


@pytest.fixture
def doc(qtbot, tmp_path: Path) -> MapDocument:
    document = MapDocument(recovery_dir=tmp_path / "recovery")
    yield document
    document.close()


@pytest.fixture
def answers(doc: MapDocument, monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers(doc, monkeypatch)


def test_an_edit_is_named_by_what_it_changes() -> None:
    """Undoing an intensity, a kind or a note read alike ("Undone: Edit area 1", paint
    walk): the Undo menu and the status line now say what the edit changed."""
    tpm = TriggerPointMap("Test")
    spot = add_spot(tpm, "back", 560, 200, "right").spot

    def name(**after: object) -> str:
        return OperationCommand(tpm, edit_spot(tpm, spot.id, apply=False, **after)).text()

    assert name(intensity=7) == "Set spot 1's intensity to 7"
    assert name(kind="burning") == "Set spot 1's kind of pain"
    assert name(note="after a long drive") == "Edit spot 1's note"
    assert name(intensity=7, kind="burning") == "Edit spot 1"


def _add(doc: MapDocument, x: float = 560.0, y: float = 200.0) -> str:
    op = add_spot(doc.map, "back", x, y, side_for("back", x), apply=False)
    assert doc.push(op)
    return op.spot.id


def test_command_applies_and_inverts_and_is_named_for_the_menu(qtbot):
    tpm = TriggerPointMap("Test")
    add = add_spot(tpm, "back", 560, 200, "right", apply=False)
    command = OperationCommand(tpm, add)
    assert command.text() == "Add spot 1"
    command.redo()
    assert len(tpm.spots) == 1
    move = OperationCommand(tpm, move_spot(tpm, add.spot.id, 570, 210, apply=False))
    assert move.text() == "Move spot 1"
    move.redo()
    assert (tpm.spots[0].x, tpm.spots[0].y) == (570, 210)
    move.undo()
    command.undo()
    assert tpm.spots == ()


def test_command_on_a_stale_map_drops_out_instead_of_half_applying(qtbot):
    tpm = TriggerPointMap("Test")
    add = add_spot(tpm, "back", 560, 200, "right")  # already applied
    command = OperationCommand(tpm, add)
    command.redo()  # adding the same spot twice is refused
    assert command.error is not None and command.isObsolete()
    assert len(tpm.spots) == 1


def test_edits_mark_the_document_modified_and_undo_back_to_clean(doc, qtbot):
    with qtbot.waitSignal(doc.modificationChanged) as blocker:
        _add(doc)
    assert blocker.args == [True]
    assert doc.undo_stack.undoText() == "Add spot 1"
    with qtbot.waitSignal(doc.modificationChanged) as blocker:
        doc.undo_stack.undo()
    assert blocker.args == [False]
    assert doc.map.spots == ()


def test_nudges_that_cancel_out_leave_the_map_unmodified(doc, answers, tmp_path):
    """Nudging a spot right and back left (or dragging it back where it was) changes
    nothing: the saved map stays unmodified, with no "*" in the title, no question about
    saving on quitting and no empty step left to undo."""
    spot_id = _add(doc)
    answers.save_path = tmp_path / "mine"
    assert doc.save() and not doc.is_modified()
    x, y = doc.map.spot_by_id(spot_id).x, doc.map.spot_by_id(spot_id).y
    for to in (x + 5, x):
        doc.push(move_spot(doc.map, spot_id, to, y, apply=False), merge_id=NUDGE_ID)
    assert doc.map.spot_by_id(spot_id).x == x
    assert not doc.is_modified()
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Add spot 1"


def test_save_and_open_round_trip_through_the_real_file_format(doc, answers, tmp_path):
    spot_id = _add(doc)
    target = tmp_path / "mine"
    answers.save_path = target
    assert doc.save()  # never saved: asks for a name
    saved = tmp_path / "mine.bodymap"
    assert doc.path == saved and not doc.is_modified()
    assert load_map(saved).spots == doc.map.spots

    other = MapDocument(recovery_dir=tmp_path / "rec2")
    asked: list[Path] = []  # the map is still open in ``doc``: the other window asks
    other.ask_open_twice = lambda path: asked.append(path) or True  # type: ignore[method-assign]
    try:
        assert other.open(saved)
        assert asked == [saved]
        assert [s.id for s in other.map.spots] == [spot_id]
        assert other.path == saved and not other.is_modified()
        assert other.recent_files()[0] == saved
    finally:
        other.close()


def test_save_to_a_known_path_does_not_ask(doc, answers, tmp_path):
    path = tmp_path / "a.bodymap"
    save_map(TriggerPointMap("A"), path)
    assert doc.open(path)
    _add(doc)
    assert doc.save()
    assert "save" not in answers.kinds()
    assert len(load_map(path).spots) == 1


def test_a_corrupt_file_is_reported_and_left_untouched(doc, answers, tmp_path):
    _add(doc)
    doc.save_as(tmp_path / "current.bodymap")
    before_map = doc.map
    bad = tmp_path / "broken.bodymap"
    payload = b'{"format": "bodymap-map", "version": 1, "spots": [tru'
    bad.write_bytes(payload)
    assert not doc.open(bad)
    ((title, message),) = answers.errors()
    assert "broken.bodymap" in title and message
    assert bad.read_bytes() == payload
    assert doc.map is before_map and doc.path == tmp_path / "current.bodymap"


def test_a_failed_save_says_so_and_keeps_the_old_file(doc, answers, tmp_path, monkeypatch):
    path = tmp_path / "keep.bodymap"
    save_map(TriggerPointMap("Keep"), path)
    old_bytes = path.read_bytes()
    assert doc.open(path)
    _add(doc)
    import bodymap.maps.safe_io as safe_io

    def failing_replace(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe_io.os, "replace", failing_replace)
    assert not doc.save()
    ((title, message),) = answers.errors()
    assert title == "Could not save Keep"  # the map's whole name; the file in the text
    assert str(path) in message and "unchanged" in message
    assert path.read_bytes() == old_bytes
    assert doc.is_modified()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_saving_over_a_map_made_read_only_says_so_and_writes_nothing(doc, answers, tmp_path):
    """File → Save of a map the person made read-only used to replace it and say "Saved"."""
    path = tmp_path / "archive.bodymap"
    save_map(TriggerPointMap("Archive"), path)
    old_bytes = path.read_bytes()
    assert doc.open(path)
    path.chmod(0o444)
    _add(doc)
    assert not doc.save()
    ((title, message),) = answers.errors()
    assert title == "Could not save Archive"
    assert message.startswith("The file is read-only.") and "Save As" in message
    assert path.read_bytes() == old_bytes
    assert doc.is_modified()  # the edit is kept, to save elsewhere


@pytest.mark.parametrize(
    ("answer", "opens", "saved"),
    [("cancel", False, False), ("discard", True, False), ("save", True, True)],
)
def test_opening_over_unsaved_changes_asks_first(doc, answers, tmp_path, answer, opens, saved):
    mine = tmp_path / "mine.bodymap"
    save_map(TriggerPointMap("Mine"), mine)
    other = tmp_path / "other.bodymap"
    save_map(TriggerPointMap("Other"), other)
    doc.open(mine)
    _add(doc)
    answers.discard = answer
    assert doc.open(other) is opens
    assert answers.asked[0] == ("discard", "mine.bodymap")
    assert doc.map.name == ("Other" if opens else "Mine")
    assert len(load_map(mine).spots) == (1 if saved else 0)
    assert doc.is_modified() is (not opens)


def test_new_and_revert(doc, answers, tmp_path):
    path = tmp_path / "r.bodymap"
    save_map(TriggerPointMap("R"), path)
    doc.open(path)
    _add(doc)
    assert doc.revert()
    assert doc.map.spots == () and not doc.is_modified()
    _add(doc)
    answers.discard = "discard"
    assert doc.new()
    assert doc.path is None and doc.map.spots == () and not doc.is_modified()


def test_open_example_is_an_untitled_copy(doc, answers):
    assert "desk_worker" in example_names()
    assert doc.open_example("desk_worker")
    assert doc.path is None and doc.map.spots
    assert doc.display_name == doc.map.name


def test_recent_files_keep_eight_newest_and_missing_ones_until_opened(doc, answers, tmp_path):
    paths = []
    for index in range(10):
        path = tmp_path / f"m{index}.bodymap"
        save_map(TriggerPointMap(f"M{index}"), path)
        paths.append(path)
        answers.discard = "discard"
        assert doc.open(path)
    recent = doc.recent_files()
    assert recent == list(reversed(paths))[: prefs.MAX_RECENT]
    paths[9].unlink()  # missing (a drive unplugged?): still listed, it may come back
    assert doc.recent_files() == recent
    assert not doc.open(paths[9])  # opening it finds it gone: then it goes
    assert doc.recent_files()[0] == paths[8]
    assert str(paths[9]) not in QSettings().value("recentFiles")


def test_autosave_writes_a_recovery_file_and_a_clean_save_removes_it(doc, answers, tmp_path):
    assert doc.autosave() is None  # nothing unsaved, nothing written
    _add(doc)
    written = doc.autosave()
    assert written is not None and written.is_file()
    doc.save_as(tmp_path / "saved.bodymap")
    assert not written.exists()


def test_autosave_writes_again_only_after_another_change(doc, answers):
    written: list[object] = []
    doc.autosaved.connect(written.append)
    spot_id = _add(doc)
    assert doc.autosave() is not None
    assert doc.autosave() is None  # the timer fires again: nothing new to keep
    assert len(written) == 1
    assert doc.push(move_spot(doc.map, spot_id, 570.0, 210.0, "right", apply=False))
    assert doc.autosave() is not None
    doc.undo_stack.undo()  # still unsaved (the spot is there), and different again
    assert doc.autosave() is not None
    assert len(written) == 3


def test_edits_trigger_an_autosave_on_their_own(qtbot, tmp_path):
    doc = MapDocument(recovery_dir=tmp_path / "recovery")
    doc._edit_timer.setInterval(10)
    with qtbot.waitSignal(doc.autosaved, timeout=3000) as blocker:
        _add(doc)
    assert Path(blocker.args[0]).is_file()
    doc.close()
    assert not Path(blocker.args[0]).exists()


def test_recovery_after_a_crash_restores_the_unsaved_map(qtbot, tmp_path, monkeypatch):
    crashed = MapDocument(recovery_dir=tmp_path / "recovery")
    spot_id = _add(crashed)
    crashed.autosave()
    crashed.recovery.close()  # the process dies: the OS lets go of its lock, the file stays
    del crashed

    fresh = MapDocument(recovery_dir=tmp_path / "recovery")
    answers = Answers(fresh, monkeypatch)
    assert fresh.offer_recovery()
    assert answers.kinds() == ["recover"]
    assert [s.id for s in fresh.map.spots] == [spot_id]
    assert fresh.is_modified()
    fresh.close()
    assert not list((tmp_path / "recovery").iterdir())


def test_declining_recovery_discards_the_file(qtbot, tmp_path, monkeypatch):
    crashed = MapDocument(recovery_dir=tmp_path / "recovery")
    _add(crashed)
    crashed.autosave()
    crashed.recovery.close()
    del crashed
    fresh = MapDocument(recovery_dir=tmp_path / "recovery")
    answers = Answers(fresh, monkeypatch)
    answers.recover = False
    assert not fresh.offer_recovery()
    assert fresh.map.spots == ()
    assert not list((tmp_path / "recovery").iterdir())
    fresh.close()


def test_the_first_save_starts_in_documents_or_else_home(doc, tmp_path, monkeypatch) -> None:
    """With no recent file, the chooser opens in the Documents folder; where that folder does
    not exist it opens in the home folder, not wherever the program was started from."""
    from PySide6.QtCore import QStandardPaths

    documents = tmp_path / "Documents"
    monkeypatch.setattr(doc, "recent_files", lambda: [])
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    assert doc.start_folder() == str(tmp_path)
    assert doc.suggested_path(".bodymap").parent == tmp_path
    documents.mkdir()
    assert doc.start_folder() == str(documents)
