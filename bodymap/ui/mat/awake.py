"""Keep the screen awake during a mat session, where the platform allows it.

On Linux desktops that is the freedesktop ScreenSaver D-Bus interface (GNOME, KDE, Xfce
and others implement it); elsewhere, or without a session bus, nothing happens and the
session runs as usual.
"""

from __future__ import annotations

__all__ = ["ScreenAwake"]

_SERVICE = "org.freedesktop.ScreenSaver"
_PATH = "/org/freedesktop/ScreenSaver"


class ScreenAwake:
    """``hold()`` asks the desktop not to blank the screen; ``release()`` gives it back."""

    def __init__(self) -> None:
        self.cookie: int | None = None

    def hold(self, reason: str = "Mat session running") -> bool:
        """True when the desktop agreed to keep the screen on."""
        if self.cookie is not None:
            return True
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface
        except ImportError:
            return False
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return False
        iface = QDBusInterface(_SERVICE, _PATH, _SERVICE, bus)
        if not iface.isValid():
            return False
        reply = iface.call("Inhibit", "bodymap", reason)
        values = reply.arguments()
        if values and isinstance(values[0], int):
            self.cookie = values[0]
        return self.cookie is not None

    def release(self) -> None:
        if self.cookie is None:
            return
        cookie, self.cookie = self.cookie, None
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface
        except ImportError:
            return
        bus = QDBusConnection.sessionBus()
        if bus.isConnected():
            QDBusInterface(_SERVICE, _PATH, _SERVICE, bus).call("UnInhibit", cookie)
