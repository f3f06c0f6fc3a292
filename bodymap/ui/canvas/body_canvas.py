"""BodyCanvas: the front and back diagrams, where the user marks, moves and picks spots.

The canvas observes a `TriggerPointMap` and never changes it: every edit leaves as a
request signal (``addRequested``, ``moveRequested`` …) for the window to turn into an undoable
operation; the map then notifies the canvas, which updates only the affected markers.
Scene coordinates are atlas coordinates, each view shifted right by its offset.

This module lays out the views and zooms; the spot markers (`canvas_spots`), the highlight
(`canvas_highlight`), the mouse (`canvas_mouse`) and the keyboard (`canvas_keys`) are
parts the canvas owns.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from bodymap.maps.model import TriggerPointMap
from bodymap.ui.canvas.highlight import HighlightLayer
from bodymap.ui.canvas.hit_text import NOT_ON_BODY, VIEW_TITLES, describe_hit
from bodymap.ui.canvas.items import BodyItem, SpotItem
from bodymap.ui.canvas.keys import KeyboardInput, RegionCursor
from bodymap.ui.canvas.mouse import MouseInput
from bodymap.ui.canvas.spots import SpotMarkers
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.painting import ViewPainter

__all__ = ["LAYER_TOGGLES", "NOT_ON_BODY", "BodyCanvas", "describe_hit"]

LAYER_TOGGLES = ("deep", "fascia", "caution", "segment", "labels")
"""Names accepted by :meth:`BodyCanvas.set_layer_visible`."""
VIEW_GAP = 30.0
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.5, 16.0
"""Zoom limits relative to the fitted scale."""


class BodyCanvas(QGraphicsView):
    """Both body views side by side (front left, back right) or one of them."""

    addRequested = Signal(str, float, float)
    moveRequested = Signal(str, float, float)
    nudgeRequested = Signal(str, float, float)
    """An arrow key moved a spot a little; consecutive nudges make one undo step."""
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

        self._views: tuple[str, ...] = ()
        self._offsets: dict[str, float] = {}
        self._bodies: dict[str, BodyItem] = {}
        self._layers: set[str] = set()
        self._markers = SpotMarkers(self, self._atlas)
        self._highlight = HighlightLayer(self, self._atlas, self._painters)
        self._mouse = MouseInput(self, self._atlas)
        self._cursor = RegionCursor(self, self._atlas)
        self._keys = KeyboardInput(self, self._atlas, self._cursor)
        self.scene().addItem(self._mouse.hover)
        self.scene().addItem(self._cursor.ring)
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
        self._mouse.clear_hover()
        if self._cursor.region and self._cursor.region[0] not in views:
            self._cursor.set(None)
        self._markers.rebuild()
        self._highlight.rebuild()
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

    # -- the map and its spots -----------------------------------------------------------
    def set_map(self, tpm: TriggerPointMap | None) -> None:
        """Observe ``tpm`` (and stop observing the previous map)."""
        self._markers.set_map(tpm)

    @property
    def spot_map(self) -> TriggerPointMap | None:
        """The map observed, or None."""
        return self._markers.map

    def spot_item(self, spot_id: str) -> SpotItem | None:
        return self._markers.item(spot_id)

    def spot_items(self) -> list[SpotItem]:
        return self._markers.items()

    def shown_spot_ids(self) -> list[str]:
        """The ids of the spots in the shown views, in the map's order."""
        return self._markers.ordered_ids()

    def restore_spot(self, spot_id: str) -> None:
        """Put a spot's marker back where the map says (after a drag)."""
        self._markers.restore(spot_id)

    @property
    def selected_spot(self) -> str:
        """The selected spot's id, or "" when none is selected."""
        return self._markers.selected

    def select_spot(self, spot_id: str) -> None:
        """Select a spot (or none with ""), without emitting ``spotSelected``."""
        self._markers.select(spot_id)

    def user_select_spot(self, spot_id: str) -> None:
        """Select a spot as the user's act: emits ``spotSelected`` if the selection changes."""
        if spot_id != self.selected_spot:
            self.select_spot(spot_id)
            self.spotSelected.emit(self.selected_spot)

    # -- highlight -----------------------------------------------------------------------
    def set_highlight(self, muscle: str | None, side: str | None = None) -> None:
        """Shade where to roll ``muscle`` on ``side`` and mark its trigger-point sites in
        every shown view that has them; ``None`` clears."""
        self._highlight.set(muscle, side)

    @property
    def highlight(self) -> tuple[str, str] | None:
        return self._highlight.value

    def highlight_items(self) -> list[Any]:
        """The items currently drawing the highlight (zones and sites)."""
        return list(self._highlight.items)

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

    # -- keyboard cursor over regions ----------------------------------------------------
    @property
    def cursor_region(self) -> tuple[str, Any] | None:
        """(view, region) under the keyboard cursor, or None."""
        return self._cursor.region

    def move_cursor(self, direction: str) -> None:
        """Move the keyboard cursor to the neighbouring region in ``direction``; past the
        edge of a view it continues in the next view."""
        self._cursor.move(direction)

    def add_at_cursor(self) -> None:
        """Request a spot at the keyboard cursor's region (its representative point)."""
        self._cursor.add_here()

    # -- context menu --------------------------------------------------------------------
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

    # -- Qt events, handed to the mouse and keyboard parts -------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP**steps, anchor_under_mouse=True)
        event.accept()

    def leaveEvent(self, event: QEvent) -> None:
        self._mouse.clear_hover()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self._mouse.press(event, self._keys.space_held):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._mouse.move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._mouse.release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if not self._mouse.double_click(event):
            super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        spot = self._mouse.spot_at(event.pos())
        if spot is None:
            super().contextMenuEvent(event)
            return
        self.user_select_spot(spot.spot_id)
        menu = self.spot_menu(spot.spot_id)
        self._exec_menu(menu, event.globalPos())

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._keys.tab(event)
        ):
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._keys.press(event):
            event.accept()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._keys.release(event)
        super().keyReleaseEvent(event)

    def focusInEvent(self, event: Any) -> None:
        super().focusInEvent(event)
        if self._cursor.region is not None:
            self._cursor.ring.setVisible(True)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self._cursor.ring.setVisible(False)
