"""The questions `MapDocument` asks: which file to open or save, whether to save, revert
or recover, what to do when another program changed the file, and its error and
information messages.

They live apart from the document so its file logic reads without widget code; the
document keeps one small method per question, which tests replace.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Literal, TypeVar

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from bodymap.maps import RecoveryEntry
from bodymap.ui.drawing.plain_text import message_box

__all__ = [
    "FILE_FILTER",
    "OPEN_FILTER",
    "Answer",
    "Conflict",
    "ask_discard",
    "ask_open_path",
    "ask_open_previous",
    "ask_open_twice",
    "ask_overwrite",
    "ask_recover",
    "ask_revert",
    "ask_save_path",
    "run_box",
    "show_message",
]

FILE_FILTER = "bodymap maps (*.bodymap);;All files (*)"
OPEN_FILTER = (
    "bodymap maps (*.bodymap);;Recovered work (*.bodymap-recovery *.set-aside);;All files (*)"
)
"""What File → Open offers: maps, and autosaves (offered after a crash or set aside)."""
Answer = Literal["save", "discard", "cancel"]
Conflict = Literal["replace", "copy", "cancel"]
"""Saving over a file another program changed: write over it, save a copy, or nothing."""
_Button = QMessageBox.StandardButton
_T = TypeVar("_T", bound=str)


def ask_open_path(parent: QWidget | None, start: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open map", start, OPEN_FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save map as", str(suggested), FILE_FILTER)
    return Path(name) if name else None


def run_box(box: QMessageBox) -> int:
    """Show a message box and wait for the answer (a seam tests replace to read the box)."""
    return int(box.exec())


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """An error or information message, its text shown literally (it may quote a file)."""
    run_box(message_box(parent, icon, title, text))


def ask_discard(parent: QWidget | None, name: str) -> Answer:
    """Save, discard or cancel the unsaved changes to ``name``."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        "Unsaved changes",
        f"Save changes to {name}?",
        _Button.Save | _Button.Discard | _Button.Cancel,
        _Button.Save,
        informative="Your changes will be lost if you don't save them.",
    )
    return _save_discard_or_cancel(box, "save", "discard", "cancel")


def ask_overwrite(parent: QWidget | None, path: Path, gone: bool) -> Conflict:
    """The map's file was changed (or, when ``gone``, deleted, moved or renamed) by another
    program since it was opened or last saved: write this map there anyway, save it as a
    copy under another name (so both are kept), or write nothing (the default)."""
    name = path.name
    if gone:
        text = (
            f"{name} is no longer in its folder: another program deleted, moved or renamed "
            "it since you opened or last saved it."
        )
        title, replace, copy = "File no longer on disk", "Save Here", "Save As…"
        outcome = f"Save Here writes this map to {path} again. Save As… saves it elsewhere."
    else:
        text = f"{name} was changed by another program since you opened or last saved it."
        title, replace, copy = "File changed on disk", "Replace", "Save as Copy…"
        outcome = (
            "Replace writes this map over it; the changes made there are not in this map, "
            f"and that version is kept beside it as “{path.stem} (other version …){path.suffix}”, "
            "dated now. Save as Copy… saves this map under another name and keeps both."
        )
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        title,
        text,
        _Button.Save | _Button.Discard | _Button.Cancel,
        _Button.Cancel,
        informative=f"The file is in {path.parent}.\n\n{outcome} Cancel writes nothing.",
    )
    for button, label in ((_Button.Save, copy), (_Button.Discard, replace)):
        found = box.button(button)
        if found is not None:
            found.setText(label)
            if button == _Button.Discard:
                found.setIcon(QIcon())  # no waste bin: the version replaced is kept
    return _save_discard_or_cancel(box, "copy", "replace", "cancel")


def _save_discard_or_cancel(box: QMessageBox, save: _T, discard: _T, cancel: _T) -> _T:
    """Run a box of Save, Discard and Cancel buttons (however labelled): what each means."""
    answer = run_box(box)
    if answer == _Button.Save:
        return save
    return discard if answer == _Button.Discard else cancel


def _confirm(
    parent: QWidget | None, title: str, text: str, yes: _Button, other: _Button, default: _Button
) -> bool:
    """A two-button question; True when the answer is ``yes``."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text, yes | other, default)
    return run_box(box) == yes


def ask_open_previous(parent: QWidget | None, path: Path, problem: str, saved: datetime) -> bool:
    """A map that cannot be read, whose previous version (the ``.bak`` the last save kept)
    can: open that version as a new, untitled map? It is only read, and so is the map."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        f"Could not open {path.name}",
        problem,
        _Button.Open | _Button.Close,
        _Button.Open,
        informative=(
            f"Its previous version, saved {_when(saved)}, is kept beside it as "
            f"“{path.name}.bak”. Open Previous Version opens that as a new map; Save then "
            "asks where to keep it, and neither file is changed."
        ),
    )
    found = box.button(_Button.Open)
    if found is not None:
        found.setText("Open &Previous Version")
    return run_box(box) == _Button.Open


def ask_open_twice(parent: QWidget | None, path: Path) -> bool:
    """The map is open in another bodymap window: open it here as well? Cancel (the
    default) leaves the map open now as it is."""
    box = message_box(
        parent,
        QMessageBox.Icon.Warning,
        "Map already open",
        f"{path.name} is open in another bodymap window.",
        _Button.Open | _Button.Cancel,
        _Button.Cancel,
        informative=(
            "Changes made in one window are not in the other. Switch to that window to go "
            "on there, or open the map here as well: saving in either window then asks "
            "before writing over what the other saved."
        ),
    )
    found = box.button(_Button.Open)
    if found is not None:
        found.setText("&Open Here as Well")
    return run_box(box) == _Button.Open


def _when(moment: datetime) -> str:
    """A saved time as the person reads it: local, day and time."""
    try:
        return moment.astimezone().strftime("%a %d %b %Y, %H:%M")
    except (OverflowError, ValueError, OSError):  # a date at the edge of the calendar
        return moment.isoformat()


def ask_revert(parent: QWidget | None, name: str) -> bool:
    text = f"Discard your changes and go back to the saved {name}?"
    return _confirm(parent, "Revert", text, _Button.Discard, _Button.Cancel, _Button.Cancel)


def ask_recover(parent: QWidget | None, entry: RecoveryEntry) -> bool:
    text, informative = _recovery_question(entry, _when(entry.saved))
    box = message_box(
        parent,
        QMessageBox.Icon.Question,
        "Recover unsaved changes",
        text,
        _Button.Yes | _Button.Discard,
        _Button.Yes,
        informative=informative,
    )
    return run_box(box) == _Button.Yes


def _recovery_question(entry: RecoveryEntry, when: str) -> tuple[str, str]:
    """The question about an autosave and the line under it. A map saved before is named
    by its file, the folder below, so the person knows which file the changes belong to
    (two files may hold maps of one name); a map never saved by its own name."""
    origin = entry.origin
    if origin is None:
        return f"Recover unsaved changes to {entry.name} from {when}?", ""
    lines = [f"The file is in {origin.parent}."]
    if entry.name.casefold() != origin.stem.casefold():
        lines.append(f"The map in it is called {entry.name}.")
    return f"Recover unsaved changes to {origin.name} from {when}?", "\n".join(lines)
