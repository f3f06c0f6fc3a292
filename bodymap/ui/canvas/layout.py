"""SceneLayout: where each shown body view sits in the canvas's scene.

Scene coordinates are atlas coordinates, each view shifted right by its offset, the views
side by side with a gap. The canvas's parts (markers, highlight, mouse, keyboard cursor) get
this object to place items and read points, instead of the whole canvas.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

__all__ = ["VIEW_GAP", "SceneLayout"]

VIEW_GAP = 30.0


class SceneLayout:
    """The shown views, left to right, and the scene they are laid out in."""

    def __init__(self, scene: QGraphicsScene, frames: Mapping[str, QRectF]) -> None:
        self.scene = scene
        self._frames = dict(frames)
        self._views: tuple[str, ...] = ()
        self._offsets: dict[str, float] = {}

    @property
    def views(self) -> tuple[str, ...]:
        """The views shown, left to right."""
        return self._views

    def known(self, view: str) -> bool:
        return view in self._frames

    def arrange(self, views: Sequence[str]) -> QRectF:
        """Lay these views out left to right; the scene rectangle they cover."""
        self._views, self._offsets = tuple(views), {}
        right: float | None = None
        bounds = QRectF()
        for view in self._views:
            frame = self._frames[view]
            offset = 0.0 if right is None else right + VIEW_GAP - frame.left()
            self._offsets[view] = offset
            right = frame.right() + offset
            bounds = bounds.united(self.view_rect(view))
        return bounds

    def view_offset(self, view: str) -> float:
        """How far right the view is shifted in the scene."""
        return self._offsets[view]

    def view_rect(self, view: str) -> QRectF:
        """The scene rectangle a view occupies."""
        return self._frames[view].translated(self._offsets[view], 0)

    def scene_point(self, view: str, x: float, y: float) -> QPointF:
        """Atlas (x, y) of ``view`` → scene coordinates."""
        return QPointF(x + self._offsets[view], y)

    def place(
        self, item: QGraphicsItem, view: str, at: tuple[float, float] | None = None
    ) -> QGraphicsItem:
        """Add ``item`` to the scene in ``view``: drawn in the view's atlas units, or centred
        on the atlas point ``at``."""
        if at is None:
            item.setPos(self.view_offset(view), 0)
        else:
            item.setPos(self.scene_point(view, *at))
        self.scene.addItem(item)
        return item

    def clear(self, items: list[QGraphicsItem]) -> None:
        """Take these items out of the scene and forget them."""
        for item in items:
            self.scene.removeItem(item)
        items.clear()

    def atlas_point(self, scene: QPointF) -> tuple[str, float, float] | None:
        """Scene point → (view, x, y) of the view whose frame holds it, else None."""
        for view in self._views:
            if self.view_rect(view).contains(scene):
                return view, scene.x() - self._offsets[view], scene.y()
        return None
