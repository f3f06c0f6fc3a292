"""The main window's small dialogs: the safety note, About, the daily check-in and the
map's new name."""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodymap import __version__
from bodymap.knowledge import Knowledge, load_knowledge
from bodymap.maps import Spot, TriggerPointMap
from bodymap.maps.values import BACKDATE_LIMIT, check_map_name
from bodymap.maps.verbs import todays_check_in
from bodymap.ui.canvas.keys import DIAGRAM_KEYS
from bodymap.ui.drawing.note_limit import NoteLimit
from bodymap.ui.drawing.plain_text import plain_label
from bodymap.ui.drawing.spot_boxes import BELOW_ZERO, spot_boxes
from bodymap.ui.panel.clinician import ReadingDialog, clinician_html

__all__ = [
    "LEFT_OUT",
    "LEFT_OUT_HINT",
    "LEFT_OUT_TEXT",
    "ON_DAY_QUESTION",
    "TODAY_QUESTION",
    "CheckInDialog",
    "RenameMapDialog",
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


class SafetyNoteDialog(ReadingDialog):
    """The first-run note, sized to the screen so its OK button is always on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Using bodymap safely",
            safety_note_html(),
            QDialogButtonBox.StandardButton.Ok,
            (640, 720),
            parent,
        )
        self.text = self.browser  # the name the first-run tests read


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


TODAY_QUESTION = "How does each spot feel today? (0 = no pain, 10 = worst)"
ON_DAY_QUESTION = "How did each spot feel on {day}? (0 = no pain, 10 = worst)"
"""The check-in's question once another day is chosen under When ("1 Dec 2026")."""
LEFT_OUT = BELOW_ZERO
"""A check-in box's value one step below 0: the spot gets no reading this time."""
LEFT_OUT_TEXT = "left out"
LEFT_OUT_HINT = "To leave a spot out of this check-in, lower it below 0."


class CheckInDialog(QDialog):
    """ "How does each spot feel today?": one 0–10 spin box per spot, prefilled with the
    spot's current intensity; one step below 0 it reads "left out" (`LEFT_OUT`): that spot
    gets no reading (updating today's check-in, it keeps the one it has). `values()` gives
    spot id → intensity of the spots not left out; Check In with every spot left out stays
    open and says so.

    While it updates today's check-in (`updates_today`) it shows that check-in instead: its
    readings (a spot it has no reading for: the spot's intensity) and its note, which the
    person edits as a whole; an emptied note removes it. A time chosen under When that is
    still today moves today's check-in there (as ``bodymap checkin --today --at`` does);
    another day is never today's, so the box is unticked and disabled while one is chosen.
    Unticking "Update today's check-in" (or choosing another day) goes back to a new
    check-in's values and an empty note; a value or a note the person changed stays as
    typed either way."""

    def __init__(
        self,
        tpm: TriggerPointMap,
        describe: Callable[[Spot], str] = lambda spot: "",
        parent: QWidget | None = None,
        intro: str = TODAY_QUESTION,
        *,
        session: bool = False,
        problem: Callable[[CheckInDialog], str] | None = None,
    ) -> None:
        """``session``: the check-in after a rolling session, made now with the session's
        own note, so it offers neither a time, a note nor "update today's check-in".
        ``problem``: why the map cannot keep the check-in as filled in ("" if it can);
        Check In then keeps the dialog open and says why, so nothing typed is lost."""
        super().__init__(parent)
        self._problem = problem
        self.setWindowTitle("Check in")
        self.setAccessibleName("Check in")
        question = QLabel(intro)
        question.setWordWrap(True)
        self._intro, self.question = intro, question
        leave_out = plain_label(LEFT_OUT_HINT)
        leave_out.setWordWrap(True)
        fresh = {spot.id: spot.intensity for spot in tpm.spots}
        # one step below 0 (`LEFT_OUT`): no reading this time
        scroll, self._boxes = spot_boxes(
            tpm, fresh, describe, "Intensity of", below_zero=LEFT_OUT_TEXT
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Check in")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("A note about today (optional), e.g. after a long drive")
        self.note.setAccessibleName("Check-in note")
        self.note.setTabChangesFocus(True)  # Tab moves on, as in the panel's note
        self.note.setFixedHeight(56)
        self.note_limit = NoteLimit(self.note)  # never more than a check-in note keeps
        self.refusal = plain_label("")
        self.refusal.setWordWrap(True)
        self.refusal.setAccessibleName("Why this check-in cannot be logged")
        self.refusal.hide()
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.when.setCalendarPopup(True)
        # "1 Dec 2026 19:58", as the History says it: the locale's short form can be
        # "1 12 2026 19:58", which reads as either day or month first
        self.when.setDisplayFormat("d MMM yyyy HH:mm")
        self.when.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
        if tpm.spots:  # a slip of a decade is refused (BACKDATE_LIMIT)
            first = min(spot.created for spot in tpm.spots) - BACKDATE_LIMIT
            self.when.setMinimumDateTime(QDateTime.fromSecsSinceEpoch(int(first.timestamp())))
        self.when.setAccessibleName("When (back-date a check-in)")
        self.today = QCheckBox("Update today's check-in instead of adding another", self)
        self.today.setChecked(True)
        self._wants_today = True
        """The person's choice, kept while another day is chosen (the box is off then)."""
        self.updating = plain_label("", self)
        """What "update today's check-in" does to the one there is ("" when adding)."""
        self.updating.setWordWrap(True)
        self.updating.setAccessibleName("Which check-in is updated")
        self._todays = None if session else todays_check_in(tpm)
        self._session = session
        self._fresh = fresh
        earlier = self._todays.intensities if self._todays is not None else None
        self._earlier = (
            {spot.id: earlier.get(spot.id, spot.intensity) for spot in tpm.spots}
            if earlier is not None
            else {}
        )
        self._filled_note = ""
        """The note the dialog last filled in (a note typed over it is left alone)."""
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(leave_out)
        layout.addWidget(scroll, 1)
        if session:
            self.today.setChecked(False)
            for widget in (self.when, self.note, self.today):
                widget.hide()
        else:
            extra = QFormLayout()
            extra.addRow("When:", self.when)
            extra.addRow("Note:", self.note)
            extra.addRow(self.note_limit.label)
            layout.addLayout(extra)
            layout.addWidget(self.today)
            layout.addWidget(self.updating)
            # with no check-in today there is nothing to update: the choice is not offered
            self.today.setVisible(self._todays is not None)
        layout.addWidget(self.refusal)
        layout.addWidget(buttons)
        self._opened = QDateTime.currentDateTime()
        # Tab and the first focus follow the page: the spots top to bottom, then When,
        # the note and the choice (the note, last made, was first to get the focus)
        chain = [*self._boxes.values(), self.when, self.note, self.today]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        chain[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self.today.toggled.connect(self._today_toggled)
        self.when.dateTimeChanged.connect(self._when_changed)
        self._when_changed()
        self.resize(440, min(660, 230 + 34 * len(self._boxes) + (40 if self._todays else 0)))

    def updates_today(self) -> bool:
        """Whether Check In will update today's existing check-in (not add one)."""
        return self._todays is not None and self.today.isChecked()

    def _today_applies(self) -> bool:
        """Whether the time chosen is today (the day the dialog opened), where "today's
        check-in" means something; never for a session's check-in."""
        return not self._session and self.when.date() == self._opened.date()

    def _today_toggled(self, checked: bool) -> None:
        self._wants_today = checked
        self._fill()

    def _when_changed(self) -> None:
        """Another day than today's check-in's unticks and disables "Update today's
        check-in" (a check-in then is added); back on that day, the person's choice returns."""
        applies = self._today_applies()
        on = self.when.date()
        self.question.setText(  # a day chosen under When is the day asked about
            self._intro
            if self._session or on == self._opened.date()
            else ON_DAY_QUESTION.format(day=on.toString("d MMM yyyy"))
        )
        self.today.blockSignals(True)
        self.today.setEnabled(applies)
        self.today.setChecked(applies and self._wants_today)
        self.today.blockSignals(False)
        self.today.setToolTip(
            "Untick to log several check-ins a day"
            if applies
            else "Only a check-in on today's date updates today's check-in: this one is added"
        )
        self._fill()

    def _fill(self) -> None:
        """Show today's check-in while updating it, a new one's values otherwise; leave
        alone what the person changed."""
        updating = self.updates_today()
        shown, other = (self._earlier, self._fresh) if updating else (self._fresh, self._earlier)
        for spot_id, box in self._boxes.items():
            if spot_id in other and box.value() == other[spot_id]:
                box.setValue(shown[spot_id])
        note = self._todays.note if updating and self._todays is not None else ""
        if self.note.toPlainText() == self._filled_note:
            self.note.setPlainText(note)
            self._filled_note = note
        if updating and self._todays is not None:
            at = self._todays.at.astimezone().strftime("%H:%M")
            moved_to = self.details()[0]
            move = "" if moved_to is None else f", moved to {moved_to:%H:%M}"
            missing = sum(1 for spot_id in self._boxes if spot_id not in self._todays.intensities)
            added = (
                f" It has no reading for {missing} of the spots: they show their latest and are "
                "added to it."
                if missing
                else ""
            )
            self.updating.setText(
                f"Updating today's check-in of {at}{move}: its readings and note are shown "
                f"above.{added} Change what you like; empty the note to remove it."
            )
        else:
            self.updating.setText("")
        self.updating.setVisible(updating)

    def values(self) -> dict[str, int]:
        """Spot id → reading, for the spots not left out."""
        return {
            spot_id: box.value() for spot_id, box in self._boxes.items() if box.value() != LEFT_OUT
        }

    def accept(self) -> None:
        """Close only with a check-in the map can keep; else say why and stay open."""
        problem = "" if self.values() else "every spot is left out"
        if not problem and self._problem is not None:
            problem = self._problem(self)
        if problem:
            self.refusal.setText(f"Cannot check in: {problem}.")
            self.refusal.show()
            return
        super().accept()

    def details(self) -> tuple[datetime | None, str, bool]:
        """(when, note, today mode): ``when`` is None unless the user changed the time;
        in today mode it is a time of today, where today's check-in moves."""
        moved = abs(self.when.dateTime().secsTo(self._opened)) > 60
        picked = self.when.dateTime().toPython()
        when = (
            # the minute chosen, as shown: not the seconds of the moment the dialog opened
            picked.replace(second=0, microsecond=0).astimezone()
            if moved and isinstance(picked, datetime)
            else None
        )
        note = self.note.toPlainText()
        if note != self._filled_note:  # a note kept as it was is given back unchanged
            note = note.strip()
        return when, note, self.today.isChecked()


class RenameMapDialog(QDialog):
    """File → Rename Map…: the map's name in a field, checked as the map checks it while it
    is typed; Rename is enabled only for a name the map can take (`name`)."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rename map")
        self.setAccessibleName("Rename map")
        intro = QLabel(
            "The name shows in the title bar, the History and on the printed guide and "
            "summary. The file keeps its own name.",
            self,
        )
        intro.setWordWrap(True)
        self.field = QLineEdit(current, self)
        self.field.setAccessibleName("Map name")
        self.field.selectAll()
        self.problem = plain_label("", self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Why this name cannot be used")
        keep = self.problem.sizePolicy()
        keep.setRetainSizeWhenHidden(True)  # its line stays: the dialog does not jump
        self.problem.setSizePolicy(keep)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Rename")
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Name:", self.field)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self._buttons)
        self.field.textChanged.connect(self._check)
        self._check()
        self.resize(420, self.sizeHint().height())

    def name(self) -> str:
        """The name typed, without the spaces around it."""
        return self.field.text().strip()

    def why_not(self) -> str:
        """Why the map cannot take the typed name, as a sentence; "" when it can."""
        try:
            check_map_name(self.name())
        except ValueError as exc:
            text = str(exc)
            return f"{text[:1].upper()}{text[1:]}."
        return ""

    def _check(self) -> None:
        problem = self.why_not()
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:
        if not self.why_not():
            super().accept()


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for every action with a shortcut, read from the actions
    themselves, then the diagram's own keys, the History chart's and a mat session's."""
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
    # the other windows' own keys, read where they are handled (imported only for Help)
    from bodymap.ui.browser.browser import BROWSER_KEYS
    from bodymap.ui.history.window import HISTORY_KEYS
    from bodymap.ui.mat.window import MAT_KEYS

    rows += [*BROWSER_KEYS, *HISTORY_KEYS, *MAT_KEYS]
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
        # a row as tall as its wrapped text, at any width: none is cut to its first line
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(520, 520)
