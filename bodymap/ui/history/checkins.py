"""CheckInsDialog: every past check-in of the map, newest first, to correct or remove.

A note is changed by editing its cell; Edit Readings… (or Return, or a double-click on the
readings) corrects a reading typed wrong; Delete removes the selected check-in. Each change
is one step on the document's undo stack (Ctrl+Z in the main window puts it back), and the
table follows the map's change notifications, so an undo shows here at once.
"""

from __future__ import annotations

from collections.abc import Callable
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

from bodymap.maps import Change, CheckIn, Spot, TriggerPointMap
from bodymap.maps.values import MAX_NOTE_LENGTH, local_minute
from bodymap.ui.document import spot_requests
from bodymap.ui.document.document import MapDocument
from bodymap.ui.document.map_observer import MapObserver
from bodymap.ui.drawing.plain_text import plain_label
from bodymap.ui.drawing.spot_boxes import spot_boxes

__all__ = ["CheckInsDialog", "ReadingsDialog", "readings_text"]

_COLUMNS = ("When", "Readings (spot: value)", "Note")
_READINGS = 1
_NOTE = 2


def readings_text(tpm: TriggerPointMap, entry: CheckIn) -> str:
    """A check-in's readings by spot number, in the spot list's order: "1: 6 · 2: 4"."""
    return " · ".join(
        f"{number}: {entry.intensities[spot.id]}"
        for number, spot in enumerate(tpm.spots, start=1)
        if spot.id in entry.intensities
    )


class ReadingsDialog(QDialog):
    """The readings of one past check-in, one 0–10 box per spot it has a reading for, to
    correct one typed wrong. `values()` gives spot id → reading."""

    def __init__(
        self,
        tpm: TriggerPointMap,
        entry: CheckIn,
        describe: Callable[[Spot], str] = lambda spot: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Readings of {local_minute(entry.at)}")
        scroll, self._boxes = spot_boxes(tpm, entry.intensities, describe, "Reading of")
        intro = plain_label("Correct a reading typed wrong; the check-in keeps its time and note.")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        if self._boxes:
            next(iter(self._boxes.values())).setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(420, min(560, 150 + 34 * len(self._boxes)))

    def values(self) -> dict[str, int]:
        return {spot_id: box.value() for spot_id, box in self._boxes.items()}


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

    def __init__(
        self,
        document: MapDocument,
        parent: QWidget | None = None,
        describe: Callable[[Spot], str] = lambda spot: "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check-ins")
        self.document = document
        self._describe = describe
        self._times: list[datetime] = []
        self._filling = False
        intro = QLabel(
            "Double-click a note to change it, or the readings (or press Return) to correct "
            "one; Delete removes the selected check-in."
        )
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
        self.table.cellDoubleClicked.connect(self._double_clicked)
        self.readings_button = QPushButton("Edit &Readings…")
        self.readings_button.clicked.connect(self.edit_readings)
        self.delete_button = QPushButton("&Delete Check-in")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QDialogButtonBox()  # made in the order drawn, which Tab follows
        buttons.addButton(self.readings_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
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
        tpm = self.document.map
        history = sorted(tpm.history, key=lambda c: c.at, reverse=True)
        self._times = [c.at for c in history]
        self._filling = True
        self.table.setRowCount(len(history))
        for row, entry in enumerate(history):
            when = QTableWidgetItem(local_minute(entry.at))
            readings = QTableWidgetItem(readings_text(tpm, entry))
            readings.setToolTip(readings.text())  # the whole of a long row
            note = QTableWidgetItem(entry.note)
            for item in (when, readings):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            for column, item in enumerate((when, readings, note)):
                self.table.setItem(row, column, item)
        self._filling = False
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(_READINGS)
        self.table.setColumnWidth(_READINGS, min(self.table.columnWidth(_READINGS), 260))
        self.delete_button.setEnabled(bool(history))
        self.readings_button.setEnabled(bool(history))

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
        ):
            if event.matches(QKeySequence.StandardKey.Delete):
                self.delete_selected()
                return True
            plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # keypad Enter too
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not plain:
                self.edit_readings()
                return True
        return super().eventFilter(watched, event)

    def _double_clicked(self, row: int, column: int) -> None:
        if column != _NOTE:  # a note's double-click edits the note in its cell
            self.edit_readings()

    def ask_readings(self, entry: CheckIn) -> dict[str, int] | None:
        """The corrected readings of ``entry``, or None if the person cancelled (a seam
        tests replace)."""
        dialog = ReadingsDialog(self.document.map, entry, self._describe, self)
        return dialog.values() if dialog.exec() else None

    def edit_readings(self) -> bool:
        """Correct the readings of the selected check-in, as one undo step."""
        row = self.table.currentRow()
        if not 0 <= row < len(self._times):
            return False
        at = self._times[row]
        entry = next((c for c in self.document.map.history if c.at == at), None)
        if entry is None:
            return False
        values = self.ask_readings(entry)
        if values is None:
            return False
        return spot_requests.request_edit_readings(self.document, at, values)

    def delete_selected(self) -> None:
        """Delete the selected check-in as one undo step."""
        row = self.table.currentRow()
        if 0 <= row < len(self._times):
            spot_requests.request_delete_check_in(self.document, self._times[row])

    def done(self, result: int) -> None:
        self._observer.observe(None)
        super().done(result)
