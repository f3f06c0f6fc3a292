"""HighlightLayer: a muscle's roll zone and trigger-point sites drawn over the canvas.

Chosen from the advice panel, the highlight shows where to roll a likely source in every
shown view that has it; it is rebuilt whenever the shown views change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bodymap.ui.canvas.items import HighlightItem, SiteItem
from bodymap.ui.drawing.painting import ViewPainter
from bodymap.ui.drawing.sites import trigger_point_sites

if TYPE_CHECKING:
    from bodymap.ui.canvas.body_canvas import BodyCanvas

__all__ = ["HighlightLayer"]


class HighlightLayer:
    """The items that draw one (muscle, side) highlight, or none."""

    def __init__(self, canvas: BodyCanvas, atlas: Any, painters: dict[str, ViewPainter]) -> None:
        self._canvas = canvas
        self._atlas = atlas
        self._painters = painters
        self.value: tuple[str, str] | None = None
        """(muscle, side) highlighted, or None."""
        self.items: list[Any] = []
        """The items currently drawing the highlight (zones and sites)."""

    def set(self, muscle: str | None, side: str | None) -> None:
        """Highlight ``muscle`` on ``side`` (no side: midline); ``None`` clears."""
        self.value = (muscle, side or "midline") if muscle else None
        self.rebuild()

    def rebuild(self) -> None:
        """Draw the highlight again for the views now shown."""
        scene = self._canvas.scene()
        for item in self.items:
            scene.removeItem(item)
        self.items = []
        if self.value is None:
            return
        muscle, side = self.value
        sites = trigger_point_sites(muscle, side, self._atlas)
        for view in self._canvas.views:
            zone = HighlightItem(self._painters[view], muscle, side)
            if not zone.zone.isEmpty():
                zone.setPos(self._canvas.view_offset(view), 0)
                scene.addItem(zone)
                self.items.append(zone)
            for x, y in sites.get(view, ()):
                site = SiteItem(view, x, y)
                site.setPos(self._canvas.scene_point(view, x, y))
                scene.addItem(site)
                self.items.append(site)
