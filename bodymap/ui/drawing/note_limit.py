"""NoteLimit: a note field never holds more than a map can keep, and says so.

A map keeps a note of at most ``MAX_NOTE_LENGTH`` characters (`bodymap.maps.values`); a
longer one is refused by the core. A field watched here is kept within that limit as it is
typed, pasted or dropped into: what goes over is not added, and a one-line label under the
field says so ("… were not added"), or, near the limit, how much room is left. The text cut
is the end of what was just put in, and the cut is part of the same undo step, so Ctrl+Z
takes back the paste as a whole.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from bodymap.maps.values import MAX_NOTE_LENGTH

__all__ = ["ROOM_SHOWN", "NoteLimit"]

ROOM_SHOWN = 200
"""How close to the limit (in characters) the room left is shown."""


def _utf16(text: str) -> int:
    """The length of ``text`` in Qt's text positions (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


class NoteLimit(QObject):
    """Keeps ``edit`` within ``limit`` characters; ``label`` (hidden until needed) tells
    the room left near the limit, and what was not added when something went over."""

    def __init__(self, edit: QPlainTextEdit, limit: int = MAX_NOTE_LENGTH) -> None:
        super().__init__(edit)
        self.edit = edit
        self.limit = limit
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Room left in the note")
        self.label.hide()
        self._cut = 0
        self._cutting = False
        edit.textChanged.connect(self._changed)

    def _changed(self) -> None:
        if self._cutting:
            return
        text = self.edit.toPlainText()
        excess = len(text) - self.limit
        self._cut = 0
        if excess > 0:
            self._cut = excess
            self._cutting = True
            try:
                self._trim(text, excess)
            finally:
                self._cutting = False
        self.refresh()

    def _trim(self, text: str, excess: int) -> None:
        """Remove ``excess`` characters: those just before the cursor (the end of what was
        typed or pasted), then, if that is not enough, the end of the text."""
        cursor = self.edit.textCursor()
        at16 = cursor.position()
        at = len(text.encode("utf-16-le")[: 2 * at16].decode("utf-16-le", "ignore"))
        start = max(0, at - excess)
        kept = text[:start] + text[at:]
        cursor.joinPreviousEditBlock()  # one undo step with the paste or keystroke
        try:
            cursor.setPosition(_utf16(text[:start]))
            cursor.setPosition(_utf16(text[:at]), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            if len(kept) > self.limit:
                cursor.setPosition(_utf16(kept[: self.limit]))
                cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
        finally:
            cursor.endEditBlock()

    def refresh(self) -> None:
        """Show the room left or what was cut (call after setting the text with the
        field's signals blocked)."""
        used = self.edit.document().characterCount() - 1  # never fewer than in Python
        if not self._cut and used < self.limit - ROOM_SHOWN:
            if not self.label.isHidden():
                self.label.hide()
            return
        used = len(self.edit.toPlainText())
        most = f"a note holds at most {self.limit:,} characters"
        if self._cut:
            cut = f"{self._cut:,} character{'s' if self._cut != 1 else ''}"
            message = f"{most[0].upper()}{most[1:]}: the last {cut} typed or pasted were not added."
        elif used >= self.limit:
            message = f"No room left: {most}."
        elif used >= self.limit - ROOM_SHOWN:
            left = self.limit - used
            message = f"{left:,} character{'s' if left != 1 else ''} left ({most})."
        else:
            self.label.hide()
            return
        self.label.setText(message)
        self.label.show()

    def clear(self) -> None:
        """Forget a cut (another spot or a new dialog is shown) and refresh."""
        self._cut = 0
        self.refresh()
