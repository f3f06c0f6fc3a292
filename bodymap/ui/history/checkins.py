"""CheckInsDialog: every past check-in of the map, newest first, to correct or remove.

A note is changed by editing its cell; Delete removes the selected check-in. Each change is
one step on the document's undo stack (Ctrl+Z in the main window puts it back), and the
table follows the map's change notifications, so an undo shows here at once.
"""

from __future__ import annotations

from datetime import datetime

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodymap.maps import Change, TriggerPointMap
from bodymap.maps.values import MAX_NOTE_LENGTH
from bodymap.ui.document import spot_requests
from bodymap.ui.document.document import MapDocument
from bodymap.ui.document.map_observer import MapObserver

__all__ = ["CheckInsDialog"]

_COLUMNS = ("When", "Spots", "Note")
_NOTE = 2


class _NoteDelegate(QStyledItemDelegate):
    """A note cell's editor takes no more than a map keeps: typing stops at the limit, so
    nothing typed is refused, and lost, after the edit. The editor open last is kept, so a
    note still being typed can be committed before the map is saved or closed."""

    editor: QWidget | None = None

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setMaxLength(MAX_NOTE_LENGTH)
        self.editor = editor
        return editor


class CheckInsDialog(QDialog):
    """The map's check-ins as a table whose notes can be edited and rows deleted."""

    def __init__(self, document: MapDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check-ins")
        self.document = document
        self._times: list[datetime] = []
        self._filling = False
        intro = QLabel("Double-click a note to change it; Delete removes the selected check-in.")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(_NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._note_edited)
        self._notes = _NoteDelegate(self.table)
        self.table.setItemDelegateForColumn(_NOTE, self._notes)
        self.delete_button = QPushButton("&Delete Check-in")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        # the Delete key does what the intro says, on the table (not while a note is edited:
        # the editor is another widget and keeps its own Delete)
        self.table.installEventFilter(self)
        self._observer = MapObserver(self._on_change)
        self._observer.observe(document.map)
        document.mapReplaced.connect(self._on_map_replaced)
        # a note still being typed is the map's before a save, a close or a quit asks
        document.flushRequested.connect(self.commit_typing)
        self.fill()
        if self.table.rowCount():  # keyboard users start on the newest check-in
            self.table.setCurrentCell(0, _NOTE)
        self.table.setFocus()

    def commit_typing(self) -> None:
        """Commit the note being typed in its cell, if any: one undo step, as Enter is."""
        editor = self._notes.editor
        if (
            editor is None
            or not shiboken6.isValid(editor)
            or self.table.state() != QAbstractItemView.State.EditingState
        ):
            return
        self.table.commitData(editor)
        self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _on_map_replaced(self, _tpm: TriggerPointMap) -> None:
        self._observer.observe(self.document.map)
        self.fill()

    def _on_change(self, change: Change) -> None:
        if change.kind in ("checked_in", "reset", "removed", "added"):
            self.fill()

    def fill(self) -> None:
        """Show the check-ins, newest first (notes as plain text, editable)."""
        history = sorted(self.document.map.history, key=lambda c: c.at, reverse=True)
        self._times = [c.at for c in history]
        self._filling = True
        self.table.setRowCount(len(history))
        for row, entry in enumerate(history):
            when = QTableWidgetItem(entry.at.astimezone().strftime("%Y-%m-%d %H:%M"))
            count = QTableWidgetItem(str(len(entry.intensities)))
            note = QTableWidgetItem(entry.note)
            for item in (when, count):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            for column, item in enumerate((when, count, note)):
                self.table.setItem(row, column, item)
        self._filling = False
        self.table.resizeColumnToContents(0)
        self.delete_button.setEnabled(bool(history))

    def _note_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != _NOTE or item.row() >= len(self._times):
            return
        at = self._times[item.row()]
        if not spot_requests.request_edit_check_in(self.document, at, item.text()):
            self.fill()  # refused (too long, or the check-in is gone): show the map again

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    def delete_selected(self) -> None:
        """Delete the selected check-in as one undo step."""
        row = self.table.currentRow()
        if 0 <= row < len(self._times):
            spot_requests.request_delete_check_in(self.document, self._times[row])

    def done(self, result: int) -> None:
        self._observer.observe(None)
        super().done(result)
