"""A ring around a widget while the keyboard has brought the focus to it.

Fusion draws a focus frame around buttons, lists and fields, but not around the diagram,
the routine's text or the History chart, so a keyboard user who Tabbed there could not
tell where the keys would go. `show_keyboard_focus` gives such a widget a ring drawn just
inside its edge in the highlight colour while it has the focus from Tab, Shift+Tab or a
shortcut (Escape back to the diagram); a click gives no ring, as in a web browser. The ring
is a child drawn over the widget, so nothing outside it (a layout with no margin) cuts it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

__all__ = ["KEYBOARD_REASONS", "RING_WIDTH", "FocusRing", "show_keyboard_focus"]

KEYBOARD_REASONS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)
"""The focus reasons that show the ring: the keyboard brought the focus."""
RING_WIDTH = 2


class FocusRing(QWidget):
    """Drawn over its parent, the same size, letting every mouse event through."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        target = self.parentWidget()
        kind = event.type()
        if isinstance(event, QFocusEvent) and kind == QEvent.Type.FocusIn:
            if event.reason() in KEYBOARD_REASONS and target is not None:
                self.setGeometry(target.rect())
                self.raise_()
                self.show()
        elif kind in (QEvent.Type.FocusOut, QEvent.Type.MouseButtonPress):
            self.hide()
        elif kind == QEvent.Type.Resize and target is not None:
            self.setGeometry(target.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = RING_WIDTH / 2
        painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))


def show_keyboard_focus(widget: QWidget) -> FocusRing:
    """Ring ``widget`` while the keyboard gives it the focus; returns the ring (hidden
    until then)."""
    return FocusRing(widget)
