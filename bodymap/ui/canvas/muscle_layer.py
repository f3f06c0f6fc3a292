"""MuscleLayer: what the highlight and the pattern layers share.

Each draws one (muscle, side) over the canvas, or nothing, as items it keeps so that it
can take them out again; each is drawn again whenever the shown views change; and each
marks the muscle's trigger-point sites by the same rule (⊕ where a finger may press, an
open ring inside a zone not to press). Those steps stand here once; what a layer draws
for the muscle stands in its own `_draw`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QGraphicsItem

from bodymap.atlas import ViewAtlas
from bodymap.ui.canvas.items import Z_SPOT, SiteItem
from bodymap.ui.canvas.layout import SceneLayout
from bodymap.ui.drawing.sites import PressClear

__all__ = ["MuscleLayer"]


class MuscleLayer:
    """The items that draw one (muscle, side), or none."""

    def __init__(self, layout: SceneLayout, atlas: Mapping[str, ViewAtlas]) -> None:
        self._layout = layout
        self._atlas = atlas
        self.value: tuple[str, str] | None = None
        """(muscle, side) drawn, or None."""
        self.items: list[QGraphicsItem] = []
        """The items drawing it now."""
        self._clear: PressClear | None = None
        """Whether a finger may press a site (view, x, y); None: every site may be pressed."""
        self.hidden = False
        """Whether the layer's items are kept out of sight (while another layer is shown)."""

    def set_hidden(self, hidden: bool) -> None:
        """Keep the items out of sight (still drawn again when the views change), or show
        them again."""
        self.hidden = hidden
        for item in self.items:
            item.setVisible(not hidden)

    def rebuild(self) -> None:
        """Draw the layer again for the views now shown."""
        self._layout.clear(self.items)
        if self.value is not None:
            self._draw(*self.value)

    def _draw(self, muscle: str, side: str) -> None:
        """Place the items for ``muscle`` on ``side`` in every shown view (see `_place`)."""
        raise NotImplementedError

    def _place(self, item: QGraphicsItem, view: str, at: tuple[float, float] | None = None) -> None:
        """Add ``item`` to the scene in ``view`` (see `SceneLayout.place`) and keep it."""
        item.setVisible(not self.hidden)
        self.items.append(self._layout.place(item, view, at))

    def _place_sites(
        self, view: str, sites: Iterable[tuple[float, float]], on_top: bool = False
    ) -> None:
        """Mark trigger-point sites of ``view``: ⊕ where a finger may press, an open ring
        where `_clear` puts the site inside a zone not to press. ``on_top``: above the spot
        discs (the one point a press test asks to press, often right under the spot)."""
        for x, y in sites:
            clear = self._clear is None or self._clear(view, x, y)
            item = SiteItem(view, x, y, clear=clear)
            if on_top:
                item.setZValue(Z_SPOT + 2)
            self._place(item, view, (x, y))
