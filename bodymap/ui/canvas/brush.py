"""The Paint tool: a round brush that paints pain areas on a view, and its eraser.

While the mouse moves, the stroke is only drawn (a wide round-capped path: cheap, one path
segment per event); on release the stroke becomes a shape once — the brush's track widened
by its radius, clipped to the body outline of that view — and leaves as one request, so a
stroke is one undo step. Strokes made while an area of the same view is selected merge
into it (a *stroke group*); with no area selected a stroke starts a new area. The eraser
(E, or a right-drag) takes the stroke away from the selected area where it touches it, else
from the topmost area it touches.

The brush never changes the map: it reads the observed map's areas and emits
``paint(view, spot_id, shape)`` — ``spot_id`` "" for a new area, ``shape`` None when the
eraser took the whole area away.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsPathItem

from bodymap.knowledge import load_knowledge
from bodymap.ui.canvas.context import CanvasContext
from bodymap.ui.canvas.nav import LIMBS

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from bodymap.atlas import Hit, ViewAtlas

__all__ = [
    "MAX_RADIUS",
    "MAX_VERTICES",
    "MIN_RADIUS",
    "OFF_BODY",
    "ONE_VIEW",
    "BrushInput",
    "apply_stroke",
    "fit_vertices",
    "stroke_shape",
    "within_reach",
]

MIN_RADIUS, MAX_RADIUS, DEFAULT_RADIUS = 3.0, 60.0, 12.0
"""Brush radius in atlas units (the figure is 1000 tall: 12 is about 2 cm)."""
RADIUS_STEP = 1.25
MAX_VERTICES = 2000
"""An area holds at most this many positions (the map format's limit)."""
_MIN_STEP = 1.0
"""Mouse moves shorter than this (atlas units) add no point to the stroke."""
Z_BRUSH = 9
PAINT_COLOUR = QColor(214, 69, 65, 110)
ERASE_COLOUR = QColor(90, 90, 90, 90)

OFF_BODY = "Nothing painted: the stroke was off the body. Paint over the body diagram."
"""Said in the status line for a stroke that missed the body (it keeps nothing)."""


ONE_VIEW = (
    "Painted on the {view} view only: a stroke stays on the view it starts on. "
    "Start another stroke on the {other} view."
)
"""Said in the status line for a stroke that ran into the other view (that part is not
painted: an area lies on one view)."""


def stroke_shape(runs: Sequence[Sequence[tuple[float, float]]], radius: float) -> BaseGeometry:
    """The brush's track: each run of points a polyline widened by ``radius`` (round ends).
    A stroke that left its view and came back is two runs, not joined across the gap."""
    parts = [
        shapely.Point(run[0]).buffer(radius, quad_segs=8)
        if len(run) == 1
        else shapely.LineString(run).buffer(radius, quad_segs=8)
        for run in runs
    ]
    return parts[0] if len(parts) == 1 else shapely.union_all(parts)


def fit_vertices(shape: BaseGeometry, limit: int = MAX_VERTICES) -> BaseGeometry:
    """``shape`` simplified until it has at most ``limit`` positions (it stays valid)."""
    tolerance = 0.25
    while shapely.get_num_coordinates(shape) > limit and tolerance < 64:
        shape = shapely.simplify(shape, tolerance, preserve_topology=True)
        tolerance *= 2
    return shape


SLIVER_SHARE = 0.15
"""An eraser stroke of radius r also takes away a piece it leaves narrower than
``2 × SLIVER_SHARE × r`` (at least 2 units) where the area was wider: the thin crescent an
eraser's edge leaves along an area's border, which looks like a stray mark and would still
count as part of the area. Paint that was that thin to begin with (a line drawn with a small
brush) is never taken for one."""


def _polygons(shape: BaseGeometry | None) -> BaseGeometry | None:
    """Only the polygon parts of a shape (a cut may leave lines and points), or None."""
    if shape is None or shape.is_empty:
        return None
    parts = [g for g in shapely.get_parts(shape) if g.geom_type in ("Polygon", "MultiPolygon")]
    parts = [p for p in parts if p.area > 1.0]
    if not parts:
        return None
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


def _without_slivers(cut: BaseGeometry, base: BaseGeometry, sliver: float) -> BaseGeometry:
    """``cut`` (what an eraser left of ``base``) less the pieces narrower than twice
    ``sliver`` that lie mostly where ``base`` was wider than that."""
    wide = shapely.buffer(shapely.buffer(base, -sliver), sliver)  # base's wider parts
    kept = []
    for part in shapely.get_parts(cut):
        thin = shapely.buffer(part, -sliver).is_empty
        if thin and shapely.intersection(part, wide).area >= 0.5 * part.area:
            continue
        kept.append(part)
    return shapely.union_all(kept) if kept else shapely.Polygon()


def _limb_of(hit: Hit, part_of: Mapping[str, str]) -> str | None:
    """The limb (`LIMBS`) a hit lies on with its side ("leg right"), "" on the trunk or the
    head, None off the body."""
    if not hit.inside:
        return None
    for segment in hit.segments:
        limb = part_of.get(segment.id, "")
        if limb in LIMBS:
            return f"{limb} {segment.side}"
    return ""


def within_reach(
    painted: BaseGeometry,
    runs: Sequence[Sequence[tuple[float, float]]],
    view_atlas: ViewAtlas,
    part_of: Mapping[str, str],
) -> BaseGeometry:
    """The paint a stroke meant: the pieces of ``painted`` (the brush's track clipped to
    the body) that its track runs over, and the pieces on a limb it runs over (the fingers
    beside the one under the brush), not a piece of another limb, of the same limb of the
    other side or of the trunk that the brush's edge reaches across a gap in the outline: a
    wide brush along the outer thigh also painted the hand hanging beside it, whose warnings
    then came with the area, and a wide brush on one calf can leave a sliver of the other
    calf, which would make the area both legs."""
    pieces = list(shapely.get_parts(painted))
    if len(pieces) <= 1:
        return painted
    track = shapely.union_all(
        [shapely.LineString(run) if len(run) > 1 else shapely.Point(run[0]) for run in runs]
    )
    xs, ys = zip(*(point for run in runs for point in run), strict=True)
    limbs = {_limb_of(hit, part_of) for hit in view_atlas.locate_many(xs, ys)} - {None}
    if not limbs:
        return painted  # the track never lies on the body: nothing to tell pieces apart by
    inner = [piece.representative_point() for piece in pieces]
    hits = view_atlas.locate_many([p.x for p in inner], [p.y for p in inner])
    kept = [
        piece
        for piece, hit in zip(pieces, hits, strict=True)
        if shapely.intersects(piece, track) or _limb_of(hit, part_of) in limbs
    ]
    return shapely.union_all(kept) if kept else painted


def apply_stroke(
    base: BaseGeometry | None,
    stroke: BaseGeometry,
    outline: BaseGeometry,
    erase: bool,
    radius: float = 0.0,
) -> BaseGeometry | None:
    """The area after a stroke: ``base`` (or None) with ``stroke`` added inside
    ``outline``, or taken away; None if nothing is left. Coordinates are rounded to 0.1.
    An eraser of ``radius`` also takes the slivers it leaves (:data:`SLIVER_SHARE`)."""
    if erase:
        result = None if base is None else shapely.difference(base, stroke)
        if result is not None and base is not None:
            result = _without_slivers(result, base, max(1.0, SLIVER_SHARE * radius))
    else:
        painted = shapely.intersection(stroke, outline)
        result = painted if base is None else shapely.union(base, painted)
    result = _polygons(result)
    if result is None:
        return None
    result = _polygons(shapely.make_valid(shapely.set_precision(result, 0.1)))
    return None if result is None else fit_vertices(result)


class BrushInput:
    """The Paint tool's mouse handling (see module). Handlers return False for events it
    leaves to the canvas."""

    def __init__(
        self,
        canvas: CanvasContext,
        areas: Callable[[], list[tuple[str, str, BaseGeometry]]],
        selected: Callable[[], str],
    ) -> None:
        """``areas()`` gives the map's areas as (spot id, view, shape), ``selected()`` the
        selected spot's id."""
        self._canvas = canvas
        self._areas = areas
        self._selected = selected
        self.radius = DEFAULT_RADIUS
        self.eraser = False
        self._stroke_view: str | None = None
        self._erasing = False
        self._runs: list[list[tuple[float, float]]] = []
        """The stroke's points, a new run each time it comes back into its view."""
        self._away = False
        """Whether the pointer is beyond its view now (the next point starts a run)."""
        self._strayed = False
        """Whether the stroke ran into the other view (or beside it) at some point."""
        self._path = QPainterPath()
        self.preview = QGraphicsPathItem()
        self.preview.setZValue(Z_BRUSH)
        self.preview.setVisible(False)
        self.ring = QGraphicsEllipseItem()
        self.ring.setZValue(Z_BRUSH + 1)
        self.ring.setPen(QPen(QColor(40, 40, 40, 180), 0))
        self.ring.setVisible(False)

    # -- size ------------------------------------------------------------------------------
    def set_radius(self, radius: float) -> None:
        self.radius = min(MAX_RADIUS, max(MIN_RADIUS, float(radius)))
        self._place_ring(self.ring.rect().center() if self.ring.isVisible() else None)

    def grow(self) -> None:
        self.set_radius(self.radius * RADIUS_STEP)

    def shrink(self) -> None:
        self.set_radius(self.radius / RADIUS_STEP)

    def _place_ring(self, centre: QPointF | None) -> None:
        if centre is None:
            self.ring.setVisible(False)
            return
        r = self.radius
        self.ring.setRect(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
        self.ring.setVisible(True)

    def hide(self) -> None:
        """Hide the brush's ring and any unfinished stroke (the tool was put away)."""
        self.ring.setVisible(False)
        self.preview.setVisible(False)
        self._stroke_view = None

    @property
    def painting(self) -> bool:
        """True while a stroke is under way."""
        return self._stroke_view is not None

    # -- mouse -----------------------------------------------------------------------------
    def press(self, event: QMouseEvent) -> bool:
        button = event.button()
        if button not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            return False
        scene = self._canvas.view.mapToScene(event.position().toPoint())
        where = self._canvas.layout.atlas_point(scene)
        event.accept()
        if where is None:  # beside both diagrams
            self._canvas.requests.hovered.emit(OFF_BODY)
            return True
        self._canvas.view.setFocus(Qt.FocusReason.MouseFocusReason)
        self._stroke_view = where[0]
        self._erasing = self.eraser or button == Qt.MouseButton.RightButton
        self._runs = [[(where[1], where[2])]]
        self._away = self._strayed = False
        self._path = QPainterPath(scene)
        self._path.lineTo(scene)
        colour = ERASE_COLOUR if self._erasing else PAINT_COLOUR
        pen = QPen(colour, 2 * self.radius)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.preview.setPen(pen)
        self.preview.setPath(self._path)
        self.preview.setVisible(True)
        return True

    def move(self, event: QMouseEvent) -> bool:
        scene = self._canvas.view.mapToScene(event.position().toPoint())
        self._place_ring(scene)
        view = self._stroke_view
        if view is None:
            return False
        offset = self._canvas.layout.view_offset(view)
        rect = self._canvas.layout.view_rect(view)
        r = self.radius
        if not rect.adjusted(-r, -r, r, r).contains(scene):
            # into the other view or far beside this one: nothing is painted there (it
            # used to be pressed onto the view's edge, painting an arm it never crossed)
            self._away = self._strayed = True
            return True
        x = min(max(scene.x(), rect.left()), rect.right()) - offset
        y = min(max(scene.y(), rect.top()), rect.bottom())
        if self._away:  # back in its view: a new run, not a line across the gap
            self._away = False
            self._runs.append([(x, y)])
            self._path.moveTo(x + offset, y)
            self._path.lineTo(x + offset, y)
            self.preview.setPath(self._path)
            return True
        last = self._runs[-1][-1]
        if abs(x - last[0]) + abs(y - last[1]) < _MIN_STEP:
            return True
        self._runs[-1].append((x, y))
        self._path.lineTo(x + offset, y)
        self.preview.setPath(self._path)
        return True

    def release(self, event: QMouseEvent) -> bool:
        if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            return False
        view, self._stroke_view = self._stroke_view, None
        self.preview.setVisible(False)
        event.accept()
        if view is None:
            return True
        if self.finish(view, self._runs, self._erasing) and self._strayed and not self._erasing:
            other = next((v for v in self._canvas.atlas if v != view), view)
            self._canvas.requests.hovered.emit(ONE_VIEW.format(view=view, other=other))
        return True

    def add_shape(self, view: str, shape: BaseGeometry) -> None:
        """Add a whole shape (the keyboard cursor's region) to the selected area, or start
        an area with it: the keyboard's way to paint."""
        spot_id, base = self._target(view, shape, erase=False)
        result = apply_stroke(base, shape, self._canvas.atlas[view].outline, erase=False)
        if result is not None and (base is None or not result.equals(base)):
            self._canvas.requests.paint.emit(view, spot_id, result)

    # -- the stroke as an area --------------------------------------------------------------
    def finish(self, view: str, runs: Sequence[Sequence[tuple[float, float]]], erase: bool) -> bool:
        """Turn a finished stroke into a request; False if it changes nothing."""
        stroke = stroke_shape(runs, self.radius)
        spot_id, base = self._target(view, stroke, erase)
        if erase and base is None:
            return False
        va = self._canvas.atlas[view]
        if not erase:
            painted = shapely.intersection(stroke, va.outline)
            stroke = within_reach(painted, runs, va, load_knowledge().part_of)
        result = apply_stroke(base, stroke, va.outline, erase, self.radius)
        if result is None and base is None:  # painted off the body: nothing to add
            self._canvas.requests.hovered.emit(OFF_BODY)
            return False
        if result is not None and base is not None and result.equals(base):
            return False
        self._canvas.requests.paint.emit(view, spot_id, result)
        return True

    def _target(
        self, view: str, stroke: BaseGeometry, erase: bool
    ) -> tuple[str, BaseGeometry | None]:
        """The area a stroke goes into: the selected area of this view (the stroke group);
        for the eraser the selected area if the stroke touches it, else the topmost area it
        touches (erasing over another area erased nothing, and said nothing)."""
        areas = [(sid, shape) for sid, v, shape in self._areas() if v == view]
        selected = self._selected()
        if erase:
            touched = [(sid, shape) for sid, shape in areas if shapely.intersects(shape, stroke)]
            for sid, shape in touched:
                if sid == selected:
                    return sid, shape
            return touched[-1] if touched else ("", None)
        for sid, shape in areas:
            if sid == selected:
                return sid, shape
        return "", None
