"""The Paint toolbar: the Paint tool's toggle, the eraser and the brush size slider."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSlider, QToolBar

from bodymap.ui.canvas.body_canvas import BodyCanvas
from bodymap.ui.canvas.brush import MAX_RADIUS, MIN_RADIUS
from bodymap.ui.window.actions import WindowActions

__all__ = ["ERASE_HINT", "PAINT_HINT", "build_paint_bar"]

PAINT_HINT = (
    "Paint where it hurts: drag to paint; strokes join the selected area (Esc starts a new "
    "one); right-drag or E erases, [ and ] change the brush, B goes back to spots."
)
ERASE_HINT = (
    "Erase: drag over a painted area to take paint away, [ and ] change the brush. "
    "B goes back to painting."
)


def build_paint_bar(window: QMainWindow, actions: WindowActions, canvas: BodyCanvas) -> QToolBar:
    """A toolbar beside the diagram: the three tools (one shown pressed), and the brush's
    size, where the slider and the [ ] keys move together."""
    bar = QToolBar("Tools", window)
    bar.setObjectName("paintBar")
    # short words keep the bar narrow
    for action, word in zip(actions.tool_actions(), ("Spots", "Paint", "Erase"), strict=True):
        action.setIconText(word)
        bar.addAction(action)
    bar.addSeparator()
    label = QLabel("Brush", bar)
    bar.addWidget(label)
    bar.setOrientation(Qt.Orientation.Vertical)
    slider = QSlider(Qt.Orientation.Vertical, bar)
    slider.setObjectName("brushSize")
    slider.setAccessibleName("Brush size")
    slider.setRange(int(MIN_RADIUS), int(MAX_RADIUS))
    slider.setValue(round(canvas.brush.radius))
    slider.setMaximumHeight(140)
    slider.setToolTip("Brush size ([ and ] on the diagram)")
    label.setBuddy(slider)
    bar.addWidget(slider)
    slider.valueChanged.connect(lambda value: canvas.set_brush_radius(float(value)))

    def follow() -> None:
        slider.blockSignals(True)
        slider.setValue(round(canvas.brush.radius))
        slider.blockSignals(False)

    canvas.brushChanged.connect(follow)
    # at the left of the diagram, so the window keeps its height on small screens
    window.addToolBar(Qt.ToolBarArea.LeftToolBarArea, bar)
    return bar
