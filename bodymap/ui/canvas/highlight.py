"""HighlightLayer: a muscle's roll zone and trigger-point sites drawn over the canvas.

Chosen from the advice panel, the highlight shows where to roll a likely source in every
shown view that has it; it is rebuilt whenever the shown views change.
"""

from __future__ import annotations

from collections.abc import Mapping

from bodymap.atlas import ViewAtlas
from bodymap.ui.canvas.items import HighlightItem
from bodymap.ui.canvas.layout import SceneLayout
from bodymap.ui.canvas.muscle_layer import MuscleLayer
from bodymap.ui.drawing.painting import ViewPainter
from bodymap.ui.drawing.sites import press_clear, trigger_point_sites

__all__ = ["HighlightLayer"]


class HighlightLayer(MuscleLayer):
    """The items that draw one (muscle, side) highlight, or none."""

    def __init__(
        self,
        layout: SceneLayout,
        atlas: Mapping[str, ViewAtlas],
        painters: Mapping[str, ViewPainter],
    ) -> None:
        super().__init__(layout, atlas)
        self._painters = painters
        self.press_site: tuple[str, float, float] | None = None
        """The one site marked for a press test (view, x, y); None marks every site."""

    def set(
        self,
        muscle: str | None,
        side: str | None,
        press_site: tuple[str, float, float] | None = None,
    ) -> None:
        """Highlight ``muscle`` on ``side`` (no side: midline); ``None`` clears. With a
        ``press_site`` only that trigger-point site is marked (a press test's ⊕)."""
        value = (muscle, side or "midline") if muscle else None
        press_site = press_site if muscle else None
        if (value, press_site) == (self.value, self.press_site):
            return  # drawn already (a click chooses a source as the row becomes current)
        self.value, self.press_site = value, press_site
        self.rebuild()

    def _draw(self, muscle: str, side: str) -> None:
        if self.press_site is not None:
            view, x, y = self.press_site
            sites = {view: [(x, y)]}
        else:
            sites = trigger_point_sites(muscle, side, self._atlas)
        self._clear = press_clear(self._atlas, muscle=muscle)
        for view in self._layout.views:
            zone = HighlightItem(self._painters[view], muscle, side)
            if not zone.zone.isEmpty():
                self._place(zone, view)
            self._place_sites(view, sites.get(view, ()), on_top=self.press_site is not None)
