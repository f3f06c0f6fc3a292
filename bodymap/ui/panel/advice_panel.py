"""AdvicePanel: the spots, the selected spot's editor, and the advice for the whole map.

The panel observes the `TriggerPointMap` and calls ``advise()`` once per map change
(synchronously, so a click on the canvas shows its answer in the same event). It never
changes the map: edits leave as ``editRequested(spot_id, fields)``.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSignalBlocker,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bodymap.advisor import Advice, Reason, Source, SpotFinding, advise_map, spots_label
from bodymap.atlas import ViewAtlas, load_atlas
from bodymap.knowledge import load_knowledge
from bodymap.maps.model import Change, TriggerPointMap
from bodymap.ui.document.map_observer import MapObserver
from bodymap.ui.document.selection import SpotSelection
from bodymap.ui.drawing.focus_ring import show_keyboard_focus
from bodymap.ui.drawing.menu_keys import keys_to_menu
from bodymap.ui.drawing.plain_text import plain_tooltip
from bodymap.ui.panel.clinician import ClinicianDialog
from bodymap.ui.panel.press_test import PressTestBox
from bodymap.ui.panel.spot_editor import NOTE_DEBOUNCE_MS, SpotEditor
from bodymap.words import (
    area_place,
    hold_text,
    left_out_text,
    pain_text,
    percent_text,
    position_words,
    spot_noun,
    spot_row,
    tool_words,
)

__all__ = ["EMPTY_TEXT", "AdvicePanel", "explained_spots", "reason_text"]

EMPTY_TEXT = (
    "Click where it hurts on the body to add a spot, or walk the body with Ctrl+arrows "
    "and press Insert."
)
LENGTH_CHOICES = (
    ("short", "Short (about 5 min)"),
    ("standard", "Standard (10–15 min)"),
    ("full", "Full (every step)"),
)
_Index = QModelIndex | QPersistentModelIndex
_ROLE_SOURCE = Qt.ItemDataRole.UserRole
_ROLE_SCORE = Qt.ItemDataRole.UserRole + 1
SPOT_ROWS = 6.5
"""The spot list always has room for this many one-line rows."""


def reason_text(reason: Reason, area: bool = False) -> str:
    """A reason in plain words: "local — under spot 2", "commonly refers pain to spot 1
    (main zone)"; for a painted area how much of it a zone covers: "its main zone covers
    72 % of area 3"."""
    number = reason.spot + 1
    if area:
        text = str(reason.text).split(" (the area covers")[0].rstrip(".")
        return text[:1].lower() + text[1:]
    if reason.kind == "local":  # as "Under the spots" lists it: at the point, or beside it
        where = "right next to" if reason.zone == "near" else "under"
        return f"local — {where} spot {number}"
    if reason.kind == "referred":
        zone = {"essential": "main zone", "spillover": "spillover"}.get(reason.zone or "", "")
        return f"commonly refers pain to spot {number}" + (f" ({zone})" if zone else "")
    return str(reason.text)


def _side(side: str) -> str:
    return "" if side == "midline" else f" ({side})"


def _under_names(finding: SpotFinding) -> list[str]:
    """The muscles "Under the spots" names for a spot: the first three under a point; for
    a painted area those covering most of it, two superficial and two deep (the locator
    lists each layer largest first), so the deep muscles of a low-back area are named too.
    A spot on the midline lies on both sides' regions: each muscle is named once."""
    if finding.area_units2 is None:
        return list(dict.fromkeys(r.name for r in finding.regions))[:3]
    layers = {
        layer: list(dict.fromkeys(r.name for r in finding.regions if r.layer == layer))
        for layer in ("superficial", "deep")
    }
    top, deep = layers["superficial"], layers["deep"]
    picked = top[: max(2, 4 - len(deep))] + deep[: max(2, 4 - len(top))]
    return list(dict.fromkeys(picked))[:4]


def explained_spots(source: Source) -> int:
    """How many different spots a source explains (lies under or refers pain to)."""
    return len({reason.spot for reason in source.reasons if reason.kind != "press"})


class ScoreDelegate(QStyledItemDelegate):
    """Draws a source's likelihood as a bar in the palette's highlight colour: the most
    likely source fills the bar, the others are drawn in proportion to it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: _Index,
    ) -> None:
        score = index.data(_ROLE_SCORE)
        if score is None:
            super().paint(painter, option, index)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect: QRect = option.rect.adjusted(4, 0, -4, 0)
        height = max(6, min(rect.height() // 2, option.fontMetrics.height() // 2))
        bar = QRect(rect.left(), rect.center().y() - height // 2, rect.width(), height)
        base = option.palette.color(QPalette.ColorRole.Mid)
        base.setAlpha(70)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(base)
        painter.drawRoundedRect(bar, height / 2, height / 2)
        filled = QRect(bar)
        filled.setWidth(max(height, round(bar.width() * max(0.0, min(1.0, float(score))))))
        painter.setBrush(option.palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(filled, height / 2, height / 2)
        painter.restore()


class WrapDelegate(QStyledItemDelegate):
    """Wraps long names and reasons onto more lines (rows grow) instead of eliding them.

    A row's size depends only on its text, font, indentation and the column's width, and a
    click lists mostly the same sources and reasons again: sizes are kept by those, so the
    text is measured once, not on every refresh."""

    CACHE_LIMIT = 2000

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree
        self._sizes: dict[tuple[str, str, int, int], QSize] = {}
        tree.header().sectionResized.connect(lambda *_: tree.scheduleDelayedItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self._tree.columnWidth(index.column()) - depth * self._tree.indentation() - 12
        key = (opt.text, opt.font.key(), width, depth)
        size = self._sizes.get(key)
        if size is None:
            metrics = QFontMetrics(opt.font)
            box = metrics.boundingRect(
                QRect(0, 0, max(40, width), 100000), Qt.TextFlag.TextWordWrap, opt.text
            )
            base = super().sizeHint(option, index)
            size = QSize(base.width(), max(base.height(), box.height() + 6))
            if len(self._sizes) >= self.CACHE_LIMIT:
                self._sizes.clear()
            self._sizes[key] = size
        return QSize(size)


class AdvicePanel(QWidget):
    """Spot list, spot editor, ranked sources, routine, surrounding areas and cautions."""

    sourceSelected = Signal(str, str)
    pressSiteShown = Signal(str, str, str, float, float)
    """A press test's "⊕ Show": (muscle, side, view, x, y), the one point to press."""
    patternRequested = Signal(str, str)
    """A source's "Show referral pattern": open the muscle browser on (muscle, side)."""
    pressAnswered = Signal(str, str, str, str)
    """A press-test answer: (spot id, muscle, side, answer), answer "" clears it."""
    editRequested = Signal(str, dict)
    lengthChanged = Signal(str)
    adviceChanged = Signal()
    """The advice was worked out again (after any change of the map or of the length)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        atlas: Mapping[str, ViewAtlas] | None = None,
        selection: SpotSelection | None = None,
        note_debounce_ms: int = NOTE_DEBOUNCE_MS,
    ) -> None:
        """``selection`` is the document's selected spot (a panel of its own without one);
        ``note_debounce_ms`` how long typing pauses before a note is committed."""
        super().__init__(parent)
        self.selection = selection if selection is not None else SpotSelection(self)
        self.selection.changed.connect(self._selection_changed)
        self._refreshing = False
        self._atlas = atlas if atlas is not None else load_atlas()
        self._observer = MapObserver(self._on_change)
        self._source: tuple[str, str] | None = None
        self.advice: Advice | None = None
        self.advise_count = 0
        self.length = "standard"
        self.clinician_dialog: ClinicianDialog | None = None
        self.setAccessibleName("Advice")

        bar = self._length_bar()
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(12)

        spots_page = self._spots_page(note_debounce_ms)
        sources_page = self._sources_page()
        self.details = QTextBrowser()
        self.details.setAccessibleName("Routine and cautions")
        self.details.setOpenLinks(False)
        show_keyboard_focus(self.details)  # Tabbed to, it shows it has the focus
        self._details_text = ""

        self.sections = QSplitter(Qt.Orientation.Vertical)
        """The spots, the sources with the press test, and the routine, one above the other
        (the window remembers how the person sized them)."""
        self.sections.setChildrenCollapsible(False)
        for page in (spots_page, sources_page, self.details):
            self.sections.addWidget(page)
        # the likely sources and their press test are the answer: they get the most room
        self.sections.setSizes([spots_page.minimumSizeHint().height(), 300, 260])
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.sections)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.stack)
        self.refresh()

    def _length_bar(self) -> QHBoxLayout:
        """The routine's length and the "See a clinician?" button, above the sections."""
        self.length_box = QComboBox()
        self.length_box.setAccessibleName("Routine length")
        for key, label in LENGTH_CHOICES:
            self.length_box.addItem(label, key)
        self.length_box.setCurrentIndex(1)
        self.length_box.currentIndexChanged.connect(self._length_chosen)
        self.clinician_button = QPushButton("See a clinician?")
        self.clinician_button.setToolTip("When to see a clinician, and who should ask first")
        self.clinician_button.setAccessibleName("When to see a clinician")
        self.clinician_button.clicked.connect(self.show_clinician)
        self.length_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.length_box.setMinimumContentsLength(12)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.length_box, 1)
        bar.addWidget(self.clinician_button)
        return bar

    def _spots_page(self, note_debounce_ms: int) -> QWidget:
        """The spot list (with the week's mat sessions) and the selected spot's editor."""
        self.spot_list = QListWidget()
        self.spot_list.setAccessibleName("Spots")
        self.spot_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.spot_list.setWordWrap(True)
        rows = SPOT_ROWS * (self.spot_list.fontMetrics().lineSpacing() + 1)
        self.spot_list.setMinimumHeight(round(rows) + 2 * self.spot_list.frameWidth())
        self.spot_list.currentItemChanged.connect(self._spot_row_changed)
        self.editor = SpotEditor(note_debounce_ms=note_debounce_ms)
        self.editor.editRequested.connect(self.editRequested)
        # the editor's title ("Spot 2") is a label above an untitled box: a box's own title
        # repaints the whole box, its slider, lists and note included, on every new spot
        self.editor_title = QLabel("Selected spot")
        self.editor_title.setTextFormat(Qt.TextFormat.PlainText)
        self.editor_box = QGroupBox()
        self.editor_box.setAccessibleName("Selected spot")
        QVBoxLayout(self.editor_box).addWidget(self.editor)
        spots_page = QWidget()
        spots_layout = QVBoxLayout(spots_page)
        spots_layout.setContentsMargins(0, 0, 0, 0)
        self.sessions_label = QLabel()
        self.sessions_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sessions_label.setAccessibleName("Mat sessions this week")
        heading = QHBoxLayout()
        heading.addWidget(self._heading("Spots"))
        heading.addStretch(1)
        heading.addWidget(self.sessions_label)
        spots_layout.addLayout(heading)
        spots_layout.addWidget(self.spot_list, 1)
        editor_column = QVBoxLayout()
        editor_column.setSpacing(0)  # the label sits where the box's own title sat
        editor_column.addWidget(self.editor_title)
        editor_column.addWidget(self.editor_box)
        spots_layout.addLayout(editor_column)
        return spots_page

    def _sources_page(self) -> QWidget:
        """The likely sources with their reasons, and the press test below them."""
        self.source_tree = QTreeWidget()
        self.source_tree.setAccessibleName("Likely sources")
        self.source_tree.setColumnCount(2)
        self.source_tree.setHeaderLabels(["Likely source", "Likelihood"])
        header = self.source_tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("Likelihood") + 24)
        self.source_tree.setItemDelegateForColumn(0, WrapDelegate(self.source_tree))
        self.source_tree.setItemDelegateForColumn(1, ScoreDelegate(self.source_tree))
        self.source_tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.source_tree.setRootIsDecorated(False)
        self.source_tree.setWordWrap(True)
        self.source_tree.itemClicked.connect(self._source_clicked)
        self.source_tree.itemActivated.connect(self._source_clicked)
        self.source_tree.currentItemChanged.connect(self._source_moved)
        self.source_tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.source_tree.customContextMenuRequested.connect(self._source_context_menu)
        sources_page = QWidget()
        sources_layout = QVBoxLayout(sources_page)
        sources_layout.setContentsMargins(0, 0, 0, 0)
        sources_layout.addWidget(self.source_tree, 3)
        self.press_box = PressTestBox(tab_after=self.source_tree)
        self.press_box.answered.connect(self.pressAnswered)
        self.press_box.showRequested.connect(self._show_press_source)
        sources_layout.addWidget(self.press_box.scroller, 2)
        return sources_page

    # -- the routine length and the clinician section ----------------------------------------
    def _length_chosen(self, index: int) -> None:
        key = str(self.length_box.itemData(index))
        if key != self.length:
            self.length = key
            self.refresh()
            self.lengthChanged.emit(key)

    def set_length(self, length: str) -> None:
        """Choose the routine length (``short``, ``standard`` or ``full``) as the user would."""
        keys = [key for key, _ in LENGTH_CHOICES]
        self.length_box.setCurrentIndex(keys.index(length))

    def show_clinician(self) -> ClinicianDialog:
        """Show "When to see a clinician" (always available, whatever the spots)."""
        if self.clinician_dialog is None:
            self.clinician_dialog = ClinicianDialog(self)
            self.adviceChanged.connect(self._advice_to_clinician)
        self.clinician_dialog.set_advice(self.advice)
        self.clinician_dialog.show()
        return self.clinician_dialog

    def _advice_to_clinician(self) -> None:
        """Keep an open clinician section in step with the spots' warning signs."""
        dialog = self.clinician_dialog
        if dialog is not None and dialog.isVisible():
            dialog.set_advice(self.advice)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(f"<b>{html.escape(text)}</b>")
        label.setTextFormat(Qt.TextFormat.RichText)
        return label

    # -- the map -------------------------------------------------------------------------
    def set_map(self, tpm: TriggerPointMap | None) -> None:
        """Observe ``tpm`` (and stop observing the previous map)."""
        self._observer.observe(tpm)
        self.selection.select("")
        self._source = None
        self.refresh()

    @property
    def _map(self) -> TriggerPointMap | None:
        return self._observer.map

    def _on_change(self, change: Change) -> None:
        if change.kind == "renamed":
            return
        if change.kind == "session":
            self._show_sessions()
            return
        if change.kind == "added" and change.spot_id:  # added, or put back by Undo: selected
            self._refreshing = True  # the refresh below shows the new selection once
            try:
                self.selection.select(change.spot_id)
            finally:
                self._refreshing = False
        self.refresh()

    @property
    def selected_spot(self) -> str:
        """The selected spot's id, or "" (the document's selection)."""
        return self.selection.current

    def select_spot(self, spot_id: str) -> None:
        """Select a spot (or none with ""): an id the map does not hold selects none."""
        if self._map is None or not self._map.has_spot(spot_id):
            spot_id = ""
        if not self.selection.select(spot_id):
            self._show_selection()

    def _show_sessions(self) -> None:
        """ "3 mat sessions this week", shown once the map has any session that counts
        (`SessionRecord.counts`: one stopped at once, kept in an older file, does not)."""
        tpm = self._map
        counted = [s.start for s in tpm.sessions if s.counts] if tpm is not None else []
        if not counted:
            self.sessions_label.setVisible(False)
            return
        from bodymap.session import sessions_this_week  # only a map with sessions needs it

        count = sessions_this_week(counted, datetime.now(UTC))
        self.sessions_label.setText(f"{count} mat session{'s' if count != 1 else ''} this week")
        self.sessions_label.setVisible(True)

    # -- refreshing ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Advise once for the whole map and update every section."""
        self._show_sessions()
        spots = self._map.spots if self._map is not None else ()
        current = self.selection.current
        if current and not any(s.id == current for s in spots):
            self._refreshing = True  # shown once below
            try:
                self.selection.select("")
            finally:
                self._refreshing = False
        if not spots:
            self.advice = None
            if self._source is not None:
                self._source = None
                self.sourceSelected.emit("", "")
            self.stack.setCurrentIndex(0)
            self.spot_list.clear()
            with QSignalBlocker(self.source_tree):  # emptied, not chosen from
                self.source_tree.clear()
            self.press_box.set_questions((), [], {})
            self._set_details("")
            self._show_selection()
            self.adviceChanged.emit()
            return
        assert self._map is not None
        spot_ids = [spot.id for spot in spots]
        self.advice = advise_map(self._map, self.length, self._atlas)
        self.advise_count += 1
        self.stack.setCurrentIndex(1)
        self._fill_spots()
        self._fill_sources()
        self.press_box.set_questions(
            self.advice.press, spot_ids, {a.key: a.answer for a in self._map.answers}
        )
        self._set_details(self._details_html())
        self.adviceChanged.emit()

    def _set_details(self, text: str) -> None:
        """Show ``text`` (HTML) in the details, laid out once. Unchanged text is left as it
        is (and where it was scrolled to). Clearing the old text would hide the scroll bar and
        showing the new one bring it back, each time laying the text out again at the other
        width: the bar is held while the text is set, and hidden after if no longer needed."""
        if text == self._details_text:
            return
        self._details_text = text
        if not text:
            self.details.clear()
            return
        bar = self.details.verticalScrollBar()
        policy = self.details.verticalScrollBarPolicy()
        if bar.isVisible() and policy == Qt.ScrollBarPolicy.ScrollBarAsNeeded:
            self.details.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            self.details.setHtml(text)
            self.details.setVerticalScrollBarPolicy(policy)
        else:
            self.details.setHtml(text)

    def _body_percent(self, units2: float) -> float:
        """A size in square atlas units as a percentage of the body (front and back)."""
        body = sum(float(va.outline.area) for va in self._atlas.values()) or 1.0
        return 100.0 * units2 / body

    def _is_area(self, index: int) -> bool:
        """Whether the spot at ``index`` is a painted area."""
        spots = self.advice.spots if self.advice is not None else ()
        return 0 <= index < len(spots) and spots[index].area_units2 is not None

    def _fill_spots(self) -> None:
        """One row per spot. While spots are added or edited, rows are updated in place: a
        row whose text is unchanged is not laid out or painted again."""
        assert self._map is not None and self.advice is not None
        self.spot_list.blockSignals(True)
        spots = self._map.spots
        if self.spot_list.count() > len(spots):
            # rows go as before, all at once: the list is repainted in the same pass
            self.spot_list.clear()
        for index, spot in enumerate(spots):
            finding = self.advice.spots[index]
            # "Area 3 — outer thigh, right — 6/10 · …", "Spot 2 — Upper trapezius (right) — …"
            tpm = self._map
            text = spot_row(
                index + 1, finding, spot, tpm.latest_reading(spot.id), tpm.trend_label(spot.id)
            )
            tip = pain_text(spot.kind, spot.note)
            item = self.spot_list.item(index)
            if item is None:
                item = QListWidgetItem()
                self.spot_list.addItem(item)
            if item.text() != text:
                item.setText(text)
            if item.data(Qt.ItemDataRole.UserRole) != spot.id:
                item.setData(Qt.ItemDataRole.UserRole, spot.id)
            tooltip = plain_tooltip(tip)
            if item.toolTip() != tooltip:
                item.setToolTip(tooltip)
        self.spot_list.blockSignals(False)
        self._show_selection()

    def _selection_changed(self, _spot_id: str) -> None:
        if not self._refreshing:
            self._show_selection()

    def _show_selection(self) -> None:
        """Select the current spot's row (one change of the list's selection) and show the
        spot in the editor."""
        spot = None
        current = -1
        for row in range(self.spot_list.count()):
            item = self.spot_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == self.selection.current:
                current = row
                assert self._map is not None
                spot = self._map.spot_by_id(self.selection.current)
                noun = spot_noun(self._is_area(row), capital=True)
                self._set_editor_title(f"{noun} {row + 1}")
        selected = [index.row() for index in self.spot_list.selectedIndexes()]
        if self.spot_list.currentRow() != current or selected != ([current] if spot else []):
            self.spot_list.blockSignals(True)
            self.spot_list.setCurrentRow(current)
            self.spot_list.blockSignals(False)
        elif current >= 0:  # choosing the row again would have scrolled to it
            self.spot_list.scrollToItem(self.spot_list.item(current))
        if spot is None:
            self._set_editor_title("Selected spot (click or Tab to a spot to edit it)")
        self.editor.set_spot(spot)

    def _set_editor_title(self, title: str) -> None:
        if self.editor_title.text() != title:
            self.editor_title.setText(title)
            self.editor_box.setAccessibleName(title)

    def _spot_row_changed(self, current: QListWidgetItem | None, _previous: Any) -> None:
        spot_id = current.data(Qt.ItemDataRole.UserRole) if current is not None else ""
        self.selection.select(spot_id)

    def _fill_sources(self) -> None:
        """One bold row per source with its reasons below, all shown. The rows are built
        whole, handed to the tree at once and opened together: the tree then lays out and
        repaints once, not for every row and reason added, nor for every row opened (a
        fourteenth of a click's work went on opening them one by one)."""
        assert self.advice is not None
        self.source_tree.blockSignals(True)
        before = self.source_rows()
        self.source_tree.clear()
        sources = self.advice.sources[:12]
        top = sources[0].score if sources and sources[0].score > 0 else 1.0
        spots = len(self.advice.spots)
        held = self.advice.routine.held
        # a held source says so in its row ("Check with a clinician first", the tables' words)
        first = load_knowledge().check_first_place.split(":", 1)[0].lower()
        items = []
        for rank, source in enumerate(sources, start=1):
            title = f"{rank}. {source.name}{_side(source.side)}"
            if (source.muscle, source.side) in held:
                title += f" — {first}"
            item = QTreeWidgetItem([title, ""])
            item.setData(0, _ROLE_SOURCE, (source.muscle, source.side))
            item.setData(1, _ROLE_SCORE, float(source.score) / top)
            explains = explained_spots(source)
            item.setToolTip(
                1,
                f"{round(100 * source.score / top)} % as likely as the top source; "
                f"explains {explains} of {spots} spot{'s' if spots != 1 else ''}",
            )
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            children = []
            for reason in source.reasons:
                area = self._is_area(reason.spot)
                child = QTreeWidgetItem([reason_text(reason, area), ""])
                child.setData(0, _ROLE_SOURCE, (source.muscle, source.side))
                child.setToolTip(0, plain_tooltip(str(reason.text)))
                children.append(child)
            item.addChildren(children)
            items.append(item)
        self.source_tree.addTopLevelItems(items)
        self.source_tree.expandAll()
        self.source_tree.blockSignals(False)
        if self.source_rows() != before:  # other sources: from the top, not mid-way
            self.source_tree.scrollToTop()
        self._show_source()

    def _show_source(self) -> None:
        """Keep the chosen source selected when the advice changes; if it is no longer
        listed, drop it and clear its highlight (``sourceSelected("", "")``)."""
        if self._source is None:
            return
        rows = self.source_rows()
        if self._source not in rows:
            self._source = None
            self.sourceSelected.emit("", "")
            return
        item = self.source_tree.topLevelItem(rows.index(self._source))
        if item is not None:
            self.source_tree.blockSignals(True)
            self.source_tree.setCurrentItem(item)
            self.source_tree.blockSignals(False)
            self.source_tree.scrollToItem(item)  # the chosen source stays in sight

    @property
    def selected_source(self) -> tuple[str, str] | None:
        """(muscle, side) of the source chosen for the highlight, or None."""
        return self._source

    def held(self, muscle: str, side: str) -> bool:
        """Whether the advice holds ``muscle`` on ``side`` for a clinician's word (it lies
        on a limb marked tingling or numb): nothing of it is to be rolled or pressed."""
        return self.advice is not None and (muscle, side) in self.advice.routine.held

    def select_source(self, rank: int) -> tuple[str, str] | None:
        """Choose the listed source at ``rank`` (0 = most likely) as the user would:
        select its row and emit ``sourceSelected``. None if there is no such source."""
        item = self.source_tree.topLevelItem(rank) if rank >= 0 else None
        if item is None:
            return None
        with QSignalBlocker(self.source_tree):  # chosen once, below
            self.source_tree.setCurrentItem(item)
        self._source_clicked(item)
        return self._source

    def _source_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, _ROLE_SOURCE)
        if data:
            self._source = (str(data[0]), str(data[1]))
            self.sourceSelected.emit(*self._source)

    def _source_moved(self, current: QTreeWidgetItem | None, _previous: Any) -> None:
        """The arrow keys choose as a click does: the row highlighted is the source drawn
        (a reason row stands for its source). Filling the list again chooses nothing."""
        if current is None:
            return
        data = current.data(0, _ROLE_SOURCE)
        if data and (str(data[0]), str(data[1])) != self._source:
            self._source_clicked(current)

    def _show_press_source(self, muscle: str, side: str, view: str, x: float, y: float) -> None:
        """A press test's "⊕ Show": choose that source, and mark on the diagram the one
        point its question asks to press (not every site: some lie where not to press)."""
        if (muscle, side) in self.source_rows():
            self.select_source(self.source_rows().index((muscle, side)))
            self.pressSiteShown.emit(muscle, side, view, x, y)

    def source_menu(self, item: QTreeWidgetItem) -> QMenu:
        """The context menu of a listed source: "Show referral pattern"."""
        menu = keys_to_menu(QMenu(self.source_tree))
        muscle, side = item.data(0, _ROLE_SOURCE)
        menu.addAction(
            "Show referral &pattern",
            lambda: self.patternRequested.emit(str(muscle), str(side)),
        )
        return menu

    def _source_context_menu(self, at: QPoint) -> None:
        item = self.source_tree.itemAt(at)
        if item is not None and item.data(0, _ROLE_SOURCE):
            self._exec_menu(self.source_menu(item), self.source_tree.viewport().mapToGlobal(at))

    def _exec_menu(self, menu: QMenu, at: QPoint) -> None:
        """Show a menu modally (tests replace this)."""
        menu.exec(at)

    def source_rows(self) -> list[tuple[str, str]]:
        """(muscle, side) of the listed sources, best first."""
        items = (
            self.source_tree.topLevelItem(i) for i in range(self.source_tree.topLevelItemCount())
        )
        return [tuple(item.data(0, _ROLE_SOURCE)) for item in items if item is not None]

    def _details_html(self) -> str:
        """Under the spots (with each spot's answer), then what not to do (cautions, red
        flags naming their spots, muscles not rolled) before the routine, so a caution is
        seen without scrolling; then the routine and what its length leaves out, the
        surroundings and the disclaimer."""
        advice = self.advice
        assert advice is not None
        e = html.escape
        areas = advice.areas
        out: list[str] = []
        under = []
        for finding in advice.spots:
            names = ", ".join(e(name) for name in _under_names(finding)) or "not on the body"
            if finding.area_units2 is not None:  # an area: named as the spot list names it
                where = f" — {e(area_place(finding, finding.side))}"
            else:
                where = f" — {e(finding.segments[0].name)}" if finding.segments else ""
            mark = " ⚠" if finding.cautions else ""
            answer = ""
            if finding.covered_by:
                label = "step" if len(finding.covered_by) == 1 else "steps"
                numbers = ", ".join(str(k + 1) for k in finding.covered_by)
                answer = f"<br>→ {label} {numbers}"
            if finding.not_rolled_reason:
                answer += f"<br><i>{e(finding.not_rolled_reason)}</i>"
            if finding.press_note:
                answer += f"<br><i>{e(finding.press_note)}</i>"
            size = ""
            if finding.area_units2 is not None:
                size = (
                    f" <i>(area, {percent_text(self._body_percent(finding.area_units2))} % "
                    "of the body)</i>"
                )
            under.append(f"<li><b>{finding.index + 1}</b>: {names}{where}{mark}{size}{answer}</li>")
        out.append("<h3>Under the spots</h3><ul>" + "".join(under) + "</ul>")
        if advice.extent is not None:
            x = advice.extent
            out.append(
                f"<p><b>Pain extent:</b> {percent_text(x.total)} % of the body "
                f"(front {percent_text(x.front)} %, back {percent_text(x.back)} %; "
                f"right side {percent_text(x.right)} %, left side {percent_text(x.left)} %)</p>"
            )
        if advice.red_flags:
            items = "".join(
                f"<li><b>{flag.heading(areas)}:</b> {e(flag.text)}</li>"
                for flag in advice.red_flags
            )
            out.append(f"<h3>⚠ Warning signs</h3><ul>{items}</ul>")
        caution_texts = {c.zone: c.text for f in advice.spots for c in f.cautions}
        if caution_texts:
            items = "".join(f"<li>⚠ {e(text)}</li>" for text in caution_texts.values())
            out.append(f"<h3>Cautions</h3><ul>{items}</ul>")
        if advice.routine.not_rolled:
            # the muscles held for a clinician's word: one line per marked place, why once
            held = "".join(f"<li>⚠ {e(p.text)}</li>" for p in advice.routine.held_places)
            why = f"<p><i>{e(advice.routine.held_why)}</i></p>" if held else ""
            items = "".join(
                f"<li><b>{e(n.name)}{e(_side(n.side))}</b>: {e(n.reason)} {e(n.instead)}"
                + "".join(f"<br>⚠ {e(text)}" for text in cautions)
                + "</li>"
                for n, cautions in advice.routine.others_with_cautions()
            )
            others = f"<ul>{items}</ul>" if items else ""
            held = f"<ul>{held}</ul>" if held else ""
            out.append(f"<h3>Do not roll — do this instead</h3>{held}{why}{others}")
        if advice.routine.steps:
            steps = []
            for step in advice.routine.steps:
                tool = e(tool_words(step.tool, step.tool_detail, full=True))
                position = position_words(step.position)
                timing = e(hold_text(step))
                cautions = "".join(f"<br>⚠ {e(c)}" for c in step.cautions)
                serves = f" — for {_spots_label(step.spots, areas).lower()}" if step.spots else ""
                steps.append(
                    f"<li><b>{e(step.name)}{e(_side(step.side))}</b>{serves}<br>"
                    f"{e(position)} · {tool}<br>{e(step.how)}<br>"
                    f"<i>{timing}.</i>{cautions}</li>"
                )
            total = f" (about {advice.routine.total_min} min)" if advice.routine.total_min else ""
            out.append(f"<h3>Routine{total}</h3><ol>" + "".join(steps) + "</ol>")
        left_out = left_out_text(
            advice.routine,
            longer="Choose a longer routine above to include them; the full routine adds "
            "every other likely source too.",
        )
        if left_out:
            out.append(f"<p>{e(left_out)}</p>")
        if advice.surrounding:
            names = ", ".join(e(a.name + _side(a.side)) for a in advice.surrounding[:10])
            out.append(f"<h3>Also roll around</h3><p>{names}</p>")
        out.append(f"<p><small>{e(load_knowledge().disclaimer)}</small></p>")
        return "".join(out)


def _spots_label(spots: Iterable[int], areas: Collection[int] = ()) -> str:
    """ "Spot 2", "Area 3", "Spots 1, 2" (`spots_label` at the start of a line)."""
    label = spots_label(spots, areas)
    return label[:1].upper() + label[1:]
