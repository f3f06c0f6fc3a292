"""SpotSelection: the one selected spot of the open map, which every view observes.

The document owns it; the canvas and the panel draw the selection from it and change it
when the user picks a spot, and the window enables its spot actions from it. No view keeps
a copy of its own that could drift.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

__all__ = ["SpotSelection"]


class SpotSelection(QObject):
    """The selected spot's id, or "" when none is selected."""

    changed = Signal(str)
    """The selection changed to this id ("" for none)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._current = ""

    @property
    def current(self) -> str:
        return self._current

    def select(self, spot_id: str) -> bool:
        """Select ``spot_id`` ("" for none); True (and ``changed``) when it is a change."""
        if spot_id == self._current:
            return False
        self._current = spot_id
        self.changed.emit(spot_id)
        return True

    def forget(self, spot_id: str) -> None:
        """Select none if ``spot_id`` is the selected spot (it was removed)."""
        if spot_id and spot_id == self._current:
            self.select("")
