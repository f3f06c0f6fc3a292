"""Drawing one atlas view with QPainter: for the canvas, the PNG export and the printed guide.

Everything is drawn in atlas coordinates (y down, figure from y = 0 to 1000, midline at
x = 500). :func:`view_transform` maps a view into any rectangle, keeping its aspect, so
callers can convert between atlas and device coordinates::

    vp = ViewPainter.of(load_atlas()["back"])
    vp.paint(painter, QRectF(0, 0, 300, 500), spots=tpm.spots,
             highlight=Highlight("upper_trapezius", "right", [(560.0, 180.0)]))
    atlas_point = view_transform(va, rect).inverted()[0].map(device_point)

Geometry → path conversion lives in `region_paths`, markers and text in `markers`; both
are re-exported here for the callers that draw alongside a `ViewPainter`.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainter, QPainterPath, QPen, QTransform

from bodymap.knowledge import GROUPS

if TYPE_CHECKING:
    from bodymap.advisor.rollable import RollZones
    from bodymap.atlas import Region, ViewAtlas
    from bodymap.maps import Spot
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.markers import (
    hatch,
    line_width,
    paint_site_marker,
    paint_spot_marker,
    paint_text,
    text_width,
)
from bodymap.ui.drawing.palette import intensity_colour
from bodymap.ui.drawing.region_paths import region_path, smooth_path

__all__ = [
    "DEFAULT_LAYERS",
    "FRAME_MARGIN",
    "LAYER_NAMES",
    "SPOT_RADIUS",
    "TITLE_BAND",
    "Highlight",
    "ViewPainter",
    "area_colours",
    "intensity_colour",
    "line_width",
    "paint_area_fill",
    "paint_site_marker",
    "paint_spot_marker",
    "paint_text",
    "region_path",
    "smooth_path",
    "view_frame",
    "view_transform",
]

LAYER_NAMES = frozenset({"superficial", "deep", "fascia", "caution", "segment"})
"""Layers :meth:`ViewPainter.paint` understands (labels are a separate switch)."""
DEFAULT_LAYERS = frozenset({"superficial"})
FRAME_MARGIN = (24.0, 16.0)
"""Room (atlas units, x and y) around the outline's bounds: spot markers and R/L marks."""
TITLE_BAND = 40.0
"""Extra room above the head for a caption such as "Front"."""
SPOT_RADIUS = 12.0
"""Radius of a spot marker in atlas units when painted by :meth:`ViewPainter.paint`."""


class Highlight(NamedTuple):
    """A muscle to show on the diagram: its roll zone and its trigger-point sites (atlas
    coordinates of the view being painted)."""

    muscle: str
    side: str
    sites: Sequence[tuple[float, float]] = ()
    no_press: Sequence[tuple[float, float]] = ()
    """Sites inside a zone not to press: drawn as open circles, never as the press mark ⊕."""


# -- frames and transforms -------------------------------------------------------------
def view_frame(view_atlas: ViewAtlas) -> QRectF:
    """The atlas rectangle a view occupies when drawn: the outline's bounds plus margins."""
    x0, y0, x1, y1 = view_atlas.outline.bounds
    mx, my = FRAME_MARGIN
    top = y0 - my - TITLE_BAND
    return QRectF(x0 - mx, top, (x1 - x0) + 2 * mx, (y1 + my) - top)


def view_transform(view_atlas: ViewAtlas, target: QRectF) -> QTransform:
    """Atlas → target coordinates: the view's frame fitted into ``target``, centred,
    aspect kept. Invert it (``.inverted()[0]``) to map device points back to the atlas."""
    frame = view_frame(view_atlas)
    scale = min(target.width() / frame.width(), target.height() / frame.height())
    dx = target.x() + (target.width() - frame.width() * scale) / 2 - frame.x() * scale
    dy = target.y() + (target.height() - frame.height() * scale) / 2 - frame.y() * scale
    return QTransform(scale, 0, 0, scale, dx, dy)


def _region_ids(muscle: str) -> tuple[str, ...]:
    return GROUPS.get(muscle, (muscle,))


# -- the view painter ------------------------------------------------------------------
AREA_ALPHA = 96
"""Opacity (0–255) of a painted area's fill: the body and its labels show through."""


def area_colours(
    intensity: float, *, monochrome: bool = False, alpha: int = AREA_ALPHA
) -> tuple[QColor, QColor]:
    """A painted area's see-through fill (``alpha``, 0–255) in its intensity colour, and
    its thin darker edge; grey for monochrome print. The legends' swatch uses them too."""
    colour = QColor(150, 150, 150) if monochrome else intensity_colour(intensity)
    edge = colour.darker(150)
    colour.setAlpha(alpha)
    return colour, edge


def paint_area_fill(
    painter: QPainter, spot: Spot, *, monochrome: bool = False, alpha: int = AREA_ALPHA
) -> None:
    """A spot's painted area (if it has one) as a translucent fill (``alpha``, 0–255) in its
    intensity colour with a thin darker edge; in grey for monochrome print."""
    area = getattr(spot, "area", None)
    if area is None:
        return
    shape = getattr(area, "shape", area)
    colour, edge = area_colours(spot.intensity, monochrome=monochrome, alpha=alpha)
    painter.save()
    painter.setBrush(colour)
    painter.setPen(QPen(edge, line_width(painter, 1.0, 0.5, 2.0)))
    painter.drawPath(region_path(shape))
    painter.restore()


class ViewPainter:
    """Draws one atlas view: body, muscles, optional layers, spots and a highlight.

    Paths are built once per view and reused; painting never touches the model. `of`
    gives the one painter of a view for the whole program (every canvas, print and
    export), so its paths are built once, not once per window.
    """

    _painters: ClassVar[weakref.WeakKeyDictionary[ViewAtlas, ViewPainter]] = (
        weakref.WeakKeyDictionary()
    )

    @classmethod
    def of(cls, view_atlas: ViewAtlas) -> ViewPainter:
        """The painter of ``view_atlas``, made at its first use."""
        painter = cls._painters.get(view_atlas)
        if painter is None:
            painter = cls._painters[view_atlas] = cls(view_atlas)
        return painter

    def __init__(self, view_atlas: ViewAtlas) -> None:
        self.view_atlas = view_atlas
        self.view: str = view_atlas.view
        self.frame = view_frame(view_atlas)
        self.outline_path = smooth_path(view_atlas.outline)
        self._layer_paths: dict[str, list[tuple[Region, QPainterPath]]] = {}
        self._roll_paths: dict[tuple[str, str], QPainterPath] = {}
        self._free_paths: dict[tuple[str, str], QPainterPath] = {}
        self._roll_zones: RollZones | None = None

    # paths ---------------------------------------------------------------------------
    def layer_paths(self, layer: str) -> list[tuple[Region, QPainterPath]]:
        """(region, path) for every region of an atlas layer, built once."""
        if layer not in self._layer_paths:
            self._layer_paths[layer] = [
                (region, region_path(region.geometry)) for region in self.view_atlas.layer(layer)
            ]
        return self._layer_paths[layer]

    def roll_zone(self, muscle: str, side: str) -> QPainterPath:
        """Where to roll a muscle (or muscle group) on one side in this view: exactly the
        core's roll zone (its regions minus every caution zone with a margin). Empty when
        the view does not show it or when it is not rolled."""
        key = (muscle, side)
        cached = self._roll_paths.get(key)
        if cached is not None:
            return QPainterPath(cached)
        zones = self._zones()
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        sides = ("right", "left", "midline") if side == "both" else (side, "midline")
        for region_id in _region_ids(muscle):
            if not zones.is_rollable(region_id, side):
                continue
            for one_side in sides:
                zone = zones.get(self.view, region_id, one_side)
                if zone is not None and zone.rollable and not zone.geometry.is_empty:
                    path.addPath(region_path(zone.geometry))
        path = path.simplified() if not path.isEmpty() else path
        self._roll_paths[key] = path
        return QPainterPath(path)

    def _free_for_tool(self, muscle: str, side: str) -> QPainterPath:
        """The part of the muscle's roll zone on caution zones that keep out only other
        tools than its own (built once per muscle and side)."""
        key = (muscle, side)
        cached = self._free_paths.get(key)
        if cached is None:
            from bodymap.knowledge import load_knowledge

            knowledge = load_knowledge()
            tool = knowledge.muscles[muscle].technique.tool if muscle in knowledge.muscles else ""
            others = QPainterPath()
            others.setFillRule(Qt.FillRule.WindingFill)
            for region, path in self.layer_paths("caution"):
                text = knowledge.cautions.get(region.id)
                if text is not None and not text.keeps_out(tool):
                    others.addPath(path)
            zone = self.roll_zone(muscle, side)
            cached = QPainterPath() if others.isEmpty() else zone.intersected(others)
            self._free_paths[key] = cached
        return cached

    def _zones(self) -> RollZones:
        if self._roll_zones is None:
            from bodymap.advisor.rollable import RollZones
            from bodymap.knowledge import load_knowledge

            self._roll_zones = RollZones({self.view: self.view_atlas}, load_knowledge())
        return self._roll_zones

    def paint_cautions(
        self,
        painter: QPainter,
        *,
        monochrome: bool = False,
        within: QRectF | None = None,
        skip: Collection[str] = (),
    ) -> None:
        """The caution zones, hatched, clipped to the body (atlas coordinates); only those
        reaching into ``within`` when given (a close-up), and none of the ids in ``skip``
        (zones that do not apply to the tool of the step drawn)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setClipPath(self.outline_path, Qt.ClipOperation.IntersectClip)
        self._paint_cautions(painter, monochrome, within, skip)
        painter.restore()

    # painting ------------------------------------------------------------------------
    def paint(
        self,
        painter: QPainter,
        target: QRectF,
        *,
        spots: Iterable[Spot] = (),
        highlight: Highlight | tuple[str, str, Sequence[tuple[float, float]]] | None = None,
        layers: frozenset[str] = DEFAULT_LAYERS,
        labels: bool = False,
        monochrome: bool = False,
        side_marks: bool = True,
        title: str | None = None,
    ) -> None:
        """Draw the view fitted into ``target`` (aspect kept). ``spots`` are the map's
        spots in order (numbered from 1 over the whole map; only this view's are drawn).
        ``side_marks`` puts the person's R and L beside the figure; ``title`` (e.g. "Back")
        is written above the head."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.setTransform(view_transform(self.view_atlas, target), True)
        self.paint_body(painter, layers=layers, labels=labels, monochrome=monochrome)
        if highlight is not None:
            self.paint_highlight(painter, Highlight(*highlight), monochrome=monochrome)
        if side_marks:
            self.paint_side_marks(painter, monochrome=monochrome)
        if title:
            self.paint_title(painter, title, monochrome=monochrome)
        self.paint_spots(painter, spots, monochrome=monochrome)
        painter.restore()

    def paint_body(
        self,
        painter: QPainter,
        *,
        layers: frozenset[str] = DEFAULT_LAYERS,
        labels: bool = False,
        monochrome: bool = False,
    ) -> None:
        """The figure in atlas coordinates: skin, muscles, optional layers, outline."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        box = self.outline_path.boundingRect()
        if monochrome:
            body_brush = QBrush(QColor("#ffffff"))
        else:
            gradient = QLinearGradient(box.topLeft(), box.bottomLeft())
            gradient.setColorAt(0.0, palette.SKIN.lighter(103))
            gradient.setColorAt(1.0, palette.SKIN.darker(103))
            body_brush = QBrush(gradient)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(body_brush)
        painter.drawPath(self.outline_path)

        painter.save()
        painter.setClipPath(self.outline_path, Qt.ClipOperation.IntersectClip)
        if "superficial" in layers:
            self._paint_superficial(painter, "fascia" in layers, monochrome)
        elif "fascia" in layers:
            self._paint_fascia(painter, monochrome)
        if "segment" in layers:
            self._paint_segments(painter, monochrome)
        if "deep" in layers:
            self._paint_deep(painter, monochrome)
        if "caution" in layers:
            self._paint_cautions(painter, monochrome)
        painter.restore()

        edge = QColor("#000000") if monochrome else palette.SKIN_EDGE
        pen = QPen(edge, line_width(painter, 1.6, 1.0, 2.4))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.outline_path)
        if labels:
            self._paint_labels(painter, monochrome)
        painter.restore()

    def _paint_superficial(self, painter: QPainter, fascia: bool, monochrome: bool) -> None:
        tint = QColor(0, 0, 0, 10) if monochrome else palette.MUSCLE_TINT
        edge = QColor(0, 0, 0, 90) if monochrome else palette.MUSCLE_EDGE
        pen = QPen(edge, line_width(painter, 0.7, 0.5, 1.1))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        for region, path in self.layer_paths("superficial"):
            painter.setPen(Qt.PenStyle.NoPen)
            if region.kind == "fascia" and fascia:
                painter.setBrush(QColor(0, 0, 0, 28) if monochrome else palette.FASCIA_TINT)
            else:
                painter.setBrush(tint)
            painter.drawPath(path)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for _region, path in self.layer_paths("superficial"):
            painter.drawPath(path)

    def _paint_fascia(self, painter: QPainter, monochrome: bool) -> None:
        painter.setPen(QPen(palette.FASCIA_TINT.darker(160), line_width(painter, 0.7, 0.5, 1.1)))
        painter.setBrush(QColor(0, 0, 0, 28) if monochrome else palette.FASCIA_TINT)
        for region, path in self.layer_paths("superficial"):
            if region.kind == "fascia":
                painter.drawPath(path)

    def _paint_segments(self, painter: QPainter, monochrome: bool) -> None:
        colour = QColor(0, 0, 0, 110) if monochrome else QColor(90, 110, 140, 130)
        pen = QPen(colour, line_width(painter, 0.8, 0.6, 1.2), Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for _region, path in self.layer_paths("segment"):
            painter.drawPath(path)

    def _paint_deep(self, painter: QPainter, monochrome: bool) -> None:
        colour = QColor(0, 0, 0, 150) if monochrome else QColor(128, 60, 60, 150)
        pen = QPen(colour, line_width(painter, 0.9, 0.7, 1.4), Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QColor(0, 0, 0, 8) if monochrome else QColor(150, 70, 70, 14))
        for _region, path in self.layer_paths("deep"):
            painter.drawPath(path)

    def _paint_cautions(
        self,
        painter: QPainter,
        monochrome: bool,
        within: QRectF | None = None,
        skip: Collection[str] = (),
    ) -> None:
        colour = QColor(0, 0, 0, 150) if monochrome else palette.CAUTION
        for region, path in self.layer_paths("caution"):
            if region.id in skip:
                continue
            if within is not None and not path.boundingRect().intersects(within):
                continue
            hatch(painter, path, colour, 5.0)
            painter.setPen(QPen(colour, line_width(painter, 0.8, 0.6, 1.2)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)

    def _paint_labels(self, painter: QPainter, monochrome: bool) -> None:
        height = line_width(painter, 5.5, 7.0, 11.0)
        ink = QColor("#000000") if monochrome else palette.INK
        halo = QColor(255, 255, 255, 190)
        placed: list[QRectF] = []
        regions = sorted(
            self.view_atlas.layer("superficial"), key=lambda r: -float(r.geometry.area)
        )
        for region in regions:
            x0, _y0, x1, _y1 = region.geometry.bounds
            estimate = text_width(region.name, height)
            if estimate > (x1 - x0) * 1.2:
                continue
            point = region.geometry.representative_point()
            box = QRectF(0, 0, estimate + height, height * 1.8)
            box.moveCenter(QPointF(point.x, point.y))
            if any(box.intersects(other) for other in placed):
                continue
            placed.append(box)
            paint_text(painter, region.name, box.center(), height, ink, halo=halo)

    def paint_highlight(
        self, painter: QPainter, highlight: Highlight, *, monochrome: bool = False
    ) -> None:
        """Shade the muscle's roll zone and mark its trigger-point sites (atlas units)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        zone = self.roll_zone(highlight.muscle, highlight.side)
        if not zone.isEmpty():
            # a place kept from other tools only (a ball on the back of the neck) is no
            # place not to roll for this one: its hatching never shows under the shading
            free = self._free_for_tool(highlight.muscle, highlight.side)
            if not free.isEmpty():
                painter.fillPath(free, QColor("#ffffff") if monochrome else palette.SKIN)
            edge = QColor("#000000") if monochrome else palette.HIGHLIGHT_EDGE
            if monochrome:
                hatch(painter, zone, QColor(0, 0, 0, 120), 3.5)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(palette.HIGHLIGHT)
                painter.drawPath(zone)
            pen = QPen(edge, line_width(painter, 1.4, 1.2, 2.4))
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(zone)
        radius = line_width(painter, 4.5, 5.0, 9.0)
        for x, y in highlight.sites:
            paint_site_marker(painter, QPointF(x, y), radius, monochrome=monochrome)
        for x, y in highlight.no_press:
            paint_site_marker(painter, QPointF(x, y), radius, monochrome=monochrome, clear=False)
        painter.restore()

    def paint_spots(
        self,
        painter: QPainter,
        spots: Iterable[Spot | None],
        *,
        monochrome: bool = False,
        radius: float = SPOT_RADIUS,
        area_alpha: int = AREA_ALPHA,
    ) -> None:
        """Numbered markers for this view's spots (numbers count over all ``spots``; a
        None is a spot left out that keeps the others' numbers), over the translucent
        fills of painted areas (``area_alpha``, 0–255)."""
        spots = list(spots)
        for spot in spots:
            if spot is not None and spot.view == self.view:
                paint_area_fill(painter, spot, monochrome=monochrome, alpha=area_alpha)
        for number, spot in enumerate(spots, start=1):
            if spot is not None and spot.view == self.view:
                paint_spot_marker(
                    painter,
                    QPointF(spot.x, spot.y),
                    number,
                    spot.intensity,
                    radius,
                    monochrome=monochrome,
                )

    def side_mark_positions(self) -> dict[str, QPointF]:
        """Where the person's "R" and "L" go in atlas coordinates (beside the head, on the
        correct side for this view)."""
        box = self.outline_path.boundingRect()
        y = box.top() + 38.0
        left = QPointF(box.left() + 16.0, y)
        right = QPointF(box.right() - 16.0, y)
        if self.view == "front":
            return {"R": left, "L": right}
        return {"R": right, "L": left}

    def paint_side_marks(self, painter: QPainter, *, monochrome: bool = False) -> None:
        """The person's R and L beside the figure (front: R on the viewer's left)."""
        ink = QColor("#000000") if monochrome else QColor(palette.INK)
        ink.setAlpha(200)
        height = line_width(painter, 14.0, 9.0, 22.0)
        for text, point in self.side_mark_positions().items():
            paint_text(painter, text, point, height, ink, bold=True)

    def paint_title(self, painter: QPainter, title: str, *, monochrome: bool = False) -> None:
        """A caption such as "Front" centred in the band above the head."""
        ink = QColor("#000000") if monochrome else palette.INK
        box = self.outline_path.boundingRect()
        centre = QPointF(box.center().x(), box.top() - FRAME_MARGIN[1] / 2 - TITLE_BAND / 2)
        paint_text(painter, title, centre, 15.0, ink, bold=True)
