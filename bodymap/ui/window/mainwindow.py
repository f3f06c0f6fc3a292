"""The main window: body diagrams in the centre, advice in a dock, menus around them.

`MapWindow` observes a `MapDocument`. The canvas and the panel only *request* changes; the
window turns each request into a `bodymap.maps` operation pushed on the document's undo
stack (`spot_requests`), so every edit is undoable and marks the map unsaved. Dialogs and
file choosers sit behind small ``ask_*`` methods that tests replace. Exports and the guide
live in `exports_menu`, the remembered layout in `window_state`.

What the first frame does not need (exports, printing, dialogs, mat sessions, history, the
muscle browser's contents) is imported when the person first asks for it, so the window
opens sooner.
"""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QChildEvent, QSettings, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenu,
    QPushButton,
    QSlider,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge
from bodymap.maps import Change, Spot, TriggerPointMap
from bodymap.ui import settings as prefs
from bodymap.ui.browser.dock import MuscleDock
from bodymap.ui.canvas.body_canvas import BodyCanvas
from bodymap.ui.canvas.hit_text import describe_hit
from bodymap.ui.canvas.legend import DiagramLegend
from bodymap.ui.document import spot_requests
from bodymap.ui.document.document import UNTITLED, MapDocument, example_names, is_file
from bodymap.ui.document.map_observer import MapObserver
from bodymap.ui.drawing.menu_keys import keys_to_menu
from bodymap.ui.drawing.plain_text import menu_text, plain_label, plain_window_title
from bodymap.ui.panel.advice_panel import AdvicePanel
from bodymap.ui.window import state as window_state
from bodymap.ui.window.actions import WindowActions, build_menus
from bodymap.ui.window.advice_dock import AdviceDock
from bodymap.ui.window.paint_bar import ERASE_HINT, PAINT_HINT, build_paint_bar
from bodymap.ui.window.state import PANEL_WIDTH
from bodymap.words import spot_noun, spot_place, user_text

if TYPE_CHECKING:
    import shapely

    from bodymap.ui.history.window import HistoryDialog
    from bodymap.ui.window.mat_session import MatSessions

__all__ = ["MISSING_MARK", "PANEL_WIDTH", "MapWindow", "unshaped", "window_title"]

HINT = (
    "Click where it hurts to mark a spot (keys: Ctrl+arrows, then Insert); drag a spot to move it."
)
TOOL_HINTS = {"click": HINT, "paint": PAINT_HINT, "erase": ERASE_HINT}
"""The diagram's tools, in the order of their buttons, and the status line's hint for each."""
MISSING_MARK = "(not found)"
"""After a file in File → Open Recent that is not there now (moved, or on a drive that is
not plugged in): it stays listed until choosing it finds it gone."""


def window_title(document: MapDocument) -> str:
    """The map's name, and the file it is saved in when the name does not say it:
    "Untitled map", "my back.bodymap", "Desk worker" (desk_worker.bodymap),
    "Desk worker (monday.bodymap)"."""
    name, path = document.map.name, document.path
    if path is None:
        return user_text(name)
    if name == UNTITLED:
        return user_text(path.name)
    if _plain(name) == _plain(path.stem):
        return user_text(name)
    return f"{user_text(name)} ({user_text(path.name)})"


def _plain(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def unshaped(font: QFont) -> QFont:
    """``font`` laid out without shaping where the script needs none.

    Shaping (kerning and ligatures, through HarfBuzz) was about a sixth of a click's work:
    the panel lays out and draws several thousand characters of names, reasons and routine
    for each new spot. Latin text, digits and the arrows and warning signs read the same
    without it; Qt still shapes the scripts that need it (Arabic, Devanagari, ...), so a
    note typed in one shows as it should. Only the window's own text is laid out so: the
    printed guide and the summary keep their kerning."""
    font = QFont(font)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


class MapWindow(QMainWindow):
    """bodymap's main window for one document."""

    def __init__(
        self,
        document: MapDocument | None = None,
        parent: QWidget | None = None,
        *,
        remember: bool = True,
    ) -> None:
        """``remember=False`` ignores and keeps no window state, layer choices or recent
        files (for reproducible screenshots)."""
        super().__init__(parent)
        self._remember = remember
        self.setObjectName("mapWindow")
        self.setFont(unshaped(self.font()))
        self.document = document or MapDocument(self)
        if self.document.parent() is None:
            self.document.setParent(self)
        self.document.keeps_recent_files = remember
        self.atlas = load_atlas()
        self.selection = self.document.selection
        self._observer = MapObserver(self._on_change)
        self.history_dialog: HistoryDialog | None = None
        self._mat: MatSessions | None = None

        self.canvas = BodyCanvas(self, self.atlas, self.selection)
        self.canvas.setAccessibleName("Body diagrams")
        self.legend = DiagramLegend(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.canvas, 1)
        column.addWidget(self.legend)
        self.setCentralWidget(central)
        stack = self.document.undo_stack
        self.acts = WindowActions(
            self, stack.createUndoAction(self, "&Undo"), stack.createRedoAction(self, "&Redo")
        )
        # say what Ctrl+Z took back: the diagram may not show it (a note, a check-in)
        self.acts.undo.triggered.connect(lambda: self._say_undone("Undone", stack.redoText()))
        self.acts.redo.triggered.connect(lambda: self._say_undone("Redone", stack.undoText()))
        for action in self.acts.paint_actions():
            # bare keys (B, E, [, ]) act on the diagram only, never while typing a note
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.canvas.addAction(action)
        # made before the panel: widgets made later (the panel's, the muscle browser's) come
        # after it in Tab order, never between the bar and the diagram (see below)
        self.paint_bar = build_paint_bar(self, self.acts, self.canvas)
        self.panel = AdvicePanel(self, self.atlas, self.selection)
        self.panel.setAccessibleName("Advice for the marked spots")
        self.dock = AdviceDock("Advice", self)
        self.dock.setObjectName("adviceDock")
        self.dock.setAccessibleName("Advice panel")
        self.dock.set_panel(self.panel)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.muscle_dock = MuscleDock(self.atlas, parent=self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.muscle_dock)
        self.tabifyDockWidget(self.dock, self.muscle_dock)
        self.muscle_dock.hide()
        # Tab in reading order: the paint bar (left), the diagram, then the panel (right)
        brush = self.paint_bar.findChild(QSlider, "brushSize")
        assert brush is not None
        QWidget.setTabOrder(brush, self.canvas)

        self.menus = build_menus(self, self.acts, self.dock.toggleViewAction())
        for menu in self.menuBar().findChildren(QMenu):  # its letters, not the diagram's
            keys_to_menu(menu)
        for action in (self.acts.edit_spot, self.acts.delete_spot):
            # Enter and Delete act on the spot from the diagram and the spot list only:
            # typed in the panel's fields they must not edit or delete the spot
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.canvas.addAction(action)
            self.panel.spot_list.addAction(action)
        # Escape from any control of the panel (docked or floating) returns to the diagram
        self.acts.focus_diagram.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.dock.addAction(self.acts.focus_diagram)
        self.hover_label = plain_label(HINT)
        self._source_note = ""
        """What the status line last said of a chosen likely source (held, or never worked)."""
        self.hover_label.setAccessibleName("Region under the pointer")
        self.statusBar().addWidget(self.hover_label, 1)
        self._kept_other: Path | None = None
        self.disk_label = plain_label("")
        self.disk_label.setObjectName("diskState")
        self.disk_label.hide()
        self.statusBar().addPermanentWidget(self.disk_label)
        self.load_changes = QPushButton("&Load Changes")
        """Beside "… was changed on disk" while nothing here is unsaved: loads what the
        other program wrote (File → Revert), so a window left open shows today's check-in."""
        self.load_changes.setObjectName("loadChanges")
        self.load_changes.setToolTip("Load the map as the other program saved it")
        self.load_changes.hide()  # in the status bar only while offered (see _update_revert)

        self._connect()
        window_state.restore_layers(self.acts.layers, self.canvas, self._remember)
        self.show_views(prefs.views() if self._remember else "both", remember=False)
        self._fill_examples()
        self._fill_recent()
        window_state.restore_window(self, self.dock, self.panel.sections, self._remember)
        self._on_map_replaced(self.document.map)
        self._update_title()

    # -- wiring --------------------------------------------------------------------------
    def _connect(self) -> None:
        a, doc = self.acts, self.document
        a.new.triggered.connect(doc.new)
        a.open.triggered.connect(lambda: doc.open())
        a.save.triggered.connect(doc.save)
        a.save_as.triggered.connect(lambda: self.save_as())
        a.revert.triggered.connect(doc.revert)
        self.load_changes.clicked.connect(doc.revert)
        a.rename_map.triggered.connect(self.rename_map)
        a.export_png.triggered.connect(lambda: self.export("png"))
        a.export_csv.triggered.connect(lambda: self.export("csv"))
        a.export_geojson.triggered.connect(lambda: self.export("geojson"))
        a.print.triggered.connect(lambda: self.guide("print"))
        a.print_preview.triggered.connect(lambda: self.guide("preview"))
        a.export_guide.triggered.connect(lambda: self.guide("pdf"))
        a.export_summary.triggered.connect(lambda: self.export_summary())
        a.quit.triggered.connect(self.close)
        # "Painted area 4", "Moved spot 2: …" describe the step just undone or redone: drop them
        a.undo.triggered.connect(self._show_hint)
        a.redo.triggered.connect(self._show_hint)
        a.delete_spot.triggered.connect(lambda: self.remove_spot(self.selection.current))
        a.edit_spot.triggered.connect(lambda: self.focus_editor(self.selection.current))
        a.check_in.triggered.connect(self.check_in)
        a.edit_check_ins.triggered.connect(self.show_check_ins)
        a.mat_session.triggered.connect(lambda: self.mat.choose_and_start())
        for name, action in self._view_actions().items():
            action.triggered.connect(functools.partial(self.show_views, name))
        for name, action in a.layers.items():
            action.toggled.connect(functools.partial(self._set_layer, name))
        a.zoom_in.triggered.connect(self.canvas.zoom_in)
        a.zoom_out.triggered.connect(self.canvas.zoom_out)
        a.zoom_fit.triggered.connect(self.canvas.fit)
        a.history.triggered.connect(self.show_history)
        a.muscles.triggered.connect(lambda: self.show_muscles())
        a.heat_map.triggered.connect(self.show_heat_map)
        a.safety.triggered.connect(self.show_safety_note)
        a.about.triggered.connect(self.show_about)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.focus_diagram.triggered.connect(self.focus_diagram)
        a.spot_tool.triggered.connect(lambda: self.choose_tool("click"))
        # B (and its button) toggles painting and marking spots, and leaves the eraser for
        # painting; E (and its button) chooses the eraser, pressed again it stays
        a.paint_tool.triggered.connect(lambda: self._toggle_tool("paint", "click"))
        a.eraser.triggered.connect(lambda: self.choose_tool("erase"))
        self.canvas.brushChanged.connect(self._show_tool)
        self._show_tool()
        a.brush_smaller.triggered.connect(self.canvas.shrink_brush)
        a.brush_larger.triggered.connect(self.canvas.grow_brush)

        doc.flushRequested.connect(self.panel.editor.commit_pending)
        doc.mapReplaced.connect(self._on_map_replaced)
        doc.modificationChanged.connect(self._on_modification_changed)
        doc.pathChanged.connect(self._update_title)
        doc.recentFilesChanged.connect(self._fill_recent)
        self.menus["recent"].aboutToShow.connect(self._fill_recent)  # a drive came back
        doc.diskChanged.connect(self._show_disk_state)
        doc.saved.connect(self._say_saved)
        doc.keptOtherVersion.connect(self._keep_kept_name)

        self.canvas.addRequested.connect(self.add_spot)
        self.canvas.paintRequested.connect(self.paint_area)
        self.canvas.moveRequested.connect(self.move_spot)
        self.canvas.nudgeRequested.connect(self.nudge_spot)
        self.canvas.removeRequested.connect(self.remove_spot)
        self.canvas.editRequested.connect(self.focus_editor)
        self.canvas.regionHovered.connect(self._show_hovered)
        self.canvas.sourcesRequested.connect(self.show_sources)
        self.selection.changed.connect(self._update_enabled)
        self.panel.sourceSelected.connect(self._highlight_source)
        self.panel.adviceChanged.connect(self._keep_highlight)
        self.panel.pressSiteShown.connect(self.canvas.show_press_site)
        self.panel.editRequested.connect(self.edit_spot)
        self.panel.patternRequested.connect(self.show_muscles)
        self.panel.pressAnswered.connect(
            functools.partial(spot_requests.request_press_answer, self.document)
        )
        self.muscle_dock.patternChosen.connect(self._show_pattern)
        self.muscle_dock.closed.connect(self._hide_pattern)
        self.muscle_dock.escaped.connect(self.focus_diagram)

    @property
    def mat(self) -> MatSessions:
        """The window's mat sessions (made when first asked for)."""
        if self._mat is None:
            from bodymap.ui.window.mat_session import MatSessions

            self._mat = MatSessions(self, self)
        return self._mat

    @property
    def tool(self) -> str:
        """The diagram's tool: ``"click"`` (mark spots), ``"paint"`` or ``"erase"``."""
        if self.canvas.tool == "click":
            return "click"
        return "erase" if self.canvas.brush.eraser else "paint"

    def choose_tool(self, tool: str) -> None:
        """Mark spots, paint or erase; the tools' buttons and menu items show which."""
        if tool not in TOOL_HINTS:
            raise ValueError(f"unknown tool {tool!r}; expected one of {tuple(TOOL_HINTS)}")
        self.canvas.set_tool("click" if tool == "click" else "paint")
        self.canvas.set_eraser(tool == "erase")
        self._show_tool()

    def _toggle_tool(self, tool: str, back: str) -> None:
        """Choose ``tool``, or ``back`` when it is the tool already."""
        self.choose_tool(back if self.tool == tool else tool)

    def _show_tool(self) -> None:
        """Exactly the current tool's action is checked (the canvas holds the tool)."""
        current = self.tool
        for action, tool in zip(self.acts.tool_actions(), TOOL_HINTS, strict=True):
            with QSignalBlocker(action):
                action.setChecked(tool == current)
        self._show_hint()

    def _show_hint(self) -> None:
        """The status line's hint for the current tool (after a map is opened, or when the
        spot a message named is gone), so it never speaks of a spot that is not there."""
        self.hover_label.setText(TOOL_HINTS[self.tool])

    def _show_hovered(self, text: str) -> None:
        # off the body the current tool's hint returns: with the brush, the painting one
        self.hover_label.setText(text or TOOL_HINTS[self.tool])

    def childEvent(self, event: QChildEvent) -> None:
        """The docks' tab bar (Advice | Muscles) and its scroll buttons are no Tab stops,
        whenever the layout makes one (tabbing the docks together, or restoring the last
        session's docks): with the muscle browser hidden they sat, invisible, in the Tab
        order; the View menu switches the docks."""
        super().childEvent(event)
        bar = event.child()
        if event.polished() and isinstance(bar, QTabBar):
            for widget in (bar, *bar.findChildren(QWidget)):
                widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _highlight_source(self, muscle: str, side: str) -> None:
        """Shade the chosen likely source's roll zone and mark its trigger points. A source
        the advice holds for a clinician's word (it lies on a limb marked tingling or numb)
        is neither shaded nor marked, as nothing there is to be rolled or pressed until a
        clinician has checked it; the status line says so. One the person never works (the
        pelvic floor, the front of the neck) has nothing to shade and open rings only: the
        status line says so too."""
        if self.hover_label.text() == self._source_note:  # said of the source chosen before
            self._show_hint()
        self._source_note = ""
        knowledge = load_knowledge()
        record = knowledge.muscles.get(muscle) if muscle else None
        if record is not None and self.panel.held(muscle, side):
            self.canvas.set_highlight(None, None)
            where = record.name if side == "midline" else f"{record.name} ({side})"
            self._say_of_source(knowledge.check_first_shown.format(muscle=where))
            return
        self.canvas.set_highlight(muscle or None, side or None)
        if record is not None and not record.technique.rolled:
            # nothing shaded and open rings only: the status line says why, and where the
            # panel says what to do instead
            where = record.name if side in ("midline", "both") else f"{record.name} ({side})"
            self._say_of_source(knowledge.not_worked_shown.format(muscle=where))

    def _say_of_source(self, text: str) -> None:
        """Say ``text`` of the chosen source in the status line, until another is chosen."""
        self._source_note = text
        self.hover_label.setText(text)

    def _show_pattern(self, muscle: str, side: str) -> None:
        """Draw the muscle browser's pattern; a muscle this map's advice holds for a
        clinician's word is drawn without its roll zone and press points."""
        self.canvas.set_pattern(
            muscle or None, side, held=bool(muscle) and self.panel.held(muscle, side)
        )
        self.legend.set_pattern(bool(muscle))

    def _hide_pattern(self) -> None:
        self.canvas.set_pattern(None)
        self.legend.set_pattern(False)

    def _keep_highlight(self) -> None:
        """After the advice changed: the chosen source's shading, and the browser pattern's
        roll zone and sites, go when the advice now holds the muscle (a spot was marked
        tingling) and come back when it no longer does. (A source no longer listed has
        been dropped by the panel, which cleared the highlight.)"""
        chosen = self.panel.selected_source
        if chosen is not None and self.panel.held(*chosen) != (self.canvas.highlight is None):
            self._highlight_source(*chosen)
        pattern = self.canvas.pattern
        if pattern is not None and self.panel.held(*pattern) != self.canvas.pattern_held:
            self._show_pattern(*pattern)

    def _on_map_replaced(self, tpm: TriggerPointMap) -> None:
        if self.history_dialog is not None:
            self.history_dialog.close()
        self._observer.observe(tpm)
        self.canvas.set_map(tpm)
        self.panel.set_map(tpm)
        self.canvas.set_highlight(None, None)
        self._show_hint()
        self._update_title()
        self._update_enabled()

    def _on_change(self, change: Change) -> None:
        if change.kind == "renamed":
            self._update_title()
        if change.kind == "removed" and change.spot_id:
            self.selection.forget(change.spot_id)
        if change.kind in ("removed", "reset"):
            self._show_hint()  # "Added spot 3: …" must not outlive spot 3 (e.g. after Undo)
        self._update_enabled()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{plain_window_title(window_title(self.document))}[*] — bodymap")
        self.setWindowFilePath(str(self.document.path or ""))
        self._on_modification_changed(self.document.is_modified())

    def _keep_kept_name(self, kept: Path) -> None:
        self._kept_other = kept

    def _say_undone(self, done: str, what: str) -> None:
        if what:
            self.statusBar().showMessage(f"{done}: {what}", 4000)

    def _say_saved(self, path: Path) -> None:
        """ "Saved back.bodymap", and after Replace where the other program's version went."""
        kept, self._kept_other = self._kept_other, None
        if kept is None:
            self.statusBar().showMessage(f"Saved {path.name}", 5000)
        else:  # this one stays until the next message: it names a file to look at
            self.statusBar().showMessage(
                f"Saved {path.name}; the other program's version is kept as {kept.name}"
            )

    def _show_disk_state(self, state: str) -> None:
        """Say in the status line, until the next save or open, that another program
        changed or removed the map's file; Save will ask before writing over it."""
        path = self.document.path
        self._update_revert()
        if not state or path is None:
            self.disk_label.hide()
            return
        if state == "gone":
            text = f"{path.name} is no longer on disk"
            tip = "Another program deleted, moved or renamed it. Save asks before saving it again."
        else:
            text = f"{path.name} was changed on disk"
            tip = (
                "Another program changed it. Save asks before replacing it; "
                "Load Changes (File > Revert) loads them."
            )
        self.disk_label.setText(text)
        self.disk_label.setToolTip(tip)
        self.disk_label.show()

    def _on_modification_changed(self, modified: bool) -> None:
        self.setWindowModified(modified)
        self._update_revert()

    def _update_revert(self) -> None:
        """Revert goes back to the saved file: after an edit, or when another program
        changed that file (then it loads its changes)."""
        doc = self.document
        changed = doc.disk_state == "changed"
        self.acts.revert.setEnabled(doc.path is not None and (doc.is_modified() or changed))
        offer = doc.path is not None and changed and not doc.is_modified()
        if offer != self.load_changes.isVisibleTo(self):
            # added only while offered: a hidden button still makes the status bar as tall
            # as itself, and the diagram a few pixels smaller
            if offer:
                self.statusBar().addPermanentWidget(self.load_changes)
                self.load_changes.show()
            else:
                self.statusBar().removeWidget(self.load_changes)

    def _update_enabled(self) -> None:
        tpm = self.document.map
        current = self.selection.current
        has_spot = bool(current) and tpm.has_spot(current)
        for action in self.acts.spot_actions():
            action.setEnabled(has_spot)
        # a painted area is named as the spot list names it
        area = has_spot and tpm.spot_by_id(current).area is not None
        noun = spot_noun(area, capital=True)
        self.acts.edit_spot.setText(f"&Edit {noun}…")
        self.acts.edit_spot.setStatusTip(
            f"Edit the selected {noun.lower()}'s intensity, kind and note"
        )
        self.acts.delete_spot.setText(f"&Delete {noun}")
        self.acts.delete_spot.setStatusTip(f"Delete the selected {noun.lower()}")
        self.acts.check_in.setEnabled(bool(tpm.spots))
        self.acts.edit_check_ins.setEnabled(bool(tpm.history))
        self.acts.mat_session.setEnabled(bool(tpm.spots))

    # -- the map's name --------------------------------------------------------------------
    def ask_map_name(self, current: str) -> str | None:
        """The new name typed in the Rename dialog, or None when cancelled."""
        from bodymap.ui.window.dialogs import RenameMapDialog

        dialog = RenameMapDialog(current, self)
        return dialog.name() if dialog.exec() else None

    def rename_map(self) -> bool:
        """File → Rename Map…: a new name for the map as one undo step ("Rename map");
        the title, the History and everything printed or exported afterwards use it. The
        file keeps its own name (Save As… gives the file a new one)."""
        self.document.flush()
        name = self.ask_map_name(self.document.map.name)
        if name is None:
            return False
        return spot_requests.request_rename(self.document, name)

    def save_as(self) -> bool:
        """File → Save As…: the map under a new file name. Save As keeps the map's own name
        (an untitled map takes the file's); when the two now differ the status line says so,
        and how to rename the map."""
        if not self.document.save_as():
            return False
        path, name = self.document.path, self.document.map.name
        if path is not None and _plain(name) != _plain(path.stem):
            self.statusBar().clearMessage()  # the hint below says it was saved, and more
            self.hover_label.setText(
                f"Saved as {path.name}; the map is still called {name}. "
                "File → Rename Map… changes its name."
            )
        return True

    # -- requests from the canvas and the panel ------------------------------------------
    @property
    def selected_spot(self) -> str:
        return self.selection.current

    def add_spot(self, view: str, x: float, y: float) -> None:
        spot_id = spot_requests.request_add(self.document, self.atlas, view, x, y)
        if spot_id:
            self.select_spot(spot_id)
            number = self.document.map.index_of(spot_id) + 1
            where = describe_hit(self.atlas[view].locate(x, y))
            # in the status line the pointer uses, so the next hover or a miss replaces it
            self.hover_label.setText(f"Added spot {number}: {where}")

    def paint_area(self, view: str, spot_id: str, shape: shapely.Geometry | None) -> None:
        """A finished brush stroke: the area spot it made or changed stays selected, so the
        next stroke joins it (a stroke group)."""
        before = self._area_size(spot_id)
        painted = spot_requests.request_paint(self.document, self.atlas, view, spot_id, shape)
        if painted:
            self.select_spot(painted)
            number = self.document.map.index_of(painted) + 1
            erased = self._area_size(painted) < before  # the eraser took some of it away
            self.hover_label.setText(f"{'Erased from' if erased else 'Painted'} area {number}")

    def _area_size(self, spot_id: str) -> float:
        """The size of a spot's painted area (0 for none, or for a point spot)."""
        tpm = self.document.map
        area = tpm.spot_by_id(spot_id).area if spot_id and tpm.has_spot(spot_id) else None
        return area.size if area is not None else 0.0

    def move_spot(self, spot_id: str, x: float, y: float) -> None:
        tpm = self.document.map
        if not tpm.has_spot(spot_id):
            return
        before = tpm.spot_by_id(spot_id)
        spot_requests.request_move(self.document, self.atlas, spot_id, x, y)
        spot = tpm.spot_by_id(spot_id)
        word = spot_noun(spot.area is not None)
        number = tpm.index_of(spot_id) + 1
        if (spot.x, spot.y) == (before.x, before.y):  # dropped off its own diagram's body
            self.hover_label.setText(
                f"{word.capitalize()} {number} stays where it was: a {word} moves only on "
                f"the {spot.view} diagram's body."
            )
            return
        # the status line named the old place: name the new one (an area as the spot list
        # names it, not by the muscle under its disc: "low back …, both sides")
        va = self.atlas[spot.view]
        where = (
            spot_place(va, spot)
            if spot.area is not None
            else describe_hit(va.locate(spot.x, spot.y))
        )
        self.hover_label.setText(f"Moved {word} {number}: {where}")

    def nudge_spot(self, spot_id: str, x: float, y: float) -> None:
        spot_requests.request_move(self.document, self.atlas, spot_id, x, y, nudge=True)

    def remove_spot(self, spot_id: str) -> None:
        spot_requests.request_remove(self.document, spot_id)

    def edit_spot(self, spot_id: str, fields: spot_requests.SpotFields) -> None:
        spot_requests.request_edit(self.document, spot_id, fields)

    def select_spot(self, spot_id: str) -> None:
        """Select a spot ("" for none) on the canvas and in the panel alike."""
        if spot_id and not self.document.map.has_spot(spot_id):
            spot_id = ""
        self.selection.select(spot_id)

    def focus_editor(self, spot_id: str) -> None:
        if not spot_id or not self.document.map.has_spot(spot_id):
            return
        self.select_spot(spot_id)
        self.dock.show()
        self.dock.raise_()
        box = self.panel.editor.intensity_box
        box.setFocus(Qt.FocusReason.OtherFocusReason)
        box.selectAll()  # a typed number replaces the value, as after Tab

    def focus_diagram(self) -> None:
        """Back to the diagram from the panel, keeping what was typed there."""
        self.panel.editor.commit_pending()
        self.canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_sources(self, spot_id: str) -> None:
        """The canvas's "Select source…": select the spot and go to its likely sources."""
        self.select_spot(spot_id)
        self.dock.show()
        self.dock.raise_()
        self.panel.source_tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_source(self, rank: int = 0) -> tuple[str, str] | None:
        """Pick the likely source at ``rank`` (0 = most likely) in the panel and highlight
        it on the diagram; None if there is no such source."""
        return self.panel.select_source(rank)

    def show_muscles(self, muscle: str = "", side: str = "right") -> None:
        """View → Muscles, or a source's "Show referral pattern": the muscle browser, on
        ``muscle`` and ``side`` if given, its pattern drawn on the diagram."""
        self.muscle_dock.open_on(muscle or None, side)

    # -- check-in and history ------------------------------------------------------------
    @property
    def routine_length(self) -> str:
        """The routine length chosen in the panel ("short", "standard" or "full")."""
        return self.panel.length

    def spot_label(self, spot: Spot) -> str:
        """The spot's main region and side, e.g. "Upper trapezius, right"; for a painted
        area where it is, as the spot list says it: "buttocks, both sides"."""
        return spot_place(self.atlas[spot.view], spot)

    check_in_details: tuple[datetime | None, str, bool] = (None, "", False)
    """When, note and today mode of the last check-in dialog (kept out of the
    ``ask_check_in`` seam, which tests replace, so theirs check in now)."""

    def ask_check_in(self, tpm: TriggerPointMap) -> dict[str, int] | None:
        from bodymap.ui.window.dialogs import CheckInDialog

        def problem(dialog: CheckInDialog) -> str:
            at, note, today = dialog.details()
            try:
                spot_requests.check_in_op(tpm, dialog.values(), at=at, note=note, today=today)
            except ValueError as exc:
                return str(exc)
            return ""

        dialog = CheckInDialog(tpm, self.spot_label, self, problem=problem)
        if not dialog.exec():
            return None
        self.check_in_details = dialog.details()
        return dialog.values()

    def check_in(self) -> bool:
        """Log today's intensity of every spot as one undo step; spots whose intensity
        changed take the new value too."""
        tpm = self.document.map
        if not tpm.spots:
            return False
        self.check_in_details = (None, "", False)
        values = self.ask_check_in(tpm)
        if values is None:
            return False
        at, note, today = self.check_in_details
        return spot_requests.request_check_in(self.document, values, at=at, note=note, today=today)

    def show_check_ins(self) -> QDialog:
        """Edit → Edit Check-ins…: past check-ins, their notes and readings editable, each
        deletable."""
        from bodymap.ui.history.checkins import CheckInsDialog

        dialog = CheckInsDialog(self.document, self, self.spot_label)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(640, 420)
        dialog.show()
        return dialog

    def show_history(self) -> None:
        from bodymap.ui.history.window import HistoryDialog

        if self.history_dialog is not None:
            self.history_dialog.close()
        dialog = HistoryDialog(self.document.map, self.spot_label, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # the old dialog is deleted later, when this one is already open: forget only itself
        dialog.finished.connect(functools.partial(self._forget_history, dialog))
        dialog.resize(1040, 520)
        self.history_dialog = dialog
        dialog.show()

    def show_heat_map(self) -> None:
        """Open a heat-map window of the map (several may be open, each follows the map)."""
        from bodymap.ui.history.heatmap import HeatMapDialog

        dialog = HeatMapDialog(
            self.document.map,
            self,
            ask_path=lambda: self.ask_export_path("heatmap"),
            show_error=self.document.show_error,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(780, 700)
        dialog.show()

    def _forget_history(self, dialog: HistoryDialog, _result: int = 0) -> None:
        if self.history_dialog is dialog:
            self.history_dialog = None

    # -- exports and the guide -----------------------------------------------------------
    def ask_export_path(self, kind: str) -> Path | None:
        from bodymap.ui.window.exports_menu import choose_export_path

        return choose_export_path(self, self.document, kind)

    def export(self, kind: str, path: Path | None = None) -> Path | None:
        """Write the map as ``png``, ``csv`` or ``geojson``; the path written, or None."""
        from bodymap.ui.window.exports_menu import export_map

        return export_map(self, kind, path)

    def export_summary(self, path: Path | None = None) -> Path | None:
        """The one-page summary for a clinician as PDF, to ``path`` or a chosen file."""
        from bodymap.ui.window.exports_menu import output_summary

        return output_summary(self, path)

    def guide(self, how: str, path: Path | None = None) -> Path | None:
        """The rolling guide: ``print``, ``preview`` or ``pdf`` (to ``path`` or a chosen
        file)."""
        from bodymap.ui.window.exports_menu import output_guide

        return output_guide(self, how, path)

    # -- view state ----------------------------------------------------------------------
    def _set_layer(self, name: str, visible: bool) -> None:
        self.canvas.set_layer_visible(name, visible)
        if self._remember:
            window_state.remember_layer(name, visible)

    def _fill_examples(self) -> None:
        menu = self.menus["examples"]
        menu.clear()
        for name in example_names():
            action = menu.addAction(name.replace("_", " ").capitalize())
            action.triggered.connect(functools.partial(self.document.open_example, name))
        menu.setEnabled(not menu.isEmpty())

    def _fill_recent(self) -> None:
        """File → Open Recent: a file missing now stays (its drive may come back), marked
        "(not found)"; choosing it says so and takes it off."""
        menu = self.menus["recent"]
        menu.clear()
        for index, path in enumerate(self.document.recent_files(), start=1):
            found = is_file(path)
            mark = "" if found else f" {MISSING_MARK}"
            action = menu.addAction(f"&{index} {menu_text(path.name)}{mark}")
            action.setStatusTip(str(path) if found else f"{path} is not there now")
            action.triggered.connect(functools.partial(self.document.open, path))
        menu.setEnabled(not menu.isEmpty())

    def _view_actions(self) -> dict[str, QAction]:
        a = self.acts
        return {"both": a.view_both, "front": a.view_front, "back": a.view_back}

    def show_views(self, name: str, remember: bool = True) -> None:
        """Show both diagrams, or the front or the back alone (remembered for next time)."""
        self._view_actions()[name].setChecked(True)
        self.canvas.set_views(prefs.VIEW_CHOICES[name])
        if remember and self._remember:
            prefs.set_views(name)

    def save_window_state(self) -> None:
        if self._remember:
            window_state.save_window(self, self.panel.sections)

    # -- first run, recovery, closing ----------------------------------------------------
    def show_safety_note(self) -> None:
        from bodymap.ui.window.dialogs import show_safety_note

        show_safety_note(self)

    def show_about(self) -> None:
        from bodymap.ui.window.dialogs import show_about

        show_about(self)

    def show_shortcuts(self) -> None:
        """Help → Keyboard Shortcuts: every action's keys and the diagram's own."""
        from bodymap.ui.window.dialogs import ShortcutsDialog, shortcut_rows

        ShortcutsDialog(shortcut_rows(self.acts.all_actions()), self).exec()

    def startup(self) -> None:
        """After the window is shown: the safety note on the first run, then any maps to
        recover from a crash."""
        settings = QSettings()
        if not prefs.first_run_seen(settings):
            prefs.set_first_run_seen(settings)
            self.show_safety_note()
        self.document.offer_recovery()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.document.maybe_discard():
            event.ignore()
            return
        self.save_window_state()
        if self.history_dialog is not None:
            self.history_dialog.close()
        self.document.close()
        self._observer.observe(None)
        event.accept()

    def schedule_startup(self) -> None:
        QTimer.singleShot(0, self.startup)
