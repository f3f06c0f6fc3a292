"""PressTestBox: the panel's press test for the top sources.

"Press the spot marked ⊕ for 10 s. Does it reproduce your pain at spot N? yes / partly /
no" — one row per question of `bodymap.advisor.press.press_questions`. The box never
changes the map: an answer leaves as ``answered(spot_id, muscle, side, answer)`` (an empty
answer clears it: clicking the chosen answer again) and the window makes it one undo step.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
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

__all__ = ["ANSWER_LABELS", "PressTestBox", "PressTestRow"]

ANSWER_LABELS = {"yes": "Yes", "partly": "Partly", "no": "No"}


def _side(side: str) -> str:
    return "" if side in ("midline", "both") else f" ({side})"


class PressTestRow(QWidget):
    """One question: the source, the question and the three answers (the given one checked)."""

    def __init__(self, question: PressQuestion, spot_id: str, answer: str | None) -> None:
        super().__init__()
        self.question = question
        self.spot_id = spot_id
        self.answer = answer
        self.label = QLabel(f"{question.name}{_side(question.side)}: {question.text()}")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.show_button = QPushButton("⊕ Show")
        self.show_button.setToolTip("Show where to press on the diagram")
        self.buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        for value in PRESS_ANSWERS:
            button = QPushButton(ANSWER_LABELS[value])
            button.setCheckable(True)
            button.setChecked(value == answer)
            button.setAccessibleName(
                f"{ANSWER_LABELS[value]}: {question.name}, spot {question.spot + 1}"
            )
            self.buttons[value] = button
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.label)
        layout.addLayout(buttons)


class PressTestBox(QGroupBox):
    """The press-test questions for the map's top sources, with the answers given."""

    answered = Signal(str, str, str, str)
    """(spot id, muscle, side, answer); answer "" clears the earlier one."""
    showRequested = Signal(str, str)
    """(muscle, source side): show where to press (the source's trigger-point sites)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Press test", parent)
        self.setAccessibleName("Press test")
        self.rows: list[PressTestRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self.setToolTip(
            "Pain that pressing reproduces points to the source; your answers re-rank the list."
        )
        self.scroller = QScrollArea()
        """What the panel lays out: the box in a scroll area, so rows keep their height."""
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self)

    def set_questions(
        self,
        questions: Sequence[PressQuestion],
        spot_ids: Sequence[str],
        answers: Mapping[tuple[str, str, str], str],
    ) -> None:
        """Show these questions; ``answers`` by (spot id, muscle, side) check the given ones."""
        for row in self.rows:
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()  # a row's button may be the one emitting just now
        self.rows = []
        for question in questions:
            spot_id = spot_ids[question.spot]
            answer = answers.get((spot_id, question.muscle, question.answer_side))
            row = PressTestRow(question, spot_id, answer)
            row.show_button.clicked.connect(
                functools.partial(self.showRequested.emit, question.muscle, question.side)
            )
            for value, button in row.buttons.items():
                button.clicked.connect(functools.partial(self._clicked, row, value))
            self._layout.addWidget(row)
            self.rows.append(row)
        self.scroller.setVisible(bool(self.rows))

    def _clicked(self, row: PressTestRow, value: str, _checked: bool = False) -> None:
        q = row.question
        self.showRequested.emit(q.muscle, q.side)
        new = "" if row.answer == value else value
        self.answered.emit(row.spot_id, q.muscle, q.answer_side, new)
