"""The canvas's mouse: hover names the region, a click adds a spot, a drag moves one (one
request on release, so a drag is one undo step), the middle button or Space+drag pans.

The mouse only emits the canvas's request signals; the map is changed by the window.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent

from bodymap.ui.canvas.context import CanvasContext
from bodymap.ui.canvas.hit_text import NOT_ON_BODY, describe_hit
from bodymap.ui.canvas.items import HoverItem, SpotItem
from bodymap.ui.canvas.spots import SpotMarkers
from bodymap.ui.drawing.painting import region_path

__all__ = ["DRAG_THRESHOLD_PX", "MouseInput"]

DRAG_THRESHOLD_PX = 4


class MouseInput:
    """Hover, click, drag and pan on the canvas; each handler returns False for events it
    leaves to `QGraphicsView`."""

    def __init__(self, canvas: CanvasContext, markers: SpotMarkers) -> None:
        self._canvas = canvas
        self._markers = markers
        self.hover = HoverItem()
        self.hover.setVisible(False)
        self._hover_key: tuple[str, tuple[str, str, str, str]] | None = None
        self._press: QPoint | None = None
        self._drag: SpotItem | None = None
        self._drag_moved = False
        self._pan_from: QPoint | None = None

    # -- hover ---------------------------------------------------------------------------
    def clear_hover(self) -> None:
        self.hover.setVisible(False)
        self._hover_key = None

    def _hover_at(self, scene: QPointF) -> None:
        where = self._canvas.layout.atlas_point(scene)
        hit = self._canvas.atlas[where[0]].locate(where[1], where[2]) if where else None
        region = hit.main_region if hit is not None and hit.inside else None
        key = (where[0], region.key) if where and region else None
        if key == self._hover_key:
            return
        self._hover_key = key
        if hit is None or region is None or where is None:
            self.hover.setVisible(False)
            self._canvas.view.viewport().setToolTip("")
            self._canvas.requests.hovered.emit("")
            return
        self.hover.setPath(region_path(region.geometry))
        self.hover.setPos(self._canvas.layout.view_offset(where[0]), 0)
        self.hover.setVisible(True)
        text = describe_hit(hit)
        self._canvas.view.viewport().setToolTip(text)
        self._canvas.requests.hovered.emit(text)

    # -- buttons -------------------------------------------------------------------------
    def spot_at(self, pos: QPoint) -> SpotItem | None:
        """The spot marker under a viewport pixel, if any."""
        for item in self._canvas.view.items(pos):
            if isinstance(item, SpotItem):
                return item
        return None

    def press(self, event: QMouseEvent, space_held: bool) -> bool:
        canvas = self._canvas.view
        pos = event.position().toPoint()
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and space_held
        ):
            self._pan_from = pos
            canvas.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return True
        if button == Qt.MouseButton.LeftButton:
            canvas.setFocus(Qt.FocusReason.MouseFocusReason)
            self._press = pos
            spot = self.spot_at(pos)
            self._drag, self._drag_moved = spot, False
            if spot is not None:
                self._markers.select(spot.spot_id)
            event.accept()
            return True
        return False

    def move(self, event: QMouseEvent) -> bool:
        canvas = self._canvas.view
        pos = event.position().toPoint()
        if self._pan_from is not None:
            delta = pos - self._pan_from
            self._pan_from = pos
            hbar, vbar = canvas.horizontalScrollBar(), canvas.verticalScrollBar()
            hbar.setValue(hbar.value() - delta.x())
            vbar.setValue(vbar.value() - delta.y())
            return True
        if self._drag is not None and self._press is not None:
            if (pos - self._press).manhattanLength() >= DRAG_THRESHOLD_PX:
                self._drag_moved = True
            if self._drag_moved:
                scene = canvas.mapToScene(pos)
                rect = self._canvas.layout.view_rect(self._drag.view)
                x = min(max(scene.x(), rect.left()), rect.right())
                y = min(max(scene.y(), rect.top()), rect.bottom())
                self._drag.setPos(x, y)
            return True
        self._hover_at(canvas.mapToScene(pos))
        return False

    def release(self, event: QMouseEvent) -> bool:
        if self._pan_from is not None and event.button() in (
            Qt.MouseButton.MiddleButton,
            Qt.MouseButton.LeftButton,
        ):
            self._pan_from = None
            self._canvas.view.viewport().unsetCursor()
            return True
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return False
        drag, moved, self._drag, self._press = self._drag, self._drag_moved, None, None
        if drag is not None:
            if moved:
                self._finish_drag(drag)
            return True
        self._request_add(self._canvas.view.mapToScene(event.position().toPoint()))
        return True

    def double_click(self, event: QMouseEvent) -> bool:
        spot = self.spot_at(event.position().toPoint())
        if spot is not None and event.button() == Qt.MouseButton.LeftButton:
            self._markers.select(spot.spot_id)
            self._canvas.requests.edit.emit(spot.spot_id)
            event.accept()
            return True
        return False

    def _finish_drag(self, item: SpotItem) -> None:
        pos = item.pos()
        view = item.view
        x, y = pos.x() - self._canvas.layout.view_offset(view), pos.y()
        hit = self._canvas.atlas[view].locate(x, y)
        if not hit.inside:  # the drag is held to its own diagram; off its body it goes back
            area = self._markers.area_item(item.spot_id) is not None
            word, one = ("area", "an area") if area else ("spot", "a spot")
            self._canvas.requests.hovered.emit(
                f"{NOT_ON_BODY}: the {word} stays where it was ({one} moves on the {view} "
                "diagram's body only)"
            )
        else:
            self._canvas.requests.move.emit(item.spot_id, float(hit.point[0]), float(hit.point[1]))
        self._markers.restore(item.spot_id)

    def _request_add(self, scene: QPointF) -> None:
        where = self._canvas.layout.atlas_point(scene)
        hit = self._canvas.atlas[where[0]].locate(where[1], where[2]) if where else None
        if hit is None or not hit.inside:
            self._canvas.requests.hovered.emit(NOT_ON_BODY)
            return
        self._markers.select("")
        self._canvas.requests.add.emit(hit.view, float(hit.point[0]), float(hit.point[1]))
