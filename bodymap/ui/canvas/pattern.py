"""PatternLayer: one muscle's referral pattern drawn over the canvas, for the muscle browser.

On each shown view: the essential referral zone (strong red), the spillover zone (light
red), the muscle's outline, its roll zone (shaded blue as in the legend: the advisor's roll
zone, what the routine rolls; none for a record that says not to roll) and its
trigger-point sites (⊕ where a finger may press, an open ring inside a zone not to press).
A muscle the map's advice holds for a clinician's word shows its referral zones and outline
only: no roll zone and no sites, as nothing there is to be rolled or pressed until then.
The geometry is the core's
(`bodymap.knowledge.catalogue.muscle_geometry`), so the browser, ``bodymap muscle ID`` and
the routine agree on what is drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import QGraphicsPathItem
from shapely.geometry import shape

from bodymap.advisor.tables import tables_for
from bodymap.atlas import ViewAtlas
from bodymap.knowledge import Knowledge, load_knowledge, muscle_geometry
from bodymap.ui.canvas.layout import SceneLayout
from bodymap.ui.canvas.muscle_layer import MuscleLayer
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.region_paths import region_path
from bodymap.ui.drawing.sites import press_clear

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = ["PATTERN_KINDS", "PatternLayer", "PatternZoneItem"]

PATTERN_KINDS = ("spillover", "essential", "region", "roll_zone")
"""The zones drawn, bottom to top."""

ESSENTIAL = palette.PATTERN_ESSENTIAL
SPILLOVER = palette.PATTERN_SPILLOVER
OUTLINE = palette.PATTERN_OUTLINE
_Z = {"spillover": 2.1, "essential": 2.2, "region": 2.3, "roll_zone": 2.4}


def _look(kind: str) -> tuple[QPen, QBrush]:
    if kind == "essential":
        return QPen(Qt.PenStyle.NoPen), QBrush(ESSENTIAL)
    if kind == "spillover":
        return QPen(Qt.PenStyle.NoPen), QBrush(SPILLOVER)
    if kind == "roll_zone":  # shaded like the selected source's roll zone (the legend's)
        pen = QPen(palette.HIGHLIGHT_EDGE, 1.5)
        pen.setCosmetic(True)
        return pen, QBrush(palette.HIGHLIGHT)
    pen = QPen(OUTLINE, 1.2, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    return pen, QBrush(Qt.BrushStyle.NoBrush)


class PatternZoneItem(QGraphicsPathItem):
    """One zone of the pattern in one view (``kind`` is one of :data:`PATTERN_KINDS`)."""

    def __init__(self, view: str, kind: str, geometry: BaseGeometry) -> None:
        super().__init__(region_path(geometry))
        self.view = view
        self.kind = kind
        self.geometry = geometry
        """The shapely geometry drawn, in atlas units of ``view``."""
        pen, brush = _look(kind)
        self.setPen(pen)
        self.setBrush(brush)
        self.setZValue(_Z[kind])
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)


class PatternLayer(MuscleLayer):
    """The items that draw one (muscle, side) pattern, or none."""

    def __init__(
        self,
        layout: SceneLayout,
        atlas: Mapping[str, ViewAtlas],
        knowledge: Knowledge | None = None,
    ) -> None:
        super().__init__(layout, atlas)
        self._knowledge = knowledge
        self._zones: dict[str, BaseGeometry] = {}
        self.held = False
        """The muscle is held for a clinician's word: drawn without roll zone and sites."""

    def set(self, muscle: str | None, side: str | None, *, held: bool = False) -> None:
        """Show ``muscle``'s pattern on ``side`` (right or left); ``None`` clears. A
        ``held`` muscle is drawn without its roll zone and trigger-point sites."""
        self.held = bool(muscle) and held
        knowledge = self._knowledge or load_knowledge()
        if muscle and muscle not in knowledge.muscles:
            raise ValueError(f"unknown muscle {muscle!r}")
        side = side if side in ("right", "left") else "right"
        self.value = (muscle, side) if muscle else None
        self._zones = {}
        if muscle:
            tables = tables_for(self._atlas, knowledge)
            zones = tables.roll_zones
            self._clear = press_clear(self._atlas, knowledge, muscle)
            record = knowledge.muscles[muscle]
            self._zones = muscle_geometry(record, self._atlas, zones.rollable_geometry)
        self.rebuild()

    def _draw(self, muscle: str, side: str) -> None:
        for view in self._layout.views:
            zones = self._zones["zones"].get(view, {}).get(side, {})
            for kind in PATTERN_KINDS:
                data = zones.get(kind)
                if data is not None and not (self.held and kind == "roll_zone"):
                    self._place(PatternZoneItem(view, kind, shape(data)), view)
            if not self.held:
                self._place_sites(view, self._zones["sites"].get(view, {}).get(side, ()))
