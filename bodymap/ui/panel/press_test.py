"""PressTestBox: the panel's press test for the top sources.

"Press the spot marked ⊕ for 10 s. Does it reproduce your pain at spot N? yes / partly /
no" — one row per question of `Advice.press` (`bodymap.advisor.press.press_questions`).
The box never changes the map: an answer leaves as ``answered(spot_id, muscle, side,
answer)`` (an empty answer clears it: clicking the chosen answer again) and the window makes
it one undo step.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import ClassVar

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bodymap.advisor.press import PRESS_ANSWERS, PressQuestion
from bodymap.recent import keep

__all__ = ["ANSWER_LABELS", "PressTestBox", "PressTestRow", "QuestionLabel"]

ANSWER_LABELS = {"yes": "Yes", "partly": "Partly", "no": "No"}
FIT_LINES = 3
"""The lines of question text the box always has room for, with the answers below them: a
long muscle name and the spot's number wrap a question onto three lines in the panel."""


def _side(side: str) -> str:
    return "" if side in ("midline", "both") else f" ({side})"


class QuestionLabel(QLabel):
    """A question as plain text wrapped onto lines, its sizes kept by text and width.

    Laying the panel out asks each question's height several times at a few widths, and
    a wrapped label lays its text out again on every ask; a click mostly asks the same
    questions again (in the same or another row), so each text is measured once per width.
    """

    CACHE_LIMIT = 500
    _heights: ClassVar[dict[tuple[str, str, int], int]] = {}
    _hints: ClassVar[dict[tuple[str, str, bool], QSize]] = {}

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._font_key = ""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._font_key = ""
        super().changeEvent(event)

    def _key(self) -> tuple[str, str]:
        if not self._font_key:
            self._font_key = self.font().key()
        return (self.text(), self._font_key)

    def heightForWidth(self, width: int) -> int:
        key = (*self._key(), width)
        height = self._heights.get(key)
        if height is None:
            height = keep(self._heights, key, super().heightForWidth(width), self.CACHE_LIMIT)
        return height

    def _hint(self, minimum: bool) -> QSize:
        key = (*self._key(), minimum)
        hint = self._hints.get(key)
        if hint is None:
            hint = super().minimumSizeHint() if minimum else super().sizeHint()
            keep(self._hints, key, hint, self.CACHE_LIMIT)
        return QSize(hint)

    def sizeHint(self) -> QSize:
        return self._hint(False)

    def minimumSizeHint(self) -> QSize:
        return self._hint(True)


def _narrowable(button: QPushButton) -> QPushButton:
    """A button that may shrink to its text in a narrow panel (a push button's own least
    width is the style's wide default): the four answers stay whole side by side, with no
    sideways scrolling, in a panel about 300 pixels wide."""
    button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 16)
    return button


class _RowButton(QPushButton):
    """A row's button that says when the focus comes to it (see `PressTestBox`): only that
    one event reaches Python, not every paint and layout event, as a filter would."""

    focused = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()


class PressTestRow(QWidget):
    """One question: the source, the question and the three answers (the given one checked)."""

    def __init__(self) -> None:
        super().__init__()
        self.question = PressQuestion("", "", "", 0, None)
        self.spot_id = ""
        self.answer: str | None = None
        self.label = QuestionLabel()
        self.show_button = _RowButton("⊕ Show")
        self.show_button.setToolTip("Show where to press on the diagram")
        self.buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(_narrowable(self.show_button))
        buttons.addStretch(1)
        for value in PRESS_ANSWERS:
            button = _RowButton(ANSWER_LABELS[value])
            button.setCheckable(True)
            self.buttons[value] = button
            buttons.addWidget(_narrowable(button))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.label)
        layout.addLayout(buttons)

    def set_question(self, question: PressQuestion, spot_id: str, answer: str | None) -> None:
        """Ask ``question`` about ``spot_id``, with ``answer`` (or none) checked."""
        self.question, self.spot_id, self.answer = question, spot_id, answer
        self.label.setText(f"{question.name}{_side(question.point_side)}: {question.text()}")
        where = f"{question.name}, {question.where()}"
        self.show_button.setAccessibleName(f"Show where to press: {where}")
        for value, button in self.buttons.items():
            button.setChecked(value == answer)
            button.setAccessibleName(f"{ANSWER_LABELS[value]}: {where}")


class PressTestBox(QGroupBox):
    """The press-test questions for the map's top sources, with the answers given."""

    answered = Signal(str, str, str, str)
    """(spot id, muscle, side, answer); answer "" clears the earlier one."""
    showRequested = Signal(str, str, str, float, float)
    """(muscle, source side, view, x, y): show where to press, the question's ⊕."""

    def __init__(self, parent: QWidget | None = None, *, tab_after: QWidget | None = None) -> None:
        """``tab_after``: the control Tab reaches the first row's buttons from (the sources
        list above the box)."""
        super().__init__("Press test", parent)
        self.setAccessibleName("Press test")
        self._tab_after = tab_after
        self.rows: list[PressTestRow] = []
        """The rows shown, one per question."""
        self._answering = False
        self._pool: list[PressTestRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self.setToolTip(
            "Pain that pressing reproduces points to the source; your answers re-rank the list."
        )
        self._keys: list[tuple[str, str, str]] = []
        """The questions shown, as (spot id, muscle, side)."""
        self.scroller = QScrollArea()
        """What the panel lays out: the box in a scroll area, so rows keep their height."""
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        # rows wrap their question and their buttons narrow: the box scrolls down only
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # no Tab stop of its own: it shows no focus, and Tab goes from the sources list to
        # the first row's button (the scroll area still brings a focused row into view)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setWidget(self)
        # never so short that a question's answers are cut off below its text: the box holds
        # at least one question of FIT_LINES lines whole
        probe = PressTestRow()
        probe.label.setText("\n".join("M" * FIT_LINES))
        empty = self.minimumSizeHint().height()  # the title and the margins
        self.scroller.setMinimumHeight(empty + probe.minimumSizeHint().height())

    def set_questions(
        self,
        questions: Sequence[PressQuestion],
        spot_ids: Sequence[str],
        answers: Mapping[tuple[str, str, str], str],
    ) -> None:
        """Show these questions; ``answers`` by (spot id, muscle, side) check the given ones.
        Rows are reused (a panel refresh must stay quick); spare ones are hidden. Right after
        an answer the questions already shown keep their rows: the answer re-ranks the
        sources, and another question must not move under the pointer (a second click would
        answer that one); otherwise they come in the advisor's order."""
        if self._answering:
            questions = self._in_place(questions)
        keys = [(spot_ids[q.spot], q.muscle, q.answer_side) for q in questions]
        if keys != self._keys:  # other questions: read from the first, not where the last were
            self.scroller.verticalScrollBar().setValue(0)
        self._keys = keys
        while len(self._pool) < len(questions):
            self._new_row()
        for row, question in zip(self._pool, questions, strict=False):
            spot_id = spot_ids[question.spot]
            answer = answers.get((spot_id, question.muscle, question.answer_side))
            row.set_question(question, spot_id, answer)
            row.show()
        for row in self._pool[len(questions) :]:
            row.hide()
        self.rows = self._pool[: len(questions)]
        self.scroller.setVisible(bool(self.rows))

    def _new_row(self) -> PressTestRow:
        """A row added to the pool, its buttons connected and in reading order."""
        row = PressTestRow()
        row.show_button.clicked.connect(functools.partial(self._show, row))
        for value, button in row.buttons.items():
            button.clicked.connect(functools.partial(self._clicked, row, value))
        self._layout.addWidget(row)
        self._keep_in_reading_order(row)
        # a button that takes the focus brings its whole row into view, question and all:
        # the scroll area alone showed the button and cut off the question above it
        for button in (row.show_button, *row.buttons.values()):
            if isinstance(button, _RowButton):
                button.focused.connect(
                    functools.partial(self.scroller.ensureWidgetVisible, row, 0, 0)
                )
        self._pool.append(row)
        return row

    def _in_place(self, questions: Sequence[PressQuestion]) -> list[PressQuestion]:
        """``questions`` with those already shown first, in the rows they are in, then the
        new ones in the advisor's order."""

        def key(q: PressQuestion) -> tuple[str, str, int]:
            return (q.muscle, q.side, q.spot)

        shown = {key(row.question): i for i, row in enumerate(self.rows)}
        kept = sorted((q for q in questions if key(q) in shown), key=lambda q: shown[key(q)])
        return [*kept, *(q for q in questions if key(q) not in shown)]

    def _keep_in_reading_order(self, row: PressTestRow) -> None:
        """Tab reaches a new row's buttons right after the row above (the first row's right
        after ``tab_after``), not after whatever the window made since the panel (a row is
        made when first needed, and Qt puts a new widget at the end of the window's Tab
        order). The scroll area takes no focus, so it cannot anchor the first row."""
        previous: QWidget = (
            self._pool[-1].buttons[PRESS_ANSWERS[-1]]
            if self._pool
            else self._tab_after or self.scroller
        )
        for button in (row.show_button, *(row.buttons[value] for value in PRESS_ANSWERS)):
            QWidget.setTabOrder(previous, button)
            previous = button

    def _show(self, row: PressTestRow, _checked: bool = False) -> None:
        q = row.question
        if q.site is not None:  # the core offers no question without a point to press
            self.showRequested.emit(q.muscle, q.side, *q.site)

    def _clicked(self, row: PressTestRow, value: str, _checked: bool = False) -> None:
        q, spot_id = row.question, row.spot_id
        new = "" if row.answer == value else value
        self._show(row)
        self._answering = True  # the refresh this answer brings keeps the rows in place
        try:
            self.answered.emit(spot_id, q.muscle, q.answer_side, new)
        finally:
            self._answering = False
        # the map's answer decides what is checked (the refresh has set it, if it changed)
        row.set_question(row.question, row.spot_id, row.answer)
