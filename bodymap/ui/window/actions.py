"""The main window's actions (text, shortcut, tip) and the menus that hold them.

Actions are created here without behaviour; `MapWindow` connects them. Keeping the list in
one place makes the menus, the shortcuts and the tests agree.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from bodymap.ui.settings import LAYERS

__all__ = ["WindowActions", "build_menus"]

Key = QKeySequence.StandardKey


def _action(
    parent: QObject,
    name: str,
    text: str,
    tip: str,
    *shortcuts: QKeySequence | Key | str,
    checkable: bool = False,
) -> QAction:
    action = QAction(parent)  # QAction(text, parent) had Python build QIcon's enum types
    action.setText(text)
    action.setObjectName(name)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.setCheckable(checkable)
    keys = [QKeySequence(s) for s in shortcuts]
    # a standard key the platform lacks is empty; one key given twice (a standard key and
    # its usual spelling) would make Qt call the shortcut ambiguous and do nothing
    keys = [k for i, k in enumerate(keys) if not k.isEmpty() and k not in keys[:i]]
    if keys:
        action.setShortcuts(keys)
    return action


class WindowActions:
    """Every action of the main window, as attributes (``actions.save``, ``actions.undo``…).

    ``undo`` and ``redo`` are made by the caller from the undo stack (so their text says what
    they undo) and passed in.
    """

    def __init__(self, parent: QMainWindow, undo: QAction, redo: QAction) -> None:
        a = functools.partial(_action, parent)
        # File
        self.new = a("new", "&New", "Start a new, empty map", Key.New)
        self.open = a("open", "&Open…", "Open a saved map", Key.Open)
        self.save = a("save", "&Save", "Save the map", Key.Save)
        self.save_as = a("saveAs", "Save &As…", "Save the map under a new name", "Ctrl+Shift+S")
        self.revert = a(
            "revert", "Rever&t",
            "Go back to the saved version of the map, or load it again after another program "
            "changed it",
        )  # fmt: skip
        self.rename_map = a(
            "renameMap", "Rena&me Map…", "Give the map a new name (the file keeps its own)"
        )
        self.export_png = a("exportPng", "Map as &PNG…", "Save both diagrams as a picture")
        self.export_csv = a(
            "exportCsv", "Spots as &CSV…", "Save the spots as a table for spreadsheets"
        )
        self.export_geojson = a(
            "exportGeojson", "Spots as &GeoJSON…", "Save the spots as GeoJSON points"
        )
        self.print = a("print", "&Print…", "Print the rolling guide", Key.Print)
        self.print_preview = a(
            "printPreview", "Print Pre&view…", "See the rolling guide before printing",
            "Ctrl+Shift+P",
        )  # fmt: skip
        self.export_guide = a(
            "exportGuide", "Export &Guide as PDF…", "Save the rolling guide as a PDF", "Ctrl+E"
        )
        self.export_summary = a(
            "exportSummary", "Export S&ummary as PDF…",
            "Save a one-page summary of the history for a clinician",
        )  # fmt: skip
        self.quit = a("quit", "&Quit", "Quit bodymap", "Ctrl+Q")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        # Edit
        undo.setObjectName("undo")
        undo.setShortcuts([QKeySequence(Key.Undo)])
        undo.setStatusTip("Take back the last change to the map")
        redo.setObjectName("redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.setStatusTip("Make the change taken back again")
        self.undo, self.redo = undo, redo
        self.delete_spot = a("deleteSpot", "&Delete Spot", "Delete the selected spot", "Del")
        self.edit_spot = a(
            "editSpot", "&Edit Spot…", "Edit the selected spot's intensity, kind and note",
            "Return", "Enter",
        )  # fmt: skip
        self.check_in = a("checkIn", "Check &In…", "Log how each spot feels today", "Ctrl+K")
        self.edit_check_ins = a(
            "editCheckIns", "Edit Check-in&s…", "Change the note of a past check-in, or delete one"
        )
        self.mat_session = a(
            "matSession", "Start &Mat Session…", "A timed rolling session, full screen", "Ctrl+M"
        )
        # Paint: three tools, one of them checked (the window keeps them so)
        self.spot_tool = a(
            "spotTool", "Mar&k Spots", "Click where it hurts to mark a spot", checkable=True
        )
        self.paint_tool = a(
            "paintTool", "&Paint Areas",
            "Paint where it hurts with a round brush (B again: back to marking spots)",
            "B", checkable=True,
        )  # fmt: skip
        self.eraser = a(
            "eraser", "Er&ase Paint",
            "The brush takes paint away (a right-drag always does; B: back to painting)",
            "E", checkable=True,
        )  # fmt: skip
        self.brush_smaller = a("brushSmaller", "Smaller &Brush", "Shrink the brush", "[")
        self.brush_larger = a("brushLarger", "&Larger Brush", "Enlarge the brush", "]")
        # View
        self.view_group = QActionGroup(parent)
        self.view_both = a(
            "viewBoth", "&Both Views", "Show front and back", "Ctrl+1", checkable=True
        )
        self.view_front = a("viewFront", "&Front", "Show the front only", "Ctrl+2", checkable=True)
        self.view_back = a("viewBack", "B&ack", "Show the back only", "Ctrl+3", checkable=True)
        for action in (self.view_both, self.view_front, self.view_back):
            self.view_group.addAction(action)
        self.view_both.setChecked(True)
        self.layers: dict[str, QAction] = {
            name: a(f"layer_{name}", text, f"Show or hide: {text.replace('&', '')}", checkable=True)
            for name, text, _default in LAYERS
        }
        self.zoom_in = a("zoomIn", "Zoom &In", "Enlarge the diagrams", Key.ZoomIn)
        self.zoom_out = a("zoomOut", "Zoom &Out", "Shrink the diagrams", Key.ZoomOut)
        self.zoom_fit = a("zoomFit", "Fi&t to Window", "Show the whole figures", "Ctrl+0")
        self.muscles = a(
            "muscles", "&Muscles…",
            "Find a muscle by name and see where it refers pain, where its trigger points sit "
            "and how to roll it",
            "Ctrl+F",
        )  # fmt: skip
        self.history = a("history", "&History…", "See how each spot felt over time", "Ctrl+H")
        self.heat_map = a("heatMap", "H&eat Map…", "See the body coloured by pain over a period")
        # Help
        self.safety = a(
            "safety", "&Using bodymap safely…", "Self-care guidance and when to see a clinician"
        )
        self.shortcuts = a("shortcuts", "&Keyboard Shortcuts…", "Every key bodymap knows")
        self.focus_diagram = a(
            "focusDiagram", "Back to the Diagram", "From the panel back to the diagram", "Escape"
        )
        self.about = a("about", "&About bodymap", "Version and licence")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def all_actions(self) -> list[QAction]:
        """Every action, in menu order."""
        found = [v for v in vars(self).values() if isinstance(v, QAction)]
        return found + list(self.layers.values())

    def paint_actions(self) -> tuple[QAction, ...]:
        """The diagram's tools and the brush's size: keys that act on the diagram only."""
        return (*self.tool_actions(), self.brush_smaller, self.brush_larger)

    def tool_actions(self) -> tuple[QAction, ...]:
        """The diagram's tools, one checked at a time: mark spots, paint, erase."""
        return (self.spot_tool, self.paint_tool, self.eraser)

    def spot_actions(self) -> tuple[QAction, ...]:
        """Actions that need a selected spot."""
        return (self.delete_spot, self.edit_spot)


def build_menus(
    window: QMainWindow, actions: WindowActions, show_panel: QAction
) -> dict[str, QMenu]:
    """The menu bar: File, Edit, View, Help. Returns the menus that are filled later
    (``recent``, ``examples``) by name."""
    bar = window.menuBar()
    menus: dict[str, QMenu] = {}

    file = bar.addMenu("&File")
    file.addActions([actions.new, actions.open])
    menus["recent"] = file.addMenu("Open &Recent")
    menus["recent"].setObjectName("recentMenu")
    menus["examples"] = file.addMenu("Open E&xample")
    menus["examples"].setObjectName("examplesMenu")
    file.addSeparator()
    file.addActions([actions.save, actions.save_as, actions.revert, actions.rename_map])
    file.addSeparator()
    export = file.addMenu("&Export")
    export.addActions([actions.export_png, actions.export_csv, actions.export_geojson])
    file.addActions([actions.print, actions.print_preview, actions.export_guide])
    file.addAction(actions.export_summary)
    file.addSeparator()
    file.addAction(actions.quit)

    edit = bar.addMenu("&Edit")
    edit.addActions([actions.undo, actions.redo])
    edit.addSeparator()
    edit.addActions([actions.edit_spot, actions.delete_spot])
    edit.addSeparator()
    edit.addAction(actions.check_in)
    edit.addAction(actions.edit_check_ins)
    edit.addAction(actions.mat_session)
    edit.addSeparator()
    edit.addActions(list(actions.paint_actions()))

    view = bar.addMenu("&View")
    view.addActions([actions.view_both, actions.view_front, actions.view_back])
    view.addSeparator()
    for action in actions.layers.values():
        view.addAction(action)
    view.addSeparator()
    view.addActions([actions.zoom_in, actions.zoom_out, actions.zoom_fit])
    view.addSeparator()
    view.addActions([actions.muscles, actions.history, actions.heat_map])
    show_panel.setText("Show &Panel")
    view.addAction(show_panel)

    help_menu = bar.addMenu("&Help")
    help_menu.addActions([actions.safety, actions.shortcuts, actions.about])
    for menu in (file, edit, view, help_menu, export):
        menu.setObjectName(menu.title().replace("&", "").lower() + "Menu")
    return menus
