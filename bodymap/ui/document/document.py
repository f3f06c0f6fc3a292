"""The open map as a document: its file, its undo stack, saving, and nothing ever lost.

`MapDocument` owns the current `TriggerPointMap`, the path it came from and a `QUndoStack`
whose clean state means "saved". It opens and saves through `bodymap.maps` (strict loader,
atomic save), autosaves to a recovery file while there are unsaved changes and offers those
files back after a crash. It remembers what its file held when it was last loaded or saved
(a `FileStamp`) and, before saving over it, asks if another program has changed or removed
it since, so a save never silently drops someone else's changes. Every question to the
user goes through a small ``ask_*`` / ``show_*`` method so tests can answer it.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QFileSystemWatcher,
    QObject,
    QSettings,
    QStandardPaths,
    QTimer,
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from bodymap import resources
from bodymap.maps import (
    FileStamp,
    MapFileError,
    NewerMapError,
    Operation,
    RecoveryEntry,
    RecoveryStore,
    TriggerPointMap,
    file_stamp,
    load_map,
    load_map_stamped,
    open_map_file,
    previous_version,
    rename,
    save_map,
)
from bodymap.maps.fileformat import MAP_SUFFIX
from bodymap.maps.safe_io import atomic_write, os_reason
from bodymap.ui import settings as prefs
from bodymap.ui.document import dialogs
from bodymap.ui.document.commands import OperationCommand
from bodymap.ui.document.dialogs import FILE_FILTER, Answer, Conflict
from bodymap.ui.document.open_lock import OpenLock
from bodymap.ui.document.selection import SpotSelection

__all__ = [
    "AUTOSAVE_INTERVAL_MS",
    "DISK_CHECK_DELAY_MS",
    "FILE_FILTER",
    "REOPEN_HINT",
    "SUFFIX",
    "UNTITLED",
    "MapDocument",
    "example_names",
    "is_file",
]

SUFFIX = MAP_SUFFIX
UNTITLED = "Untitled map"
"""The name of a new map until the user names it."""
REOPEN_HINT = "File → Open… (Recovered work) opens it as unsaved changes."
"""How to get a set-aside autosave back, said after where it is kept."""
AUTOSAVE_INTERVAL_MS = 60_000
AUTOSAVE_AFTER_EDIT_MS = 2_000
DISK_CHECK_DELAY_MS = 250
"""How long the file and its folder stay quiet before the document looks whether another
program changed its file (a save is several changes in the folder: one look after them)."""


def example_names() -> list[str]:
    """The example maps shipped in ``assets/examples`` (file stems, sorted)."""
    try:
        folder = resources.asset_root().joinpath("examples")
        return sorted(
            entry.name.removesuffix(SUFFIX)
            for entry in folder.iterdir()
            if entry.name.endswith(SUFFIX)
        )
    except (OSError, resources.ResourceError):
        return []


def default_recovery_dir() -> Path:
    """Where autosaves live: the per-user application data folder's ``recovery``."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


class MapDocument(QObject):
    """The map being edited, where it is saved, and its undo history.

    Signals: ``mapReplaced(tpm)`` when a different map becomes current (new, open, revert,
    recovery); ``modificationChanged(bool)`` when unsaved changes appear or go;
    ``pathChanged()`` when the file or name shown in the title changes;
    ``recentFilesChanged()``; ``autosaved(path)`` after a recovery file is written;
    ``saved(path)`` after the map is written to its file (Save, Save As, a conflict's answer);
    ``flushRequested()`` before the document reads its map to save, autosave, revert or
    drop it, so views first commit an edit the user is still typing (nothing lost);
    ``diskChanged(state)`` when its file on disk is found "changed" or "gone" (another
    program changed, deleted, moved or renamed it) or again as last loaded or saved ("");
    ``keptOtherVersion(path)`` when Save replaced a file another program had changed, after
    keeping that program's version at ``path`` beside it.
    """

    mapReplaced = Signal(object)
    flushRequested = Signal()
    modificationChanged = Signal(bool)
    pathChanged = Signal()
    recentFilesChanged = Signal()
    autosaved = Signal(object)
    saved = Signal(object)
    diskChanged = Signal(str)
    keptOtherVersion = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        recovery_dir: Path | None = None,
        autosave_interval_ms: int = AUTOSAVE_INTERVAL_MS,
        disk_check_delay_ms: int = DISK_CHECK_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._map = TriggerPointMap(UNTITLED)
        self._path: Path | None = None
        self._disk: FileStamp | None = None
        """What the file at ``_path`` held when this map was last loaded from or saved to
        it; None when that is not known (a map recovered after a crash whose file changed
        after the autosave), and then a save over an existing file asks first."""
        self._forced_dirty = False
        self._reported_modified = False
        self._autosaved: tuple[TriggerPointMap, int] | None = None
        """The map and its revision the recovery file holds, or None."""
        self.keeps_recent_files = True
        """False for a window that must leave no trace in the settings (screenshots)."""
        self.selection = SpotSelection(self)
        """The selected spot, observed by every view of this document."""
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_stack.indexChanged.connect(self._on_edit)
        self.recovery = RecoveryStore(recovery_dir or default_recovery_dir())
        self._lock = OpenLock(self.recovery.directory.parent / "open-maps")
        """The open file's lock, so another bodymap window knows it is open here."""
        self._autosave_timer = QTimer(self, interval=autosave_interval_ms)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self._edit_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_AFTER_EDIT_MS)
        self._edit_timer.timeout.connect(self.autosave)
        self._disk_state = ""
        self._watcher = QFileSystemWatcher(self)
        # a burst of file events (a save writes, renames and keeps a .bak) is checked once
        self._disk_timer = QTimer(self, singleShot=True, interval=disk_check_delay_ms)
        self._disk_timer.timeout.connect(self.check_disk)
        self._watcher.fileChanged.connect(lambda _name: self._disk_timer.start())
        self._watcher.directoryChanged.connect(lambda _name: self._disk_timer.start())

    # -- state ---------------------------------------------------------------------------
    @property
    def map(self) -> TriggerPointMap:
        return self._map

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def display_name(self) -> str:
        """The file name if saved, else the map's own name (for titles and prompts)."""
        return self._path.name if self._path else self._map.name

    @property
    def disk_state(self) -> str:
        """ "changed" or "gone" when another program changed or removed the file since it
        was last loaded or saved here (as last seen), else ""."""
        return self._disk_state

    def is_modified(self) -> bool:
        return self._forced_dirty or not self.undo_stack.isClean()

    def parent_widget(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    # -- editing -------------------------------------------------------------------------
    def flush(self) -> None:
        """Have the views commit an edit the user is still typing (``flushRequested``)."""
        self.flushRequested.emit()

    def push(self, op: Operation, text: str | None = None, merge_id: int = -1) -> bool:
        """Apply ``op`` as one undo step; False (and a message) if the map refused it.
        With a ``merge_id`` it joins the step before it of the same id when it can."""
        if op.is_noop:
            return False
        command = OperationCommand(self._map, op, text, merge_id=merge_id)
        self.undo_stack.push(command)
        if command.error is not None:
            self.show_error("That change could not be made", str(command.error))
            return False
        return True

    # -- file commands -------------------------------------------------------------------
    def new(self) -> bool:
        """Start an empty, untitled map (after the unsaved-changes prompt)."""
        if not self.maybe_discard():
            return False
        self._install(TriggerPointMap(UNTITLED), None)
        return True

    def open(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Open a map file (asking for one when ``path`` is None). A file that cannot be read
        is reported and left as it is; the current map stays open.

        An autosave (a recovery file, offered or set aside) opens as unsaved changes with no
        file, so Save asks where to keep them; the recovery file is only read. A named file
        that is not there is said at once, before anything asks about unsaved changes."""
        if path is not None and not os.path.lexists(path):
            self._say_missing(Path(path), "There is no such file.")
            return False
        if not self.maybe_discard():
            return False
        if path is None:
            chosen = self.ask_open_path()
            if chosen is None:
                return False
            path = chosen
        path = Path(path)
        try:
            opened = open_map_file(path)
        except MapFileError as exc:
            # "left as it is" only of a file there is: not of a missing name or a folder
            if not path.exists():  # moved or deleted: say where it was looked for
                self._say_missing(path, _sentence(exc.problem))
                return False
            if not is_file(path):
                self.show_error(f"Could not open {path.name}", _sentence(exc.problem))
                return False
            problem = f"{_sentence(exc.problem)}\n\n{path.name} was left as it is."
            previous = None if isinstance(exc, NewerMapError) else previous_version(path)
            if previous is None:
                self.show_error(f"Could not open {path.name}", problem)
                return False
            if not self.ask_open_previous(path, problem, previous[1]):
                return False
            self._install(previous[0], None, modified=True)  # Save asks where: never over it
            self.autosave()
            return True
        twice = opened.recovered is None and self._lock.held_elsewhere(path)
        if twice and not self.ask_open_twice(path):
            return False  # the map open now stays, as it was
        if opened.recovered is not None:
            self._install(opened.map, None, modified=True)
            self.autosave()  # this session's own autosave holds it from now on
            return True
        self._install(opened.map, path, disk=opened.stamp)
        self._remember_recent(path)
        return True

    def _say_missing(self, path: Path, problem: str) -> None:
        """A file to open that is not there: where it was looked for, and Open Recent no
        longer offers it."""
        kept = f"\n\nIt was looked for in {path.parent}."
        if self._forget_recent(path):
            kept += " It is taken off File → Open Recent."
        self.show_error(f"Could not open {path.name}", f"{problem}{kept}")

    def open_example(self, name: str) -> bool:
        """Open a shipped example as a new, untitled copy (saving asks where)."""
        if not self.maybe_discard():
            return False
        try:
            from importlib.resources import as_file  # only for an example, not at start-up

            source = resources.asset("examples", f"{name}{SUFFIX}")
            with as_file(source) as real:
                tpm = load_map(real)
        except (MapFileError, resources.ResourceError, OSError) as exc:
            self.show_error(f"Could not open the example {name!r}", str(exc))
            return False
        self._install(tpm, None)
        return True

    def save(self) -> bool:
        """Save to the current file (asking for one if the map was never saved). If another
        program changed or removed the file since it was opened or last saved, first ask:
        replace it, save a copy under another name, or cancel (nothing written)."""
        self.flush()
        if self._path is None:
            return self.save_as()
        answer = self._overwrite_answer(self._path)
        if answer == "copy":
            return self._save_as(None, self._copy_path())
        return answer == "replace" and self._keep_other_version() and self._write(self._path)

    def save_as(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Save under a new name; ``.bodymap`` is added when the name has no suffix."""
        self.flush()
        return self._save_as(path, self._suggested_path())

    def _save_as(self, path: str | os.PathLike[str] | None, suggested: Path) -> bool:
        if path is None:
            chosen = self.ask_save_path(suggested)
            if chosen is None:
                return False
            path = chosen
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
        if self._path is not None and _same_path(path, self._path):
            # Save As onto the map's own file is a Save, with the same question first
            answer = self._overwrite_answer(self._path)
            if answer == "copy":
                return self._save_as(None, self._copy_path())
            if answer == "cancel" or not self._keep_other_version():
                return False
        old_name = self._named_after(path)
        if not self._write(path, undo_naming=old_name):
            return False
        if path != self._path:
            self._path = path
            self._lock.hold(path)
            self.pathChanged.emit()
        return True

    def _named_after(self, path: Path) -> str | None:
        """A map still called "Untitled map" takes the name of the file it is first saved
        as, so titles, the guide and the history say what the user chose. Naming is part of
        saving, not an edit: it is not an undo step. Returns the old name if it changed."""
        name = path.stem.strip()
        if self._map.name != UNTITLED or name == UNTITLED:
            return None
        try:
            rename(self._map, name)
        except ValueError:
            return None  # a file name no map name can be (blank, too long): keep the old
        return UNTITLED

    def revert(self) -> bool:
        """Go back to the saved file, dropping unsaved changes (after asking); with none,
        load the file again when another program changed it (nothing is lost)."""
        self.flush()
        if self._path is None:
            return False
        if not self.is_modified():
            if self._disk_state != "changed":
                return False
        elif not self.ask_revert(self.display_name):
            return False
        try:
            tpm, stamp = load_map_stamped(self._path)
        except MapFileError as exc:
            self.show_error(f"Could not reload {self._path.name}", exc.problem)
            return False
        self._install(tpm, self._path, disk=stamp)
        return True

    def maybe_discard(self) -> bool:
        """True when it is fine to drop the current map: it is saved, or the user chose
        Save (and it saved) or Discard; False on Cancel or a failed save."""
        self.flush()
        if not self.is_modified():
            return True
        answer = self.ask_discard(self.display_name)
        if answer == "save":
            return self.save()
        # "discard" keeps the recovery file until the map is really replaced or closed:
        # an open that then fails leaves this unsaved map open, and a crash must not lose it
        return answer == "discard"

    def close(self) -> None:
        """A clean close: stop autosaving and watching the file, and remove this session's
        recovery file."""
        self._autosave_timer.stop()
        self._edit_timer.stop()
        self._disk_timer.stop()
        self._watch(None)
        self._lock.release()
        self._clear_recovery()

    # -- recent files --------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        return prefs.recent_files(QSettings())

    def _forget_recent(self, path: Path) -> bool:
        """Take ``path`` off Open Recent (once opening it found no file there); False if
        it was not listed, or this document keeps no recent files."""
        if not self.keeps_recent_files or not prefs.remove_recent_file(path, QSettings()):
            return False
        self.recentFilesChanged.emit()
        return True

    def _remember_recent(self, path: Path) -> None:
        if not self.keeps_recent_files:
            return
        prefs.add_recent_file(path, QSettings())
        self.recentFilesChanged.emit()

    # -- autosave and recovery -----------------------------------------------------------
    def autosave(self) -> Path | None:
        """Write the recovery file if there are changes it does not hold yet; its path, or
        None."""
        self.flush()
        self._edit_timer.stop()
        if not self.is_modified():
            return None
        kept = self._autosaved
        if kept is not None and kept[0] is self._map and kept[1] == self._map.revision:
            return None  # the recovery file already holds exactly this
        try:
            written = self.recovery.save_recovery(self._map, self._path)
        except (MapFileError, OSError):
            return None  # autosave is best effort; the user's own file is not at stake
        self._autosaved = (self._map, self._map.revision)
        self.autosaved.emit(written)
        return written

    def _clear_recovery(self) -> None:
        self._autosaved = None
        self.recovery.clear()

    def offer_recovery(self) -> bool:
        """After a crash: offer each map left in the recovery folder, newest first. The first
        one accepted becomes the current (unsaved) map; True if one was recovered.

        Autosaves that cannot be read, or that were being offered the last two times
        bodymap stopped, are first set aside (kept under another name) with a one-line
        notice each, so a bad autosave is never offered again and never stops every start."""
        kept = self.recovery.set_aside_unusable()
        if kept:
            self.show_info(
                "Autosaved maps set aside",
                "\n".join(
                    f"Not offered again ({k.reason}); kept as {k.path}. {REOPEN_HINT}" for k in kept
                ),
            )
        return any(self._offer(entry) for entry in self.recovery.list_recoverable())

    def _offer(self, entry: RecoveryEntry) -> bool:
        """Ask about one autosave and open it if wanted; True once it is the current map."""
        if not self.recovery.begin_offer(entry):
            return False  # another bodymap, starting now, is offering it
        finished = False
        try:
            wanted = self.ask_recover(entry)
            tpm = self.recovery.load(entry) if wanted else None
            if tpm is not None:
                origin = entry.origin if entry.origin and entry.origin.parent.is_dir() else None
                disk = None if origin is None else _stamp_if_older(origin, entry.saved)
                self._install(tpm, origin, modified=True, disk=disk)
            finished = True
        except MapFileError as exc:
            self.recovery.end_offer(entry)
            try:
                kept = self.recovery.set_aside(entry)
            except OSError:
                kept = entry.path
            self.show_error("Could not recover the map", f"{exc.problem}; kept as {kept}")
            return False
        finally:
            self.recovery.end_offer(entry, finished=finished)
        self.recovery.discard(entry)
        if tpm is None:
            return False
        self.autosave()
        return True

    # -- dialogs (tests replace these) ---------------------------------------------------
    def ask_open_path(self) -> Path | None:
        return dialogs.ask_open_path(self.parent_widget(), self.start_folder())

    def ask_save_path(self, suggested: Path) -> Path | None:
        return dialogs.ask_save_path(self.parent_widget(), suggested)

    def ask_discard(self, name: str) -> Answer:
        return dialogs.ask_discard(self.parent_widget(), name)

    def ask_overwrite(self, path: Path, gone: bool) -> Conflict:
        return dialogs.ask_overwrite(self.parent_widget(), path, gone)

    def ask_open_previous(self, path: Path, problem: str, saved: datetime) -> bool:
        return dialogs.ask_open_previous(self.parent_widget(), path, problem, saved)

    def ask_revert(self, name: str) -> bool:
        return dialogs.ask_revert(self.parent_widget(), name)

    def ask_open_twice(self, path: Path) -> bool:
        return dialogs.ask_open_twice(self.parent_widget(), path)

    def ask_recover(self, entry: RecoveryEntry) -> bool:
        return dialogs.ask_recover(self.parent_widget(), entry)

    def show_error(self, title: str, message: str) -> None:
        dialogs.show_message(self.parent_widget(), QMessageBox.Icon.Warning, title, message)

    def show_info(self, title: str, message: str) -> None:
        dialogs.show_message(self.parent_widget(), QMessageBox.Icon.Information, title, message)

    # -- internals -----------------------------------------------------------------------
    def _write(self, path: Path, *, undo_naming: str | None = None) -> bool:
        """Save to ``path``; on failure give the map back ``undo_naming`` (the name it had
        before `_named_after`), before the error is shown, and say nothing was written."""
        try:
            stamp = save_map(self._map, path)
        except (MapFileError, OSError) as exc:
            if undo_naming is not None:
                rename(self._map, undo_naming)
            problem = exc.problem if isinstance(exc, MapFileError) else str(exc)
            # the title names the map whole: a name typed with a "/" in the file chooser is
            # a folder and a file, and the file's name alone would show a piece of it
            self.show_error(
                f"Could not save {self._map.name}",
                f"{_sentence(problem)}\n\nNothing was written to {path}; any earlier version "
                "of the file is unchanged. Try Save As… to save somewhere else.",
            )
            return False
        self._disk = stamp
        self._watch(path)
        self._set_disk_state("")
        self._forced_dirty = False
        self.undo_stack.setClean()
        self._report_modified()
        self._clear_recovery()
        self._remember_recent(path)
        self.saved.emit(path)
        return True

    def _install(
        self,
        tpm: TriggerPointMap,
        path: Path | None,
        modified: bool = False,
        disk: FileStamp | None = None,
    ) -> None:
        self._edit_timer.stop()
        self._forced_dirty = modified
        self._map, self._path, self._disk = tpm, path, disk
        self._lock.hold(path)
        self._watch(path)
        self._set_disk_state("")
        self.selection.select("")
        self.undo_stack.clear()
        self._clear_recovery()
        self.mapReplaced.emit(tpm)
        self.pathChanged.emit()
        self._report_modified()

    def _report_modified(self) -> None:
        modified = self.is_modified()
        if modified != self._reported_modified:
            self._reported_modified = modified
            self.modificationChanged.emit(modified)

    def _on_clean_changed(self, _clean: bool) -> None:
        self._report_modified()

    def _on_edit(self, _index: int) -> None:
        if self.is_modified():
            self._edit_timer.start()
        else:
            self._edit_timer.stop()
            self._clear_recovery()

    def _suggested_path(self) -> Path:
        return self.suggested_path(SUFFIX)

    def _overwrite_answer(self, path: Path) -> Conflict:
        """Whether to write over ``path``, the map's own file: "replace" without asking when
        it still holds what it held at the last load or save (or there is no file there
        and none was known), else the user's answer to `ask_overwrite`."""
        try:
            now = file_stamp(path)
        except OSError:
            return self.ask_overwrite(path, False)  # cannot be read: it may hold anything
        if now == self._disk:  # as last seen (or no file, where none was known)
            return "replace"
        return self.ask_overwrite(path, now is None)

    def check_disk(self) -> str:
        """Look whether the file on disk is still what it was at the last load or save;
        emits ``diskChanged`` when that differs from the last look. Returns the state."""
        path = self._path
        if path is None:
            return self._set_disk_state("")
        self._watch(path)  # a file replaced or made again is a new file to watch
        try:
            now = file_stamp(path)
        except OSError:
            return self._disk_state  # cannot be read now: say nothing new
        if now == self._disk:
            return self._set_disk_state("")
        return self._set_disk_state("gone" if now is None else "changed")

    def _set_disk_state(self, state: str) -> str:
        if state != self._disk_state:
            self._disk_state = state
            self.diskChanged.emit(state)
        return state

    def _watch(self, path: Path | None) -> None:
        """Watch ``path`` and its folder (where a deleted or renamed file shows), nothing
        else (on Linux a watch stays with the file replaced by a save: it is set again)."""
        wanted = [] if path is None else [str(path), str(path.parent)]
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        for name in wanted:
            if os.path.exists(name):
                self._watcher.addPath(name)

    def _keep_other_version(self) -> bool:
        """Before Replace writes over a file another program changed, keep what that
        program wrote as "<name> (other version <date> <time>).bodymap" beside it: the
        ``.bak`` alone would be overwritten by the next save, and its check-ins lost. True
        when kept (or when there is no file to keep); False, and a message, when it could
        not be kept, and then nothing is written."""
        path = self._path
        if path is None:
            return True
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return True  # gone: nothing to keep
        except OSError as exc:
            problem = f"could not read it ({os_reason(exc)})"
        else:
            if FileStamp.of(data) == self._disk:
                return True  # as this window last saw it: nothing to keep
            kept = other_version_path(path)
            try:
                atomic_write(kept, data)
            except MapFileError as exc:
                problem = exc.problem
            else:
                self.keptOtherVersion.emit(kept)
                return True
        self.show_error(
            f"Could not save {self._map.name}",
            f"{_sentence(problem)}\n\nThe version another program wrote to {path} could not "
            "be kept, so nothing was written. Try Save As… to save this map elsewhere.",
        )
        return False

    def _copy_path(self) -> Path:
        """Where a copy of this map may go, beside its file: "<name> (copy).bodymap"."""
        suggested = self._suggested_path()
        return suggested.with_name(f"{suggested.stem} (copy){suggested.suffix}")

    def suggested_path(self, suffix: str) -> Path:
        """Where a save or export of this map may go: beside its file, or in the start
        folder under its name made safe for a file name (no folders, no odd characters)."""
        if self._path is not None:
            return self._path.with_suffix(suffix)
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in self._map.name).strip()
        return Path(self.start_folder()) / f"{safe or 'map'}{suffix}"

    def start_folder(self) -> str:
        """The folder of the last map opened or saved that is there now; else the Documents
        folder, or the home folder when there is none (a file chooser given a missing
        folder shows the folder the program was started from)."""
        for recent in self.recent_files():
            if recent.parent.is_dir():
                return str(recent.parent)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return documents if documents and Path(documents).is_dir() else str(Path.home())


def _sentence(problem: str) -> str:
    """A loader's problem ("the file is empty") as a sentence for a message box."""
    text = problem.strip().rstrip(".")
    return f"{text[:1].upper()}{text[1:]}."


def other_version_path(path: Path, when: datetime | None = None) -> Path:
    """A name beside ``path`` for the version another program wrote there, free now:
    "back (other version 2026-12-02 01.32.05).bodymap" (dots: no colon in Windows names)."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%d %H.%M.%S")
    candidate = path.with_name(f"{path.stem} (other version {stamp}){path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} (other version {stamp} {number}){path.suffix}")
        number += 1
    return candidate


def _same_path(first: Path, second: Path) -> bool:
    """Whether two names lead to the same place (links and ``..`` followed)."""
    try:
        return first.resolve() == second.resolve()
    except (OSError, RuntimeError):
        return first.absolute() == second.absolute()


def _stamp_if_older(path: Path, autosaved: datetime) -> FileStamp | None:
    """The stamp of ``path`` for a map recovered from an autosave made at ``autosaved``: its
    file as it is now, unless it was written after the autosave (None, unknown: another
    program changed it, and a save asks first). No file there is None too."""
    try:
        if os.stat(path).st_mtime_ns > int(autosaved.timestamp() * 1_000_000_000):
            return None
        return file_stamp(path)
    except OSError:
        return None


def is_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (False where it cannot even be looked at)."""
    try:
        return path.is_file()
    except OSError:
        return False
