"""SpotEditor: intensity, pain kind and note of the selected spot.

It never changes the map: each finished edit leaves as ``editRequested(spot_id, fields)``.
A slider drag, a typed intensity or a typed note becomes one request, not one per step or
keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSlider,
    QSpinBox,
    QWidget,
)

from bodymap.maps import PAIN_KINDS, Spot
from bodymap.ui.document.spot_requests import SpotFields
from bodymap.ui.drawing.note_limit import NoteLimit

__all__ = ["NOTE_DEBOUNCE_MS", "SpotEditor"]

NOTE_DEBOUNCE_MS = 1200
"""A note is committed this long after the last keystroke (or when focus leaves it)."""


class SpotEditor(QWidget):
    """Edits one spot's intensity (0–10), pain kind and note."""

    editRequested = Signal(str, dict)

    def __init__(
        self, parent: QWidget | None = None, note_debounce_ms: int = NOTE_DEBOUNCE_MS
    ) -> None:
        """``note_debounce_ms``: how long typing must pause before a note is committed."""
        super().__init__(parent)
        self._spot: Spot | None = None
        self.intensity_slider = QSlider(Qt.Orientation.Horizontal)
        self.intensity_slider.setRange(0, 10)
        self.intensity_slider.setPageStep(1)
        self.intensity_slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.intensity_slider.setAccessibleName("Intensity")
        self.intensity_box = QSpinBox()
        self.intensity_box.setRange(0, 10)
        self.intensity_box.setSuffix(" / 10")
        self.intensity_box.setAccessibleName("Intensity")
        # a typed "10" is one edit on Enter or leaving the box, not 1 and then 10
        self.intensity_box.setKeyboardTracking(False)
        self.intensity_box.installEventFilter(self)
        self.kind_box = QComboBox()
        for kind in PAIN_KINDS:
            self.kind_box.addItem(kind.capitalize(), kind)
        self.kind_box.setAccessibleName("Pain kind")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("A note (when it hurts, what helps …)")
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.note_edit.installEventFilter(self)
        # never more than a map keeps: over the limit is refused as it is typed, and said
        self.note_limit = NoteLimit(self.note_edit)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(note_debounce_ms)
        self._note_timer.timeout.connect(self.commit_note)

        row = QHBoxLayout()
        row.addWidget(self.intensity_slider, 1)
        row.addWidget(self.intensity_box)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        intensity_label = QLabel("&Intensity")
        intensity_label.setBuddy(self.intensity_box)
        form.addRow(intensity_label, row)
        form.addRow("&Kind", self.kind_box)
        form.addRow("&Note", self.note_edit)
        form.addRow(self.note_limit.label)

        self.intensity_slider.valueChanged.connect(self._slider_changed)
        self.intensity_slider.sliderReleased.connect(
            lambda: self._request({"intensity": self.intensity_slider.value()})
        )
        self.intensity_box.valueChanged.connect(self._box_changed)
        self.kind_box.activated.connect(
            lambda index: self._request({"kind": self.kind_box.itemData(index)})
        )
        self.note_edit.textChanged.connect(self._note_changed)
        self.set_spot(None)

    @property
    def spot_id(self) -> str:
        return self._spot.id if self._spot is not None else ""

    def set_spot(self, spot: Spot | None) -> None:
        """Show ``spot`` (or nothing); a note being typed for the same spot is kept."""
        same = spot is not None and self._spot is not None and spot.id == self._spot.id
        if not same and self._note_timer.isActive():
            self.commit_note()
        self._spot = spot
        self.setEnabled(spot is not None)
        widgets = (self.intensity_slider, self.intensity_box, self.kind_box, self.note_edit)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.intensity_slider.setValue(spot.intensity if spot else 0)
            self.intensity_box.setValue(spot.intensity if spot else 0)
            self.kind_box.setCurrentIndex(PAIN_KINDS.index(spot.kind) if spot else 0)
            # typing not yet sent stays; the map's own note is shown otherwise (after Undo of
            # a note edit too, with the box focused), unless the box already says it: setting
            # it again would put the cursor back at the start
            typing = same and self._note_timer.isActive()
            note = spot.note if spot else ""
            if not typing and note != self.note_edit.toPlainText():
                self.note_edit.setPlainText(note)
                self.note_edit.document().clearUndoRedoStacks()
            self.note_limit.refresh() if same else self.note_limit.clear()
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _request(self, fields: SpotFields) -> None:
        if self._spot is None:
            return
        changed = {k: v for k, v in fields.items() if getattr(self._spot, k) != v}
        if changed:
            self.editRequested.emit(self._spot.id, changed)

    def _slider_changed(self, value: int) -> None:
        self.intensity_box.blockSignals(True)
        self.intensity_box.setValue(value)
        self.intensity_box.blockSignals(False)
        if not self.intensity_slider.isSliderDown():
            self._request({"intensity": value})

    def _box_changed(self, value: int) -> None:
        self.intensity_slider.blockSignals(True)
        self.intensity_slider.setValue(value)
        self.intensity_slider.blockSignals(False)
        self._request({"intensity": value})

    def _note_changed(self) -> None:
        self._note_timer.start()

    def commit_pending(self) -> None:
        """Send a note or an intensity still being typed now (before the map is saved or
        dropped)."""
        self.intensity_box.interpretText()
        if self._note_timer.isActive():
            self.commit_note()

    def commit_note(self) -> None:
        """Send the typed note now (as one request), if it differs from the spot's. Its text
        undo then starts afresh: Ctrl+Z in the box undoes typing not yet sent, and once it
        is sent, the map's Undo (the note edit as one step)."""
        self._note_timer.stop()
        self._request({"note": self.note_edit.toPlainText()})
        self.note_edit.document().clearUndoRedoStacks()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        focus_out = event.type() == QEvent.Type.FocusOut
        if watched is self.note_edit and focus_out and self._note_timer.isActive():
            self.commit_note()
        if watched is self.intensity_box and isinstance(event, QKeyEvent):
            return self._intensity_key(event)
        if watched is self.note_edit and isinstance(event, QKeyEvent):
            return self._note_key(event)
        return super().eventFilter(watched, event)

    def _note_key(self, event: QKeyEvent) -> bool:
        """Undo and Redo in the note box with no typing of its own to take back go to the
        window: the map's Undo, not an empty text undo that swallowed the key."""
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        document = self.note_edit.document()
        undo = event.matches(QKeySequence.StandardKey.Undo) and not document.isUndoAvailable()
        redo = event.matches(QKeySequence.StandardKey.Redo) and not document.isRedoAvailable()
        if undo or redo:
            event.ignore()  # not claimed: the window's Undo or Redo shortcut runs
            return True
        return False

    def _intensity_key(self, event: QKeyEvent) -> bool:
        """The intensity box leaves the map's Undo and Redo to the window (its own text
        undo would bypass the map's history), and ignores Ctrl/Alt+Up/Down, which walk
        regions on the diagram and would otherwise jump the value to 0 or 10."""
        if event.type() == QEvent.Type.ShortcutOverride and (
            event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
        ):
            event.ignore()  # not claimed: the window's Undo or Redo shortcut runs
            return True
        walk = event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and walk:
            return event.type() == QEvent.Type.KeyPress  # used up: no step of 10
        return False
