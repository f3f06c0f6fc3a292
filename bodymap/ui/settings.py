"""What the program remembers between sessions (QSettings "bodymap"/"bodymap").

One place names every key, so the window, the document and the tests agree on them.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

__all__ = [
    "ALWAYS_SHOWN",
    "LAYERS",
    "MAX_RECENT",
    "VIEW_CHOICES",
    "add_recent_file",
    "first_run_seen",
    "last_session",
    "layer_visible",
    "recent_files",
    "remove_recent_file",
    "restore_bytes",
    "set_first_run_seen",
    "set_last_session",
    "set_layer_visible",
    "set_views",
    "store_bytes",
    "views",
]

MAX_RECENT = 8
LAYERS: tuple[tuple[str, str, bool], ...] = (
    ("deep", "&Deep muscles", False),
    ("fascia", "Fa&scia", True),
    ("segment", "Su&rface zones", False),
    ("labels", "&Labels", True),
)
"""(canvas layer name, menu text, visible by default) for the View menu's layer toggles."""
ALWAYS_SHOWN = ("caution",)
"""Layers the View menu does not offer to hide: the hatched places not to roll are always
drawn, as the legend says (hidden, the diagram still showed where to roll beside them)."""

_RECENT = "recentFiles"
_FIRST_RUN = "firstRunNoteSeen"
_LAST_SESSION = "mat/lastPreset"


def _as_bool(value: object, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return default


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return []


def recent_files(settings: QSettings | None = None) -> list[Path]:
    """Recently used maps, newest first, at most `MAX_RECENT`. A file missing now stays
    listed (it may be on a drive that is not plugged in); `remove_recent_file` takes one
    off when opening it finds it gone."""
    settings = settings or QSettings()
    return [Path(p) for p in _as_list(settings.value(_RECENT))][:MAX_RECENT]


def add_recent_file(path: Path, settings: QSettings | None = None) -> list[Path]:
    """Put ``path`` first in the recent files (at most `MAX_RECENT`); returns the new list."""
    settings = settings or QSettings()
    path = Path(os.path.abspath(path))
    paths = [path, *(p for p in recent_files(settings) if p != path)][:MAX_RECENT]
    settings.setValue(_RECENT, [str(p) for p in paths])
    return paths


def remove_recent_file(path: Path, settings: QSettings | None = None) -> bool:
    """Take ``path`` off the recent files; False if it was not there."""
    settings = settings or QSettings()
    path = Path(os.path.abspath(path))
    paths = recent_files(settings)
    if path not in paths:
        return False
    settings.setValue(_RECENT, [str(p) for p in paths if p != path])
    return True


def layer_visible(name: str, default: bool, settings: QSettings | None = None) -> bool:
    """Whether the user last had this canvas layer switched on."""
    settings = settings or QSettings()
    return _as_bool(settings.value(f"layers/{name}"), default)


def set_layer_visible(name: str, visible: bool, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(f"layers/{name}", visible)


def first_run_seen(settings: QSettings | None = None) -> bool:
    """Whether the safety note has been shown once already."""
    return _as_bool((settings or QSettings()).value(_FIRST_RUN), False)


def set_first_run_seen(settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(_FIRST_RUN, True)


def store_bytes(key: str, data: QByteArray, settings: QSettings | None = None) -> None:
    """Remember window geometry or dock layout."""
    (settings or QSettings()).setValue(key, data)


def restore_bytes(key: str, settings: QSettings | None = None) -> QByteArray | None:
    value = (settings or QSettings()).value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


VIEW_CHOICES: dict[str, tuple[str, ...]] = {
    "both": ("front", "back"),
    "front": ("front",),
    "back": ("back",),
}
"""The View menu's choices of diagrams, by the name they are remembered under."""
_VIEWS = "window/views"


def views(settings: QSettings | None = None) -> str:
    """Which diagrams the user last chose to see ("both", "front" or "back")."""
    value = (settings or QSettings()).value(_VIEWS)
    return value if isinstance(value, str) and value in VIEW_CHOICES else "both"


def set_views(name: str, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(_VIEWS, name)


def last_session(presets: tuple[str, ...], settings: QSettings | None = None) -> str | None:
    """The mat-session preset chosen last (the printed guide carries its checklist)."""
    value = (settings or QSettings()).value(_LAST_SESSION)
    return value if isinstance(value, str) and value in presets else None


def set_last_session(preset: str, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(_LAST_SESSION, preset)
