"""The main window's small dialogs: the safety note, About, and the daily check-in."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bodymap import __version__
from bodymap.knowledge import Knowledge, load_knowledge
from bodymap.maps import Spot, TriggerPointMap
from bodymap.ui.canvas.keys import DIAGRAM_KEYS
from bodymap.ui.drawing.plain_text import plain_label
from bodymap.ui.panel.clinician import clinician_html

__all__ = [
    "CheckInDialog",
    "SafetyNoteDialog",
    "ShortcutsDialog",
    "safety_note_html",
    "shortcut_rows",
    "show_about",
    "show_safety_note",
]

SAFETY_NOTE_ADVICE_LINES = 2
"""How many of the general advice lines the first-run note shows before the clinician section."""


def safety_note_html(knowledge: Knowledge | None = None) -> str:
    """The first-run note: the disclaimer, the first advice lines and the clinician section,
    every sentence escaped from the knowledge tables (no wording of its own)."""
    k = knowledge or load_knowledge()
    e = html.escape
    lines = "".join(f"<li>{e(line)}</li>" for line in k.advice[:SAFETY_NOTE_ADVICE_LINES])
    return f"<p>{e(k.disclaimer)}</p><ul>{lines}</ul>" + clinician_html(k)


class SafetyNoteDialog(QDialog):
    """The first-run note in a scrolling text area sized to the screen, so its OK button is
    always on screen whatever the length of the safety texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Using bodymap safely")
        self.setAccessibleName("Using bodymap safely")
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setHtml(safety_note_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 640, 720
        if room is not None:
            width, height = (
                min(width, int(room.width() * 0.9)),
                min(height, int(room.height() * 0.85)),
            )
        self.resize(width, height)


def show_safety_note(parent: QWidget | None) -> None:
    """The first-run note (also Help → Using bodymap safely…)."""
    SafetyNoteDialog(parent).exec()


def show_about(parent: QWidget | None) -> None:
    QMessageBox.about(
        parent,
        "About bodymap",
        f"<h3>bodymap {__version__}</h3>"
        "<p>Click where it hurts; see which muscles commonly refer pain there and how to "
        "roll them with a foam roller or a massage ball. Your maps stay on your computer.</p>"
        f"<p>{html.escape(load_knowledge().disclaimer)}</p>",
    )


class CheckInDialog(QDialog):
    """ "How does each spot feel today?": one 0–10 spin box per spot, prefilled with the
    spot's current intensity. `values()` gives spot id → intensity."""

    def __init__(
        self,
        tpm: TriggerPointMap,
        describe: Callable[[Spot], str] = lambda spot: "",
        parent: QWidget | None = None,
        intro: str = "How does each spot feel today? (0 = no pain, 10 = worst)",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check in")
        self.setAccessibleName("Check in")
        self._boxes: dict[str, QSpinBox] = {}
        question = QLabel(intro)
        question.setWordWrap(True)
        form_host = QWidget()
        form = QFormLayout(form_host)
        for number, spot in enumerate(tpm.spots, start=1):
            box = QSpinBox(minimum=0, maximum=10, value=spot.intensity, suffix=" / 10")
            box.setFixedWidth(box.sizeHint().width() + 16)
            where = describe(spot)
            label = f"Spot {number}" + (f" — {where}" if where else "")
            box.setAccessibleName(f"Intensity of spot {number}")
            form.addRow(plain_label(label), box)
            self._boxes[spot.id] = box
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(form_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Check in")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(440, min(560, 110 + 34 * len(self._boxes)))

    def values(self) -> dict[str, int]:
        return {spot_id: box.value() for spot_id, box in self._boxes.items()}


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut, read from the actions
    themselves, then the diagram's own keys."""
    rows = []
    for action in actions:
        keys = ", ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
        )
        if keys:
            rows.append(
                (keys, action.text().replace("&&", "\0").replace("&", "").replace("\0", "&"))
            )
    rows += [(keys, f"Diagram: {what}") for keys, what in DIAGRAM_KEYS]
    return rows


class ShortcutsDialog(QDialog):
    """Help → Keyboard Shortcuts: a plain two-column table, keys and what they do."""

    def __init__(self, rows: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(["Keys", "Does"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, what) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 520)
