"""The graphics items of the body canvas. They draw; the map and the canvas hold the state.

Scene coordinates are atlas coordinates with each view shifted right by its offset, so an
item for view ``v`` sits at ``pos = (offset[v], 0)`` and draws in plain atlas units.
Spot and site markers ignore the view's zoom so they keep a readable size on screen.
"""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap, QTransform
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from bodymap.knowledge import load_knowledge
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.painting import Highlight, ViewPainter, paint_site_marker, paint_spot_marker

__all__ = [
    "SPOT_PIXEL_RADIUS",
    "BodyItem",
    "FocusRingItem",
    "HighlightItem",
    "HoverItem",
    "SiteItem",
    "SpotItem",
]

SPOT_PIXEL_RADIUS = 12.0
"""Spot markers' radius in logical pixels, whatever the zoom."""
SITE_PIXEL_RADIUS = 7.0

Z_BODY, Z_HOVER, Z_HIGHLIGHT, Z_FOCUS, Z_SITE, Z_SPOT = 0, 1, 2, 3, 4, 10


class _DrawnItem(QGraphicsItem):
    """An item that draws with the painter alone: Qt's ``paint`` hands it to `draw`."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        self.draw(painter)

    def draw(self, painter: QPainter) -> None:
        """Paint the item in its own coordinates."""
        raise NotImplementedError


class BodyItem(_DrawnItem):
    """One view's figure (and its caption and R/L marks), painted by `ViewPainter`."""

    def __init__(self, painter: ViewPainter, title: str) -> None:
        super().__init__()
        self.view_painter = painter
        self.view = painter.view
        self.title = title
        self.layers: frozenset[str] = frozenset({"superficial"})
        self.labels = False
        self.setZValue(Z_BODY)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_layers(self, layers: frozenset[str], labels: bool) -> None:
        if (layers, labels) != (self.layers, self.labels):
            self.layers, self.labels = layers, labels
            self.update()

    def boundingRect(self) -> QRectF:
        return self.view_painter.frame

    def draw(self, painter: QPainter) -> None:
        figure = _FIGURES.figure(self, painter) if self._whole_on_screen() else None
        if figure is None:
            self.draw_figure(painter)
            return
        pixmap, origin = figure
        painter.save()
        painter.setWorldTransform(QTransform())
        painter.drawPixmap(origin, pixmap)
        painter.restore()

    def _whole_on_screen(self) -> bool:
        """Whether the whole figure shows in the canvas: then Qt keeps it whole in its
        item cache too, and a kept figure gives its pixels (see `_Figures`). (Zoomed in
        further, Qt keeps only the part on screen, with its skin gradient a level or two
        off.)"""
        scene = self.scene()
        views = scene.views() if scene is not None else []
        return bool(views) and all(
            QRectF(view.viewport().rect()).contains(
                self.deviceTransform(view.viewportTransform()).mapRect(self.boundingRect())
            )
            for view in views
        )

    def draw_figure(self, painter: QPainter) -> None:
        """The figure itself, drawn path by path (some 4,000 paths: tens of ms)."""
        vp = self.view_painter
        vp.paint_body(painter, layers=self.layers, labels=self.labels)
        vp.paint_side_marks(painter)
        vp.paint_title(painter, self.title)


class _Figures:
    """Each view's figure drawn once per scale and kept, for every canvas in the program.

    Qt's device cache keeps a figure per item, so each new window (a second map, the
    screenshot command, each GUI test) would draw its figures again. Here the
    figure is drawn into a pixmap aligned to whole device pixels, keyed by everything
    that changes its pixels: the view, the layers, the labels, the caption, the scale,
    where between two pixels the figure starts, the pixel ratio and the render hints.
    Laid down at a whole-pixel offset over transparent pixels, it gives the pixels that
    drawing it there would, but for rounding where a clip edge (the caution layer is
    clipped to the body) falls otherwise within a pixel: at some window sizes a few dozen
    to about 150 pixels of half a million, most by one level. Only a figure shown
    whole is kept (zoomed in, Qt's item cache keeps the part on screen and a figure drawn
    again scrolls in), and the newest first up to `KEEP_BYTES` (a figure at 1400 × 900
    takes about 1 MiB, four times that on a screen of twice the pixel ratio): each new
    window size makes a new scale.
    """

    KEEP_BYTES = 24 * 2**20
    MAX_PIXELS = 4_000_000

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple[object, ...], tuple[QPixmap, object]] = OrderedDict()

    def clear(self) -> None:
        self._kept.clear()

    def bytes(self) -> int:
        """The memory the kept figures take."""
        return sum(pixmap.width() * pixmap.height() * 4 for pixmap, _ in self._kept.values())

    def __len__(self) -> int:
        return len(self._kept)

    def figure(self, item: BodyItem, painter: QPainter) -> tuple[QPixmap, QPointF] | None:
        """The figure of ``item`` as ``painter`` would draw it, and where it goes in
        ``painter``'s device; None when the item is turned or too large to keep."""
        world = painter.worldTransform()
        if world.isRotating() or not world.isAffine():
            return None
        ratio = painter.device().devicePixelRatioF()
        rect = world.mapRect(item.boundingRect())
        left, top = math.floor(rect.left() * ratio), math.floor(rect.top() * ratio)
        width = math.ceil(rect.right() * ratio) - left
        height = math.ceil(rect.bottom() * ratio) - top
        if width <= 0 or height <= 0 or width * height > self.MAX_PIXELS:
            return None
        origin_x, origin_y = left / ratio, top / ratio
        key = (
            id(item.view_painter.view_atlas),
            item.view,
            item.layers,
            item.labels,
            item.title,
            world.m11(),
            world.m22(),
            world.dx() - origin_x,
            world.dy() - origin_y,
            ratio,
            int(painter.renderHints().value),
            painter.font().key(),
        )
        kept = self._kept.get(key)
        if kept is not None and kept[1] is item.view_painter.view_atlas:
            self._kept.move_to_end(key)
            return kept[0], QPointF(origin_x, origin_y)
        pixmap = QPixmap(width, height)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        drawing = QPainter(pixmap)
        drawing.setRenderHints(painter.renderHints())
        drawing.setFont(painter.font())
        drawing.setWorldTransform(world * QTransform.fromTranslate(-origin_x, -origin_y))
        item.draw_figure(drawing)
        drawing.end()
        self._kept[key] = (pixmap, item.view_painter.view_atlas)
        while len(self._kept) > 1 and self.bytes() > self.KEEP_BYTES:
            self._kept.popitem(last=False)
        return pixmap, QPointF(origin_x, origin_y)


_FIGURES = _Figures()
"""The figures kept for every canvas of the program."""


class HoverItem(QGraphicsPathItem):
    """A faint wash over the region under the mouse."""

    def __init__(self) -> None:
        super().__init__()
        self.setBrush(palette.HOVER)
        self.setPen(Qt.PenStyle.NoPen)
        self.setZValue(Z_HOVER)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)


class FocusRingItem(QGraphicsPathItem):
    """The keyboard cursor: a dashed ring around the region that Insert would mark."""

    def __init__(self) -> None:
        super().__init__()
        pen = QPen(palette.FOCUS, 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setBrush(QColor(30, 100, 170, 28))
        self.setZValue(Z_FOCUS)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)


class HighlightItem(_DrawnItem):
    """A muscle's roll zone in one view, shaded by `ViewPainter.paint_highlight`."""

    def __init__(self, painter: ViewPainter, muscle: str, side: str) -> None:
        super().__init__()
        self.view_painter = painter
        self.view = painter.view
        self.highlight = Highlight(muscle, side, ())
        self.zone: QPainterPath = painter.roll_zone(muscle, side)
        self._bounds = self.zone.boundingRect().adjusted(-4, -4, 4, 4)
        self.setZValue(Z_HIGHLIGHT)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def draw(self, painter: QPainter) -> None:
        self.view_painter.paint_highlight(painter, self.highlight)


class _MarkerItem(_DrawnItem):
    """An item drawn at a constant pixel size around its position."""

    radius = SPOT_PIXEL_RADIUS

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)

    def boundingRect(self) -> QRectF:
        r = self.radius * 1.6
        return QRectF(-r, -r, 2 * r, 2 * r)


class SiteItem(_MarkerItem):
    """A trigger-point site: ring and cross (⊕, may be pressed), or an open ring when it lies
    in a zone not to press (``clear`` False)."""

    radius = SITE_PIXEL_RADIUS

    def __init__(self, view: str, x: float, y: float, *, clear: bool = True) -> None:
        super().__init__()
        self.view = view
        self.atlas_xy = (x, y)
        self.clear = clear
        """Whether a finger may press here (drawn ⊕); False: an open ring, not to press."""
        self.setZValue(Z_SITE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        said = load_knowledge().symbols
        self.setToolTip(
            f"Crossed circle: {said['crossed_circle']}"
            if clear
            else f"Open circle: {said['open_circle']}"
        )

    def draw(self, painter: QPainter) -> None:
        paint_site_marker(painter, QPointF(0, 0), self.radius, clear=self.clear)


class SpotItem(_MarkerItem):
    """A numbered, intensity-coloured marker for one spot of the map."""

    def __init__(self, spot_id: str, view: str) -> None:
        super().__init__()
        self.spot_id = spot_id
        self.view = view
        self.number = 0
        self.intensity = 0
        self.selected = False
        self.setZValue(Z_SPOT)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def set_look(self, number: int, intensity: int, selected: bool) -> None:
        if (number, intensity, selected) != (self.number, self.intensity, self.selected):
            self.number, self.intensity, self.selected = number, intensity, selected
            self.setZValue(Z_SPOT + 1 if selected else Z_SPOT)  # seen whole, dragged first
            self.update()

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), self.radius + 3, self.radius + 3)
        return path

    def draw(self, painter: QPainter) -> None:
        paint_spot_marker(
            painter, QPointF(0, 0), self.number, self.intensity, self.radius, selected=self.selected
        )
