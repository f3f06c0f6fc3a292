"""BodyCanvas: the front and back diagrams, where the user marks, moves and picks spots.

The canvas observes a `TriggerPointMap` and never changes it: every edit leaves as a
request signal (``addRequested``, ``moveRequested`` …) for the window to turn into an undoable
operation; the map then notifies the canvas, which updates only the affected markers.
Scene coordinates are atlas coordinates, each view shifted right by its offset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QMenu, QWidget

from bodymap.atlas import load_atlas
from bodymap.maps.model import Change, TriggerPointMap
from bodymap.ui import canvas_nav, palette
from bodymap.ui.canvas_items import (
    BodyItem,
    FocusRingItem,
    HighlightItem,
    HoverItem,
    SiteItem,
    SpotItem,
)
from bodymap.ui.painting import ViewPainter, region_path
from bodymap.ui.sites import trigger_point_sites

__all__ = ["LAYER_TOGGLES", "BodyCanvas", "describe_hit"]

LAYER_TOGGLES = ("deep", "fascia", "caution", "segment", "labels")
"""Names accepted by :meth:`BodyCanvas.set_layer_visible`."""
VIEW_TITLES = {"front": "Front", "back": "Back"}
VIEW_GAP = 30.0
DRAG_THRESHOLD_PX = 4
NUDGE, BIG_NUDGE = 2.0, 10.0
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.5, 16.0
"""Zoom limits relative to the fitted scale."""
ARROWS: dict[Any, str] = {
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
}
NOT_ON_BODY = "Not on the body"


def describe_hit(hit: Any) -> str:
    """One line for the status bar: main region with side, segment, caution zone."""
    region = hit.main_region
    if region is None:
        return NOT_ON_BODY
    parts = [region.name if region.side == "midline" else f"{region.name} ({region.side})"]
    if hit.segments:
        parts.append(hit.segments[0].name)
    if hit.cautions:
        parts.append("Caution: " + ", ".join(c.name for c in hit.cautions))
    return " · ".join(parts)


class BodyCanvas(QGraphicsView):
    """Both body views side by side (front left, back right) or one of them."""

    addRequested = Signal(str, float, float)
    moveRequested = Signal(str, float, float)
    removeRequested = Signal(str)
    editRequested = Signal(str)
    spotSelected = Signal(str)
    regionHovered = Signal(str)
    sourcesRequested = Signal(str)
    """The context menu's "Select source…": show this spot's likely sources."""

    def __init__(self, parent: QWidget | None = None, atlas: Any = None) -> None:
        super().__init__(parent)
        self._atlas = atlas if atlas is not None else load_atlas()
        self._painters = {view: ViewPainter(self._atlas[view]) for view in self._atlas}
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
            | QPainter.RenderHint.TextAntialiasing
        )
        self.setBackgroundBrush(palette.PAPER)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setAccessibleName("Body diagram")
        self.setAccessibleDescription(
            "Click where it hurts to add a spot. Keyboard: Alt+arrows move between body "
            "regions, Insert adds a spot there, Tab selects spots, arrows move the selected "
            "spot, Enter edits it, Delete removes it, plus and minus zoom."
        )

        self._map: TriggerPointMap | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._views: tuple[str, ...] = ()
        self._offsets: dict[str, float] = {}
        self._bodies: dict[str, BodyItem] = {}
        self._spots: dict[str, SpotItem] = {}
        self._selected = ""
        self._layers: set[str] = set()
        self._highlight: tuple[str, str] | None = None
        self._highlight_items: list[Any] = []
        self._hover = HoverItem()
        self._hover.setVisible(False)
        self._hover_key: Any = None
        self._focus_ring = FocusRingItem()
        self._focus_ring.setVisible(False)
        self._cursor: tuple[str, Any] | None = None
        self.scene().addItem(self._hover)
        self.scene().addItem(self._focus_ring)
        self._press: QPoint | None = None
        self._drag: SpotItem | None = None
        self._drag_moved = False
        self._pan_from: QPoint | None = None
        self._space = False
        self._auto_fit = True
        self.set_views(("front", "back"))

    # -- coordinates -------------------------------------------------------------------
    @property
    def views(self) -> tuple[str, ...]:
        """The views shown, left to right."""
        return self._views

    def view_offset(self, view: str) -> float:
        """How far right the view is shifted in the scene."""
        return self._offsets[view]

    def view_rect(self, view: str) -> QRectF:
        """The scene rectangle a view occupies."""
        return self._painters[view].frame.translated(self._offsets[view], 0)

    def scene_point(self, view: str, x: float, y: float) -> QPointF:
        """Atlas (x, y) of ``view`` → scene coordinates."""
        return QPointF(x + self._offsets[view], y)

    def viewport_point(self, view: str, x: float, y: float) -> QPoint:
        """Atlas (x, y) of ``view`` → viewport pixel (for tests and tooltips)."""
        return self.mapFromScene(self.scene_point(view, x, y))

    def atlas_point(self, scene: QPointF) -> tuple[str, float, float] | None:
        """Scene point → (view, x, y) of the view whose frame holds it, else None."""
        for view in self._views:
            if self.view_rect(view).contains(scene):
                return view, scene.x() - self._offsets[view], scene.y()
        return None

    # -- views and layers ----------------------------------------------------------------
    def set_views(self, views: Sequence[str]) -> None:
        """Show these views left to right, e.g. ``("front",)`` or ``("front", "back")``."""
        views = tuple(views)
        if not views or any(v not in self._painters for v in views):
            raise ValueError(f"unknown views {views!r}")
        for item in self._bodies.values():
            self.scene().removeItem(item)
        self._bodies.clear()
        self._views, self._offsets = views, {}
        right = None
        for view in views:
            frame = self._painters[view].frame
            offset = 0.0 if right is None else right + VIEW_GAP - frame.left()
            self._offsets[view] = offset
            right = frame.right() + offset
            body = BodyItem(self._painters[view], VIEW_TITLES[view])
            body.setPos(offset, 0)
            self.scene().addItem(body)
            self._bodies[view] = body
        self._apply_layers()
        bounds = QRectF()
        for view in views:
            bounds = bounds.united(self.view_rect(view))
        self.scene().setSceneRect(bounds)
        self._clear_hover()
        if self._cursor and self._cursor[0] not in views:
            self._set_cursor(None)
        self._rebuild_spots()
        self._rebuild_highlight()
        self.fit()

    def set_layer_visible(self, name: str, visible: bool) -> None:
        """Show or hide an optional layer: deep, fascia, caution, segment or labels."""
        if name not in LAYER_TOGGLES:
            raise ValueError(f"unknown layer {name!r}; expected one of {LAYER_TOGGLES}")
        (self._layers.add if visible else self._layers.discard)(name)
        self._apply_layers()

    def layer_visible(self, name: str) -> bool:
        return name in self._layers

    def body_item(self, view: str) -> BodyItem:
        return self._bodies[view]

    def _apply_layers(self) -> None:
        layers = frozenset({"superficial"} | (self._layers - {"labels"}))
        for body in self._bodies.values():
            body.set_layers(layers, "labels" in self._layers)

    # -- the map -------------------------------------------------------------------------
    def set_map(self, tpm: TriggerPointMap | None) -> None:
        """Observe ``tpm`` (and stop observing the previous map)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._map = tpm
        self._selected = ""
        if tpm is not None:
            self._unsubscribe = tpm.subscribe(self._on_change)
        self._rebuild_spots()

    def spot_item(self, spot_id: str) -> SpotItem | None:
        return self._spots.get(spot_id)

    def spot_items(self) -> list[SpotItem]:
        return list(self._spots.values())

    def _on_change(self, change: Change) -> None:
        tpm = self._map
        if tpm is None or change.kind in ("checked_in", "renamed"):
            return
        if change.kind in ("reset",) or change.spot_id is None:
            self._rebuild_spots()
            return
        if change.kind == "removed":
            item = self._spots.pop(change.spot_id, None)
            if item is not None:
                self.scene().removeItem(item)
            if change.spot_id == self._selected:
                self._selected = ""
                self.spotSelected.emit("")
            self._renumber()
            return
        if tpm.has_spot(change.spot_id):
            self._sync_spot(tpm.index_of(change.spot_id))
            if change.kind == "added":
                self._renumber()

    def _rebuild_spots(self) -> None:
        for item in self._spots.values():
            self.scene().removeItem(item)
        self._spots.clear()
        if self._map is None:
            return
        if self._selected and not self._map.has_spot(self._selected):
            self._selected = ""
        for index in range(len(self._map.spots)):
            self._sync_spot(index)

    def _sync_spot(self, index: int) -> None:
        assert self._map is not None
        spot = self._map.spots[index]
        item = self._spots.get(spot.id)
        if spot.view not in self._offsets:
            if item is not None:
                self.scene().removeItem(item)
                del self._spots[spot.id]
            return
        if item is None or item.view != spot.view:
            if item is not None:
                self.scene().removeItem(item)
            item = SpotItem(spot.id, spot.view)
            self.scene().addItem(item)
            self._spots[spot.id] = item
        item.setPos(self.scene_point(spot.view, spot.x, spot.y))
        item.set_look(index + 1, spot.intensity, spot.id == self._selected)
        region = self._atlas[spot.view].locate(spot.x, spot.y).main_region
        where = f" — {region.name}" if region is not None else ""
        item.setToolTip(f"Spot {index + 1}{where}, intensity {spot.intensity}/10")

    def _renumber(self) -> None:
        if self._map is None:
            return
        for index, spot in enumerate(self._map.spots):
            item = self._spots.get(spot.id)
            if item is not None:
                item.set_look(index + 1, spot.intensity, spot.id == self._selected)

    # -- selection -----------------------------------------------------------------------
    @property
    def selected_spot(self) -> str:
        """The selected spot's id, or "" when none is selected."""
        return self._selected

    def select_spot(self, spot_id: str) -> None:
        """Select a spot (or none with ""), without emitting ``spotSelected``."""
        if spot_id and spot_id not in self._spots:
            spot_id = ""
        if spot_id == self._selected:
            return
        old = self._spots.get(self._selected)
        self._selected = spot_id
        if old is not None:
            old.set_look(old.number, old.intensity, False)
        item = self._spots.get(spot_id)
        if item is not None:
            item.set_look(item.number, item.intensity, True)
            self.ensureVisible(item, 40, 40)

    def _user_select(self, spot_id: str) -> None:
        if spot_id != self._selected:
            self.select_spot(spot_id)
            self.spotSelected.emit(self._selected)

    def _ordered_spot_ids(self) -> list[str]:
        if self._map is None:
            return []
        return [s.id for s in self._map.spots if s.id in self._spots]

    # -- highlight -----------------------------------------------------------------------
    def set_highlight(self, muscle: str | None, side: str | None = None) -> None:
        """Shade where to roll ``muscle`` on ``side`` and mark its trigger-point sites in
        every shown view that has them; ``None`` clears."""
        self._highlight = (muscle, side or "midline") if muscle else None
        self._rebuild_highlight()

    @property
    def highlight(self) -> tuple[str, str] | None:
        return self._highlight

    def highlight_items(self) -> list[Any]:
        """The items currently drawing the highlight (zones and sites)."""
        return list(self._highlight_items)

    def _rebuild_highlight(self) -> None:
        for item in self._highlight_items:
            self.scene().removeItem(item)
        self._highlight_items = []
        if self._highlight is None:
            return
        muscle, side = self._highlight
        sites = trigger_point_sites(muscle, side, self._atlas)
        for view in self._views:
            zone = HighlightItem(self._painters[view], muscle, side)
            if not zone.zone.isEmpty():
                zone.setPos(self._offsets[view], 0)
                self.scene().addItem(zone)
                self._highlight_items.append(zone)
            for x, y in sites.get(view, ()):
                site = SiteItem(view, x, y)
                site.setPos(self.scene_point(view, x, y))
                self.scene().addItem(site)
                self._highlight_items.append(site)

    # -- zoom and pan --------------------------------------------------------------------
    def fit(self) -> None:
        """Fit the shown views into the window."""
        self._auto_fit = True
        rect = self.scene().sceneRect()
        if rect.isEmpty() or self.viewport().width() < 2:
            return
        self.resetTransform()
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def zoom_level(self) -> float:
        """The current scale relative to the fitted one (1.0 = fitted)."""
        rect = self.scene().sceneRect()
        vw, vh = max(1, self.viewport().width()), max(1, self.viewport().height())
        fitted = min(vw / rect.width(), vh / rect.height()) if not rect.isEmpty() else 1.0
        return self.transform().m11() / fitted

    def zoom_by(self, factor: float, anchor_under_mouse: bool = False) -> None:
        """Zoom by ``factor`` around the mouse (or the view's centre), within limits."""
        current = self.zoom_level()
        factor = max(MIN_ZOOM / current, min(MAX_ZOOM / current, factor))
        self._auto_fit = False
        self.setTransformationAnchor(
            QGraphicsView.ViewportAnchor.AnchorUnderMouse
            if anchor_under_mouse
            else QGraphicsView.ViewportAnchor.AnchorViewCenter
        )
        self.scale(factor, factor)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP**steps, anchor_under_mouse=True)
        event.accept()

    # -- hover ---------------------------------------------------------------------------
    def _clear_hover(self) -> None:
        self._hover.setVisible(False)
        self._hover_key = None

    def _hover_at(self, scene: QPointF) -> None:
        where = self.atlas_point(scene)
        hit = self._atlas[where[0]].locate(where[1], where[2]) if where else None
        region = hit.main_region if hit is not None and hit.inside else None
        key = (where[0], region.key) if where and region else None
        if key == self._hover_key:
            return
        self._hover_key = key
        if region is None or where is None:
            self._hover.setVisible(False)
            self.viewport().setToolTip("")
            self.regionHovered.emit("")
            return
        self._hover.setPath(region_path(region.geometry))
        self._hover.setPos(self._offsets[where[0]], 0)
        self._hover.setVisible(True)
        text = describe_hit(hit)
        self.viewport().setToolTip(text)
        self.regionHovered.emit(text)

    def leaveEvent(self, event: QEvent) -> None:
        self._clear_hover()
        super().leaveEvent(event)

    # -- mouse ---------------------------------------------------------------------------
    def _spot_at(self, pos: QPoint) -> SpotItem | None:
        for item in self.items(pos):
            if isinstance(item, SpotItem):
                return item
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and self._space
        ):
            self._pan_from = pos
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if button == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._press = pos
            spot = self._spot_at(pos)
            self._drag, self._drag_moved = spot, False
            if spot is not None:
                self._user_select(spot.spot_id)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._pan_from is not None:
            delta = pos - self._pan_from
            self._pan_from = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            return
        if self._drag is not None and self._press is not None:
            if (pos - self._press).manhattanLength() >= DRAG_THRESHOLD_PX:
                self._drag_moved = True
            if self._drag_moved:
                scene = self.mapToScene(pos)
                rect = self.view_rect(self._drag.view)
                x = min(max(scene.x(), rect.left()), rect.right())
                y = min(max(scene.y(), rect.top()), rect.bottom())
                self._drag.setPos(x, y)
            return
        self._hover_at(self.mapToScene(pos))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() in (
            Qt.MouseButton.MiddleButton,
            Qt.MouseButton.LeftButton,
        ):
            self._pan_from = None
            self.viewport().unsetCursor()
            return
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        drag, moved, self._drag, self._press = self._drag, self._drag_moved, None, None
        if drag is not None:
            if moved:
                self._finish_drag(drag)
            return
        self._request_add(self.mapToScene(event.position().toPoint()))

    def _finish_drag(self, item: SpotItem) -> None:
        pos = item.pos()
        view = item.view
        x, y = pos.x() - self._offsets[view], pos.y()
        hit = self._atlas[view].locate(x, y)
        if not hit.inside:
            self.regionHovered.emit(NOT_ON_BODY)
            self._restore_spot(item.spot_id)
            return
        self.moveRequested.emit(item.spot_id, float(hit.point[0]), float(hit.point[1]))
        self._restore_spot(item.spot_id)

    def _restore_spot(self, spot_id: str) -> None:
        """Put a marker back where the map says (the map's change moves it for real)."""
        if self._map is not None and self._map.has_spot(spot_id):
            self._sync_spot(self._map.index_of(spot_id))

    def _request_add(self, scene: QPointF) -> None:
        where = self.atlas_point(scene)
        hit = self._atlas[where[0]].locate(where[1], where[2]) if where else None
        if hit is None or not hit.inside:
            self.regionHovered.emit(NOT_ON_BODY)
            return
        self._user_select("")
        self.addRequested.emit(hit.view, float(hit.point[0]), float(hit.point[1]))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        spot = self._spot_at(event.position().toPoint())
        if spot is not None and event.button() == Qt.MouseButton.LeftButton:
            self._user_select(spot.spot_id)
            self.editRequested.emit(spot.spot_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        spot = self._spot_at(event.pos())
        if spot is None:
            super().contextMenuEvent(event)
            return
        self._user_select(spot.spot_id)
        menu = self.spot_menu(spot.spot_id)
        self._exec_menu(menu, event.globalPos())

    def spot_menu(self, spot_id: str) -> QMenu:
        """The context menu for one spot (Edit…, Delete, Select source…)."""
        menu = QMenu(self)
        menu.addAction("Edit…", lambda: self.editRequested.emit(spot_id))
        menu.addAction("Delete", lambda: self.removeRequested.emit(spot_id))
        menu.addAction("Select source…", lambda: self.sourcesRequested.emit(spot_id))
        return menu

    def _exec_menu(self, menu: QMenu, at: QPoint) -> None:
        """Show a menu modally (tests monkeypatch this)."""
        menu.exec(at)

    # -- keyboard ------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self._cycle_selection(
                key == Qt.Key.Key_Tab
                and not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            ):
                return True
        return super().event(event)

    def _cycle_selection(self, forward: bool) -> bool:
        ids = self._ordered_spot_ids()
        if not ids:
            return False
        if self._selected in ids:
            index = ids.index(self._selected) + (1 if forward else -1)
            if not 0 <= index < len(ids):
                self._user_select("")
                return False  # let focus leave the canvas after the last spot
        else:
            index = 0 if forward else len(ids) - 1
        self._user_select(ids[index])
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        nav = mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key in ARROWS and (nav or not self._selected):
            self.move_cursor(ARROWS[key])
        elif key in ARROWS:
            self._nudge(ARROWS[key], bool(mods & Qt.KeyboardModifier.ShiftModifier))
        elif key in (Qt.Key.Key_Insert, Qt.Key.Key_A) and not nav:
            self.add_at_cursor()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected:
            self.editRequested.emit(self._selected)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._selected:
            self.removeRequested.emit(self._selected)
        elif key == Qt.Key.Key_Escape and self._selected:
            self._user_select("")
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
        super().keyReleaseEvent(event)

    def _nudge(self, direction: str, big: bool) -> None:
        if self._map is None or not self._map.has_spot(self._selected):
            return
        spot = self._map.spot_by_id(self._selected)
        dx, dy = canvas_nav.DIRECTIONS[direction]
        step = BIG_NUDGE if big else NUDGE
        x, y = spot.x + dx * step, spot.y + dy * step
        hit = self._atlas[spot.view].locate(x, y)
        if not hit.inside:
            self.regionHovered.emit(NOT_ON_BODY)
            return
        self.moveRequested.emit(spot.id, float(hit.point[0]), float(hit.point[1]))

    # keyboard cursor over regions ------------------------------------------------------
    @property
    def cursor_region(self) -> tuple[str, Any] | None:
        """(view, region) under the keyboard cursor, or None."""
        return self._cursor

    def _set_cursor(self, cursor: tuple[str, Any] | None) -> None:
        self._cursor = cursor
        if cursor is None:
            self._focus_ring.setVisible(False)
            return
        view, region = cursor
        self._focus_ring.setPath(region_path(region.geometry))
        self._focus_ring.setPos(self._offsets[view], 0)
        self._focus_ring.setVisible(True)
        x, y = canvas_nav.region_anchor(region)
        text = describe_hit(self._atlas[view].locate(x, y))
        self.setAccessibleDescription(f"{VIEW_TITLES[view]} view: {text}")
        self.viewport().setToolTip(text)
        self.regionHovered.emit(text)
        self.ensureVisible(self._focus_ring.sceneBoundingRect(), 30, 30)

    def move_cursor(self, direction: str) -> None:
        """Move the keyboard cursor to the neighbouring region in ``direction``; past the
        edge of a view it continues in the next view."""
        if self._cursor is None:
            view = self._views[0]
            start = canvas_nav.start_region(self._atlas[view])
            if start is not None:
                self._set_cursor((view, start))
            return
        view, region = self._cursor
        nxt = canvas_nav.neighbour_towards(self._atlas[view], region, direction)
        if nxt is not None:
            self._set_cursor((view, nxt))
            return
        if direction in ("left", "right"):
            index = self._views.index(view) + (1 if direction == "right" else -1)
            if 0 <= index < len(self._views):
                other = self._views[index]
                start = canvas_nav.start_region(self._atlas[other])
                if start is not None:
                    self._set_cursor((other, start))

    def add_at_cursor(self) -> None:
        """Request a spot at the keyboard cursor's region (its representative point)."""
        if self._cursor is None:
            self.move_cursor("down")
            if self._cursor is None:
                return
        view, region = self._cursor
        x, y = canvas_nav.region_anchor(region)
        self.addRequested.emit(view, x, y)

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        if self._cursor is not None:
            self._focus_ring.setVisible(True)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self._focus_ring.setVisible(False)
