"""CanvasRequests: the canvas's outgoing signals, handed to its parts.

The mouse, the keyboard, the brush and the markers ask for changes through these signals instead of
holding the whole canvas; the window turns each request into an undoable operation.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import SignalInstance

__all__ = ["CanvasRequests"]


@dataclass(frozen=True, slots=True)
class CanvasRequests:
    """Bound signals of one canvas (see `BodyCanvas` for their arguments)."""

    add: SignalInstance
    move: SignalInstance
    nudge: SignalInstance
    remove: SignalInstance
    edit: SignalInstance
    hovered: SignalInstance
    paint: SignalInstance
