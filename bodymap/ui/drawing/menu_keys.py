"""Plain keys typed while a menu is open go to the menu.

The diagram's tools have bare-letter shortcuts (B paint, E eraser, [ and ] the brush) that
act while the diagram has the focus. A menu opened from there leaves the focus on the
diagram, so without this, Alt+F then E switched on the eraser behind the open File menu
instead of opening its Export submenu. A menu given `keys_to_menu` claims every printable
key (with or without Shift) before any shortcut is tried, and handles it as its underlined
letters say; keys with Ctrl or Alt, arrows, Return and Escape pass as before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMenu

__all__ = ["keys_to_menu"]

_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)


class _MenuKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers in _PLAIN and event.text().isprintable() and event.text().strip():
                event.accept()  # the key is the menu's: no shortcut is tried
                return True
        return False


def keys_to_menu(menu: QMenu) -> QMenu:
    """Let ``menu`` take the printable keys typed while it is open (a submenu is a menu of
    its own: give it this too); returns ``menu``."""
    menu.installEventFilter(_MenuKeys(menu))
    return menu
