"""What the main window remembers between runs in QSettings: its geometry, the dock layout,
the heights of the panel's sections and which optional layers are shown. A window made with
``remember=False`` (screenshots) neither reads nor writes any of it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

from bodymap.ui import settings as prefs
from bodymap.ui.canvas.body_canvas import BodyCanvas

__all__ = [
    "DEFAULT_SIZE",
    "PANEL_WIDTH",
    "panel_width",
    "remember_layer",
    "restore_layers",
    "restore_window",
    "save_window",
]

PANEL_WIDTH = 380
PANEL_CHARS = 63
"""The panel is at least this many average characters wide, so larger fonts widen it."""
DEFAULT_SIZE = (1400, 900)
_GEOMETRY, _STATE = "window/geometry", "window/state"
_SECTIONS = "window/panelSections"


def remember_layer(name: str, visible: bool) -> None:
    prefs.set_layer_visible(name, visible, QSettings())


def restore_layers(actions: Mapping[str, QAction], canvas: BodyCanvas, remember: bool) -> None:
    """Check the layer actions and show the layers as last time (defaults if not ``remember``)."""
    settings = QSettings()
    for name, _text, default in prefs.LAYERS:
        visible = prefs.layer_visible(name, default, settings) if remember else default
        action = actions[name]
        action.blockSignals(True)
        action.setChecked(visible)
        action.blockSignals(False)
        canvas.set_layer_visible(name, visible)
    for name in prefs.ALWAYS_SHOWN:
        canvas.set_layer_visible(name, True)


def restore_window(
    window: QMainWindow, dock: QDockWidget, sections: QSplitter, remember: bool
) -> None:
    """Geometry, dock layout and the panel's section heights as last time, else the default
    size, panel width and sections."""
    settings = QSettings()
    geometry = prefs.restore_bytes(_GEOMETRY, settings) if remember else None
    if geometry is None or not window.restoreGeometry(geometry):
        window.resize(*DEFAULT_SIZE)
    state = prefs.restore_bytes(_STATE, settings) if remember else None
    if state is None or not window.restoreState(state):
        window.resizeDocks([dock], [panel_width(window)], Qt.Orientation.Horizontal)
    heights = prefs.restore_bytes(_SECTIONS, settings) if remember else None
    if heights is not None:
        sections.restoreState(heights)  # a state it cannot read leaves the defaults


def panel_width(window: QWidget) -> int:
    """The panel's first width: `PANEL_WIDTH`, wider with a large font."""
    return max(PANEL_WIDTH, PANEL_CHARS * window.fontMetrics().averageCharWidth())


def save_window(window: QMainWindow, sections: QSplitter) -> None:
    settings = QSettings()
    prefs.store_bytes(_GEOMETRY, window.saveGeometry(), settings)
    prefs.store_bytes(_STATE, window.saveState(), settings)
    prefs.store_bytes(_SECTIONS, sections.saveState(), settings)
