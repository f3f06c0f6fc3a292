"""MuscleBrowser: search a muscle by the names people use, by where it hurts or by the name
of a complaint ("tennis elbow"), filter by body area, read its record, and ask the diagram
to draw its referral pattern.

The browser never touches the canvas: it emits ``patternChosen(muscle, side)`` (an empty
muscle returns the diagram to normal) and the window forwards it. Which records match a
query is decided in the core (`bodymap.knowledge.search.search_muscles`); the completer
only lists that answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bodymap.atlas import ViewAtlas
from bodymap.knowledge import Knowledge, load_knowledge
from bodymap.knowledge.places import PlaceMuscles, place_labels
from bodymap.knowledge.search import (
    MuscleMatch,
    area_name,
    area_words,
    areas,
    search_muscles,
    term_warnings,
)
from bodymap.ui.browser.record_text import record_text
from bodymap.ui.drawing.plain_text import plain_label

__all__ = ["BROWSER_KEYS", "SIDES", "MuscleBrowser", "nothing_text"]

SIDES = (("right", "Right side"), ("left", "Left side"))
_ROLE_ID = Qt.ItemDataRole.UserRole
BROWSER_KEYS = (
    ("Return", "Muscle browser: show the best match of the search"),
    ("Escape", "Muscle browser: close it, the diagram back to normal"),
)
"""The keys the muscle browser handles, for Help."""
_COMPLETIONS = 12


def nothing_text(query: str) -> str:
    """What the browser says when a search finds nothing, and what to try instead."""
    return (
        f"No muscle matches “{query[:60]}” — try a muscle name, a body part such as "
        "“knee”, or a complaint such as “tennis elbow”."
    )


class MuscleBrowser(QWidget):
    """Search box with completion, area filter, side, the matching records and the chosen
    record's text."""

    patternChosen = Signal(str, str)
    """(muscle, side) to draw on the diagram; ("", "") for none."""
    closeRequested = Signal()
    """Escape: the person is done browsing."""

    def __init__(
        self,
        atlas: Mapping[str, ViewAtlas],
        knowledge: Knowledge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._atlas = atlas
        self._knowledge = knowledge if knowledge is not None else load_knowledge()
        self._places = place_labels(atlas)
        self._lying = PlaceMuscles(atlas)
        self._muscle = ""
        self._completions: dict[str, str] = {}
        self._query = ""
        """What was last typed in the search box (a completion writes over it)."""
        self.setAccessibleName("Muscle browser")

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search: a name (lats), a body part (knee), a complaint")
        self.search.setAccessibleName("Search muscles")
        self.completer = QCompleter(QStringListModel(self), self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(_COMPLETIONS)
        self.search.setCompleter(self.completer)
        self.search.textEdited.connect(self._query_changed)
        self.search.returnPressed.connect(self._choose_first)
        # the text overload (the model-index one is the other); the stubs do not index signals
        self.completer.activated[str].connect(self.choose_completion)  # type: ignore[index]

        self.area = QComboBox()
        self.area.setAccessibleName("Body area")
        self.area.addItem("All areas", "")
        for area in areas(self._knowledge):
            self.area.addItem(area_name(area), area)
        self.area.currentIndexChanged.connect(lambda _i: self._fill_list())
        self.side = QComboBox()
        self.side.setAccessibleName("Side")
        for side, text in SIDES:
            self.side.addItem(text, side)
        self.side.currentIndexChanged.connect(lambda _i: self._emit())

        self.list = QListWidget()
        self.list.setAccessibleName("Muscles")
        # a row says why it is listed ("… often involved in what people call tennis elbow"):
        # wrapped onto a second line in a narrow dock, never cut off or scrolled sideways
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nothing = plain_label("")
        self.nothing.setAccessibleName("Search result")
        self.nothing.setWordWrap(True)
        self.nothing.hide()
        self.warning = plain_label("")
        """When to see a clinician rather than roll, for a complaint the search names
        ("sciatica"): from the search terms table, shown above the list."""
        self.warning.setAccessibleName("When to see a clinician")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.list.currentItemChanged.connect(self._row_changed)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Muscle record")
        self.text.setReadOnly(True)

        form = QFormLayout()
        form.addRow("Find:", self.search)
        form.addRow("Area:", self.area)
        form.addRow("Show:", self.side)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setSizes([220, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.nothing)
        layout.addWidget(self.warning)
        layout.addWidget(splitter, 1)
        self._fill_list()

    # -- what is shown -------------------------------------------------------------------
    @property
    def muscle(self) -> str:
        """The chosen record's id, or ""."""
        return self._muscle

    @property
    def current_side(self) -> str:
        return str(self.side.currentData())

    def matches(self) -> list[MuscleMatch]:
        """The records the search box and the area filter let through, best first."""
        area = self.area.currentData() or None
        return search_muscles(self.search.text(), self._knowledge, area, self._places, self._lying)

    def listed(self) -> list[str]:
        """The ids in the list, top to bottom."""
        return [str(self.list.item(i).data(_ROLE_ID)) for i in range(self.list.count())]

    def show_muscle(self, muscle: str, side: str = "right") -> None:
        """Choose ``muscle`` on ``side`` (as "Show referral pattern" does): the list shows it
        selected, the text and the diagram show its record."""
        if muscle not in self._knowledge.muscles:
            raise ValueError(f"unknown muscle {muscle!r}")
        index = self.side.findData(side if side in ("right", "left") else "right")
        self.side.blockSignals(True)
        self.side.setCurrentIndex(index)
        self.side.blockSignals(False)
        if muscle not in self.listed():
            self.search.clear()
            self.area.blockSignals(True)
            self.area.setCurrentIndex(0)
            self.area.blockSignals(False)
            self._fill_list()
        self._select(muscle)

    def clear_choice(self) -> None:
        """No record chosen; the diagram goes back to normal."""
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._muscle = ""
        self.text.clear()
        self.patternChosen.emit("", "")

    def emit_choice(self) -> None:
        """Say again what is chosen (when the browser is opened again)."""
        self._emit()

    # -- reacting ------------------------------------------------------------------------
    def _query_changed(self, text: str) -> None:
        self._query = text
        found = self.matches()
        # a suggestion is the name alone, one short line: the list below says why each is
        # listed, and a long reason in the drop-down would be cut off or cover the warning
        self._completions = {m.name_label: m.muscle.id for m in found[:_COMPLETIONS]}
        model = self.completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(list(self._completions))
        self._fill_list()
        if self.search.text().strip():
            self.completer.complete()

    def choose_completion(self, label: str) -> None:
        """A completion was picked: show that record, among the results of what was typed
        (the box shows the query again, not the suggestion the completer wrote into it,
        so the box and the list below it agree)."""
        muscle = self._completions.get(label)
        if muscle is not None:
            self._select(muscle)
            # after the line edit's own slot, which writes the suggestion into the box
            # once this one has run (it connects when the box takes the focus)
            QTimer.singleShot(0, self, self._restore_query)

    def _restore_query(self) -> None:
        if self.search.text() != self._query:
            self.search.setText(self._query)  # not an edit: the list stays as it is

    def _choose_first(self) -> None:
        if self.list.count():
            self._select(str(self.list.item(0).data(_ROLE_ID)))

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for match in self.matches():
            item = QListWidgetItem(match.label)
            item.setData(_ROLE_ID, match.muscle.id)
            item.setToolTip(f"Body area: {area_words(match.muscle)}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        query = self.search.text().strip()
        self.nothing.setText(nothing_text(query) if query else "")
        self.nothing.setVisible(bool(query) and self.list.count() == 0)
        warnings = term_warnings(query, self._knowledge) if query else ()
        self.warning.setText("\n".join(f"⚠ {text}" for text in warnings))
        self.warning.setVisible(bool(warnings))
        if self._muscle in self.listed():
            self._mark(self._muscle)
        elif self._muscle:
            self.clear_choice()  # a record the search no longer lists is not shown either

    def _mark(self, muscle: str) -> None:
        row = self.listed().index(muscle)
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)

    def _select(self, muscle: str) -> None:
        if muscle in self.listed():
            self._mark(muscle)
        self._muscle = muscle
        record = self._knowledge.muscles[muscle]
        text = record_text(record, self._atlas, self._knowledge, self.current_side)
        self.text.setPlainText(text)
        self._emit()

    def _row_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self._select(str(current.data(_ROLE_ID)))

    def _emit(self) -> None:
        if self._muscle:
            self.patternChosen.emit(self._muscle, self.current_side)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.closeRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
