"""BodyCanvas: the front and back diagrams, where the user marks, moves and picks spots.

The canvas observes a `TriggerPointMap` and never changes it: every edit leaves as a
request signal (``addRequested``, ``moveRequested`` …) for the window to turn into an undoable
operation; the map then notifies the canvas, which updates only the affected markers.
Scene coordinates are atlas coordinates, each view shifted right by its offset.

The canvas owns its parts and hands each only what it needs: the scene layout
(`layout.SceneLayout`), the zoom (`zoom.ViewZoom`), its request signals
(`requests.CanvasRequests`) and the spot markers with the selection (`spots.SpotMarkers`);
the highlight (`highlight`), the mouse (`mouse`) and the keyboard (`keys`) never see the
canvas itself. The markers, the mouse, the keyboard and the brush (`brush`) get the view (a
plain `QGraphicsView`), the layout, the atlas and the requests as one `context.CanvasContext`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsItem, QGraphicsScene, QGraphicsView, QMenu, QWidget

from bodymap.atlas import Region, ViewAtlas, load_atlas
from bodymap.maps.model import TriggerPointMap
from bodymap.ui.canvas.brush import BrushInput
from bodymap.ui.canvas.context import CanvasContext
from bodymap.ui.canvas.highlight import HighlightLayer
from bodymap.ui.canvas.hit_text import NOT_ON_BODY, VIEW_TITLES, describe_hit
from bodymap.ui.canvas.items import BodyItem, SpotItem
from bodymap.ui.canvas.keys import KeyboardInput, RegionCursor
from bodymap.ui.canvas.layout import SceneLayout
from bodymap.ui.canvas.mouse import MouseInput
from bodymap.ui.canvas.pattern import PatternLayer
from bodymap.ui.canvas.requests import CanvasRequests
from bodymap.ui.canvas.spots import SpotMarkers
from bodymap.ui.canvas.zoom import ZOOM_STEP, ViewZoom
from bodymap.ui.document.selection import SpotSelection
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.focus_ring import show_keyboard_focus
from bodymap.ui.drawing.menu_keys import keys_to_menu
from bodymap.ui.drawing.painting import ViewPainter

__all__ = ["LAYER_TOGGLES", "NOT_ON_BODY", "TOOLS", "BodyCanvas", "describe_hit"]

TOOLS = ("click", "paint")
"""The canvas's tools: click to mark spots, or paint areas with the brush."""

LAYER_TOGGLES = ("deep", "fascia", "caution", "segment", "labels")
"""Names accepted by :meth:`BodyCanvas.set_layer_visible`."""


class BodyCanvas(QGraphicsView):
    """Both body views side by side (front left, back right) or one of them."""

    addRequested = Signal(str, float, float)
    moveRequested = Signal(str, float, float)
    nudgeRequested = Signal(str, float, float)
    """An arrow key moved a spot a little; consecutive nudges make one undo step."""
    removeRequested = Signal(str)
    editRequested = Signal(str)
    regionHovered = Signal(str)
    sourcesRequested = Signal(str)
    """The context menu's "Select source…": show this spot's likely sources."""
    paintRequested = Signal(str, str, object)
    """A brush stroke finished: (view, area spot id or "" for a new area, shapely shape or
    None when the eraser took the whole area away). One request per stroke."""
    brushChanged = Signal()
    """The brush's size or the eraser changed."""

    def __init__(
        self,
        parent: QWidget | None = None,
        atlas: Mapping[str, ViewAtlas] | None = None,
        selection: SpotSelection | None = None,
    ) -> None:
        """``selection`` is the document's selected spot (a canvas of its own without one)."""
        super().__init__(parent)
        # a viewport of our own, as Qt's would be: Python then need not work out the type of
        # Qt's, which made it build the enum types of some thirty widget classes (about 3 ms)
        viewport = QWidget()
        viewport.setMouseTracking(True)
        self.setViewport(viewport)
        self._atlas = atlas if atlas is not None else load_atlas()
        self._painters = {view: ViewPainter.of(self._atlas[view]) for view in self._atlas}
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
        self.focus_ring = show_keyboard_focus(self)  # Tabbed to, it shows it
        self.setAccessibleName("Body diagram")
        self.setAccessibleDescription(
            "Click where it hurts to add a spot. Keyboard: Alt+arrows move between body "
            "regions, Insert adds a spot there, Tab selects spots, arrows move the selected "
            "spot, Enter edits it, Delete removes it, plus and minus zoom."
        )

        self._layout = SceneLayout(
            self.scene(), {view: painter.frame for view, painter in self._painters.items()}
        )
        self._zoom = ViewZoom(self)
        self._bodies: dict[str, BodyItem] = {}
        self._layers: set[str] = set()
        requests = CanvasRequests(
            add=self.addRequested,
            move=self.moveRequested,
            nudge=self.nudgeRequested,
            remove=self.removeRequested,
            edit=self.editRequested,
            hovered=self.regionHovered,
            paint=self.paintRequested,
        )
        self.selection = selection if selection is not None else SpotSelection(self)
        canvas = CanvasContext(self, self._layout, self._atlas, requests)
        self._markers = SpotMarkers(canvas, self.selection)
        self._highlight = HighlightLayer(self._layout, self._atlas, self._painters)
        self._pattern = PatternLayer(self._layout, self._atlas)
        self._mouse = MouseInput(canvas, self._markers)
        self._cursor = RegionCursor(canvas, self._markers.selected_place)
        self._keys = KeyboardInput(canvas, self._cursor, self._markers, self._zoom)
        self._brush = BrushInput(canvas, self._markers.areas, lambda: self._markers.selected)
        self._tool = "click"
        self.scene().addItem(self._mouse.hover)
        self.scene().addItem(self._cursor.ring)
        self.scene().addItem(self._brush.preview)
        self.scene().addItem(self._brush.ring)
        self.set_views(("front", "back"))

    # -- coordinates -------------------------------------------------------------------
    @property
    def views(self) -> tuple[str, ...]:
        """The views shown, left to right."""
        return self._layout.views

    def view_offset(self, view: str) -> float:
        """How far right the view is shifted in the scene."""
        return self._layout.view_offset(view)

    def view_rect(self, view: str) -> QRectF:
        """The scene rectangle a view occupies."""
        return self._layout.view_rect(view)

    def scene_point(self, view: str, x: float, y: float) -> QPointF:
        """Atlas (x, y) of ``view`` → scene coordinates."""
        return self._layout.scene_point(view, x, y)

    def viewport_point(self, view: str, x: float, y: float) -> QPoint:
        """Atlas (x, y) of ``view`` → viewport pixel (for tests and tooltips)."""
        return self.mapFromScene(self.scene_point(view, x, y))

    def atlas_point(self, scene: QPointF) -> tuple[str, float, float] | None:
        """Scene point → (view, x, y) of the view whose frame holds it, else None."""
        return self._layout.atlas_point(scene)

    # -- views and layers ----------------------------------------------------------------
    def set_views(self, views: Sequence[str]) -> None:
        """Show these views left to right, e.g. ``("front",)`` or ``("front", "back")``."""
        views = tuple(views)
        if not views or not all(self._layout.known(v) for v in views):
            raise ValueError(f"unknown views {views!r}")
        for item in self._bodies.values():
            self.scene().removeItem(item)
        self._bodies.clear()
        bounds = self._layout.arrange(views)
        for view in views:
            body = BodyItem(self._painters[view], VIEW_TITLES[view])
            body.setPos(self._layout.view_offset(view), 0)
            self.scene().addItem(body)
            self._bodies[view] = body
        self._apply_layers()
        self.scene().setSceneRect(bounds)
        self._mouse.clear_hover()
        if self._cursor.region and self._cursor.region[0] not in views:
            self._cursor.set(None)
        else:  # the cursor's view may have moved: the ring goes with it
            self._cursor.set(self._cursor.region)
        self._markers.rebuild()
        self._highlight.rebuild()
        self._pattern.rebuild()
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

    def spot_item(self, spot_id: str) -> SpotItem | None:
        return self._markers.item(spot_id)

    def spot_items(self) -> list[SpotItem]:
        return self._markers.items()

    @property
    def selected_spot(self) -> str:
        """The selected spot's id, or "" when none is selected."""
        return self._markers.selected

    def select_spot(self, spot_id: str) -> None:
        """Select a spot (or none with ""): the document's selection, which every view
        draws."""
        self._markers.select(spot_id)

    def area_item(self, spot_id: str) -> QGraphicsItem | None:
        """The drawn fill of a spot's painted area, if any."""
        return self._markers.area_item(spot_id)

    # -- the Paint tool ------------------------------------------------------------------
    @property
    def tool(self) -> str:
        """``"click"`` (mark spots) or ``"paint"`` (paint areas)."""
        return self._tool

    def set_tool(self, tool: str) -> None:
        if tool not in TOOLS:
            raise ValueError(f"unknown tool {tool!r}; expected one of {TOOLS}")
        self._tool = tool
        self._mouse.clear_hover()
        if tool == "paint":
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        else:
            self._brush.hide()
            self.viewport().unsetCursor()

    @property
    def brush(self) -> BrushInput:
        return self._brush

    def set_brush_radius(self, radius: float) -> None:
        """The brush's radius in atlas units (kept within its limits)."""
        if radius != self._brush.radius:
            self._brush.set_radius(radius)
            self.brushChanged.emit()

    def grow_brush(self) -> None:
        self._brush.grow()
        self.brushChanged.emit()

    def shrink_brush(self) -> None:
        self._brush.shrink()
        self.brushChanged.emit()

    def set_eraser(self, on: bool) -> None:
        """Whether a left-drag of the Paint tool erases (a right-drag always does)."""
        if on != self._brush.eraser:
            self._brush.eraser = on
            self.brushChanged.emit()

    # -- highlight -----------------------------------------------------------------------
    def set_highlight(self, muscle: str | None, side: str | None = None) -> None:
        """Shade where to roll ``muscle`` on ``side`` and mark its trigger-point sites in
        every shown view that has them; ``None`` clears."""
        self._highlight.set(muscle, side)

    def show_press_site(self, muscle: str, side: str, view: str, x: float, y: float) -> None:
        """Shade where to roll ``muscle`` and mark only the press test's point (view, x, y)."""
        self._highlight.set(muscle, side, (view, x, y))

    @property
    def highlight(self) -> tuple[str, str] | None:
        return self._highlight.value

    def highlight_items(self) -> list[QGraphicsItem]:
        """The items currently drawing the highlight (zones and sites)."""
        return list(self._highlight.items)

    # -- a muscle's referral pattern (the muscle browser) -------------------------------
    def set_pattern(
        self, muscle: str | None, side: str | None = None, *, held: bool = False
    ) -> None:
        """Draw ``muscle``'s essential and spillover zones, roll zone and trigger-point
        sites on ``side`` in every shown view (a ``held`` muscle without the roll zone and
        the sites); ``None`` returns the diagram to normal. While a pattern is drawn the
        map's own highlight (the selected source's roll zone) is out of sight, so the
        shading on screen is only the browsed muscle's."""
        self._pattern.set(muscle, side, held=held)
        self._highlight.set_hidden(muscle is not None)

    @property
    def pattern(self) -> tuple[str, str] | None:
        """(muscle, side) whose pattern is drawn, or None."""
        return self._pattern.value

    @property
    def pattern_held(self) -> bool:
        """Whether the pattern is drawn as held (no roll zone, no sites)."""
        return self._pattern.held

    def pattern_items(self) -> list[QGraphicsItem]:
        """The items drawing the pattern (zones and sites)."""
        return list(self._pattern.items)

    # -- zoom and pan --------------------------------------------------------------------
    def fit(self) -> None:
        """Fit the shown views into the window."""
        self._zoom.fit()

    def zoom_level(self) -> float:
        """The current scale relative to the fitted one (1.0 = fitted)."""
        return self._zoom.level()

    def zoom_by(self, factor: float, anchor_under_mouse: bool = False) -> None:
        """Zoom by ``factor`` around the mouse (or the view's centre), within limits."""
        self._zoom.by(factor, anchor_under_mouse)

    def zoom_in(self) -> None:
        self._zoom.zoom_in()

    def zoom_out(self) -> None:
        self._zoom.zoom_out()

    # -- keyboard cursor over regions ----------------------------------------------------
    @property
    def cursor_region(self) -> tuple[str, Region] | None:
        """(view, region) under the keyboard cursor, or None."""
        return self._cursor.region

    @property
    def cursor_ring(self) -> QGraphicsItem:
        """The keyboard cursor's dashed ring, as drawn (hidden while there is no cursor)."""
        return self._cursor.ring

    def move_cursor(self, direction: str) -> None:
        """Move the keyboard cursor to the neighbouring region in ``direction``; past the
        edge of a view it continues in the next view."""
        self._cursor.move(direction)

    # -- context menu --------------------------------------------------------------------
    def spot_menu(self, spot_id: str) -> QMenu:
        """The context menu for one spot (Edit…, Delete, Select source…; E, D, S pick)."""
        menu = keys_to_menu(QMenu(self))
        menu.addAction("&Edit…", lambda: self.editRequested.emit(spot_id))
        menu.addAction("&Delete", lambda: self.removeRequested.emit(spot_id))
        menu.addAction("Select &source…", lambda: self.sourcesRequested.emit(spot_id))
        return menu

    def _exec_menu(self, menu: QMenu, at: QPoint) -> None:
        """Show a menu modally (tests monkeypatch this)."""
        menu.exec(at)

    # -- Qt events, handed to the mouse and keyboard parts -------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._zoom.auto_fit:
            self._zoom.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP**steps, anchor_under_mouse=True)
        event.accept()

    def leaveEvent(self, event: QEvent) -> None:
        self._mouse.clear_hover()
        if not self._brush.painting:
            self._brush.ring.setVisible(False)
        super().leaveEvent(event)

    def _painting(self) -> bool:
        return self._tool == "paint" and not self._keys.space_held

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._painting() and self._brush.press(event):
            return
        if not self._mouse.press(event, self._keys.space_held):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._tool == "paint" and self._brush.move(event):
            return
        if not self._mouse.move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (self._brush.painting or self._painting()) and self._brush.release(event):
            return
        if not self._mouse.release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._painting() and self._brush.press(event):
            return  # a quick second dab paints, it does not open the editor
        if not self._mouse.double_click(event):
            super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._tool == "paint":  # the right button erases
            event.accept()
            return
        spot = self._mouse.spot_at(event.pos())
        if spot is None:
            super().contextMenuEvent(event)
            return
        self.select_spot(spot.spot_id)
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
        nav = event.modifiers() & (
            Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
        )
        region = self._cursor.region
        if (
            self._tool == "paint"
            and event.key() == Qt.Key.Key_Insert
            and not nav
            and region is not None
        ):
            self._brush.add_shape(region[0], region[1].geometry)  # grow the area by a region
            event.accept()
            return
        if self._keys.press(event):
            event.accept()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        self._keys.release(event)
        super().keyReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._cursor.region is not None:
            self._cursor.ring.setVisible(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._cursor.ring.setVisible(False)
