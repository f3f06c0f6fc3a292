"""Body diagrams for the guide: both views with spots and roll zones, and per-step crops.

Drawing is the canvas engineer's `ViewPainter`; this module only decides what to show:
on page 1 every advised muscle's roll zone is shaded under the numbered spots with the
caution zones hatched, and each routine step gets a close-up of the view holding that
muscle, the caution zones near it, its roll zone and its trigger-point sites highlighted
(⊕ where a finger may press, an open ring inside a zone not to press).
Everything stays vector (paths and lines, no pixmaps).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTransform

from bodymap.atlas import ViewAtlas
from bodymap.knowledge import Knowledge, Muscle, site_point
from bodymap.maps import Spot
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.painting import (
    AREA_ALPHA,
    Highlight,
    ViewPainter,
    line_width,
    view_transform,
)
from bodymap.ui.drawing.sites import press_clear, split_by_press

__all__ = ["PRINT_SPOT_RADIUS", "DiagramPainter", "resolve_sites"]

PRINT_SPOT_RADIUS = 14.0
"""Spot markers on paper, in atlas units: larger than on screen so the digit is legible."""
_CROP_PAD = 28.0
"""Atlas units of body shown around a muscle's roll zone in a step's close-up."""


def resolve_sites(
    record: Muscle, view: str, side: str, landmarks: Mapping[str, tuple[float, float]]
) -> list[tuple[float, float]]:
    """A knowledge muscle's trigger-point sites in ``view`` as atlas points.

    Sites whose landmarks the atlas lacks are skipped: a close-up without a site marker
    beats no guide at all.
    """
    points: list[tuple[float, float]] = []
    for site in record.trigger_points:
        if site.view != view:
            continue
        try:
            points.append(site_point(site, side, landmarks))
        except KeyError:
            continue
    return points


class DiagramPainter:
    """Paints whole views and step close-ups for one atlas and knowledge."""

    def __init__(
        self, atlas: Mapping[str, ViewAtlas], knowledge: Knowledge, monochrome: bool = False
    ) -> None:
        self.atlas = atlas
        self.knowledge = knowledge
        self.monochrome = monochrome
        self._painters: dict[str, ViewPainter] = {}

    def painter_for(self, view: str) -> ViewPainter:
        if view not in self._painters:
            self._painters[view] = ViewPainter.of(self.atlas[view])
        return self._painters[view]

    def sites(self, muscle: str, side: str, view: str) -> list[tuple[float, float]]:
        record = self.knowledge.muscles.get(muscle)
        if record is None:
            return []
        landmarks = dict(self.atlas[view].landmarks)
        return resolve_sites(record, view, side, landmarks)

    def shows(self, view: str, muscle: str, side: str) -> bool:
        return not self.painter_for(view).roll_zone(muscle, side).isEmpty()

    def view_for(self, muscle: str, side: str, preferred: str | None) -> str | None:
        """The view to draw a muscle in: the preferred one if it shows the muscle."""
        order = [preferred] if preferred in ("front", "back") else []
        order += [v for v in ("back", "front") if v not in order]
        for view in order:
            if view is not None and self.shows(view, muscle, side):
                return view
        return None

    def paint_view(
        self,
        painter: QPainter,
        target: QRectF,
        view: str,
        *,
        spots: Iterable[Spot],
        highlight: Sequence[tuple[str, str]] = (),
        cautions: bool = True,
        area_alpha: int = AREA_ALPHA,
    ) -> None:
        """One whole view fitted into ``target``: the caution zones hatched (unless
        ``cautions`` is False), roll zones shaded, then the numbered spots of this view only
        (numbers count over the whole map), painted areas filled at ``area_alpha`` (0–255;
        as the window fills them by default)."""
        vp = self.painter_for(view)
        painter.save()
        painter.setClipRect(target)
        painter.setTransform(view_transform(vp.view_atlas, target), True)
        vp.paint_body(painter, monochrome=self.monochrome)
        if cautions:
            vp.paint_cautions(painter, monochrome=self.monochrome)
        for muscle, side in highlight:
            vp.paint_highlight(painter, Highlight(muscle, side, ()), monochrome=self.monochrome)
        vp.paint_side_marks(painter, monochrome=self.monochrome)
        vp.paint_spots(
            painter,
            list(spots),
            monochrome=self.monochrome,
            radius=PRINT_SPOT_RADIUS,
            area_alpha=area_alpha,
        )
        painter.restore()

    def _paint_body_near(self, vp: ViewPainter, painter: QPainter, box: QRectF) -> None:
        """The figure as `ViewPainter.paint_body` draws it, but only the muscles that reach
        into ``box``: a close-up then costs a handful of paths, not the whole body, which
        keeps the PDF small and quick to write."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff") if self.monochrome else palette.SKIN)
        painter.drawPath(vp.outline_path)
        near = [
            path
            for _region, path in vp.layer_paths("superficial")
            if path.boundingRect().intersects(box)
        ]
        painter.save()
        painter.setClipPath(vp.outline_path, Qt.ClipOperation.IntersectClip)
        edge = QColor(0, 0, 0, 90) if self.monochrome else palette.MUSCLE_EDGE
        painter.setBrush(QColor(0, 0, 0, 10) if self.monochrome else palette.MUSCLE_TINT)
        pen = QPen(edge, line_width(painter, 0.7, 0.5, 1.1))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for path in near:
            painter.drawPath(path)
        painter.restore()
        outline = QPen(
            QColor("#000000") if self.monochrome else palette.SKIN_EDGE,
            line_width(painter, 1.6, 1.0, 2.4),
        )
        outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(vp.outline_path)
        painter.restore()

    def crop_box(
        self, view: str, muscle: str, side: str, sites: Sequence[tuple[float, float]]
    ) -> QRectF:
        """Atlas rectangle for a step's close-up: the roll zone and its sites, padded."""
        vp = self.painter_for(view)
        box = vp.roll_zone(muscle, side).boundingRect()
        for x, y in sites:
            box = box.united(QRectF(x - 1, y - 1, 2, 2))
        box = box.adjusted(-_CROP_PAD, -_CROP_PAD, _CROP_PAD, _CROP_PAD)
        return box

    def paint_crop(
        self,
        painter: QPainter,
        target: QRectF,
        view: str | None,
        muscle: str,
        side: str,
        sites: Sequence[tuple[str, float, float]] = (),
    ) -> str | None:
        """A close-up of ``muscle`` in ``target`` with its roll zone and trigger-point sites
        (the advisor's ``sites`` as (view, x, y), else the knowledge's); returns the view
        drawn, or None (a plain box) when no view shows the muscle."""
        chosen = self.view_for(muscle, side, view)
        painter.save()
        painter.setClipRect(target)
        if chosen is None:
            painter.fillRect(target, QColor("#f3f0ec"))
            painter.restore()
            return None
        vp = self.painter_for(chosen)
        points = [(x, y) for v, x, y in sites if v == chosen] or self.sites(muscle, side, chosen)
        box = self.crop_box(chosen, muscle, side, points)
        # Keep the target's aspect so the close-up fills the box without distortion.
        scale = min(target.width() / box.width(), target.height() / box.height())
        dx = target.center().x() - box.center().x() * scale
        dy = target.center().y() - box.center().y() * scale
        painter.setTransform(QTransform(scale, 0, 0, scale, dx, dy), True)
        self._paint_body_near(vp, painter, box)
        # a zone that keeps out only other tools (a ball or a roller on the back of the
        # neck) is not hatched in the close-up of a step worked with the fingertips there,
        # so the shading never lies on a place the picture says is never rolled
        tool = self.knowledge.muscles[muscle].technique.tool
        skip = [z.zone for z in self.knowledge.cautions.values() if not z.keeps_out(tool)]
        vp.paint_cautions(painter, monochrome=self.monochrome, within=box, skip=skip)
        # ⊕ is the press test's mark: sites in a zone not to press are open rings
        clear, no_press = split_by_press(chosen, points, press_clear(self.atlas, self.knowledge))
        vp.paint_highlight(
            painter,
            Highlight(muscle, side, clear, no_press),
            monochrome=self.monochrome,
        )
        painter.restore()
        return chosen
