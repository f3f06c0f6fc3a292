"""CanvasContext: what the canvas's markers and input handlers all use of it.

The spot markers, the mouse, the keyboard (its region cursor and its keys) and the brush
each work in one view, place and find things through its scene's layout, look points up
in the atlas and speak through the canvas's request signals; the canvas hands them these
together instead of one by one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtWidgets import QGraphicsView

from bodymap.atlas import ViewAtlas
from bodymap.ui.canvas.layout import SceneLayout
from bodymap.ui.canvas.requests import CanvasRequests

__all__ = ["CanvasContext"]


@dataclass(frozen=True, slots=True)
class CanvasContext:
    """One canvas's view, the layout of its scene, the atlas of each view and its requests."""

    view: QGraphicsView
    layout: SceneLayout
    atlas: Mapping[str, ViewAtlas]
    requests: CanvasRequests
