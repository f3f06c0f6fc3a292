"""MapObserver: the one `TriggerPointMap` a view watches, and its subscription.

The canvas and the panel both swap maps when a document is opened; keeping the map and
its unsubscribe function together means the old map can never keep calling a view.
"""

from __future__ import annotations

from collections.abc import Callable

from bodymap.maps.model import Change, TriggerPointMap

__all__ = ["MapObserver"]


class MapObserver:
    """Calls ``on_change(change)`` for every change of the observed map, and only that map."""

    def __init__(self, on_change: Callable[[Change], None]) -> None:
        self._on_change = on_change
        self._unsubscribe: Callable[[], None] | None = None
        self.map: TriggerPointMap | None = None

    def observe(self, tpm: TriggerPointMap | None) -> None:
        """Stop observing the previous map and start observing ``tpm`` (None: none)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.map = tpm
        if tpm is not None:
            self._unsubscribe = tpm.subscribe(self._on_change)
