"""AdviceDock: the dock that holds the advice panel.

A click repaints parts of the panel (the lists, the routine text, the editor); the dock is
asked to paint behind them, and a plain dock draws its title bar each time even when the
part to paint lies wholly below it. This dock skips that: it draws only when its title bar
(or, floating, its frame) is part of what is to be painted.

The panel sits in a frameless scroll area, not straight in the dock. Qt hands every layout
change inside a widget up to its parents; a dock that receives one lays out its title bar
again, and the style then loads the close and float buttons' icons from file to size them
(about a tenth of a click's work). A scroll area takes the change itself: it resizes the
panel within the dock, and shows a scroll bar if the dock is made smaller than the panel can
go.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

__all__ = ["MIN_PANEL_CHARS", "AdviceDock"]

MIN_PANEL_CHARS = 48
"""The panel is at least this many average characters wide (about 300 pixels)."""


class AdviceDock(QDockWidget):
    """A dock widget that paints its title bar only when it needs repainting."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)

    def set_panel(self, panel: QWidget) -> None:
        """Show ``panel`` in the dock, inside a scroll area that keeps its layout changes."""
        holder = QScrollArea(self)
        holder.setObjectName("adviceScroll")
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setWidgetResizable(True)
        # no Tab stop of its own (it shows no focus): Tab goes from one control to the next
        holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        holder.setWidget(panel)
        # never so narrow that a row of buttons (the press test's four answers, the length
        # and the clinician's button) is cut off: the panel scrolls down, not sideways
        holder.setMinimumWidth(MIN_PANEL_CHARS * panel.fontMetrics().averageCharWidth())
        self.setWidget(holder)

    def paintEvent(self, event: QPaintEvent) -> None:
        content = self.widget()
        vertical = self.features() & QDockWidget.DockWidgetFeature.DockWidgetVerticalTitleBar
        if not self.isFloating() and not vertical and content is not None:
            title = QRect(0, 0, self.width(), content.geometry().top())
            if not event.region().intersects(title):
                return  # only the panel's background: the window has drawn it
        super().paintEvent(event)
