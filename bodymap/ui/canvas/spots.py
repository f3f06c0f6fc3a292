"""SpotMarkers: the canvas's numbered markers for the observed map's spots, and the selection.

The markers follow the map's change notifications and update only the spot a change names;
they never change the map themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsPathItem

from bodymap.atlas import Hit
from bodymap.maps.model import Change, TriggerPointMap
from bodymap.ui.canvas.context import CanvasContext
from bodymap.ui.canvas.items import SpotItem
from bodymap.ui.document.map_observer import MapObserver
from bodymap.ui.document.selection import SpotSelection
from bodymap.ui.drawing import palette
from bodymap.ui.drawing.plain_text import plain_tooltip
from bodymap.ui.drawing.region_paths import region_path
from bodymap.words import spot_tooltip_text

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from bodymap.maps import Spot

__all__ = ["Z_AREA", "SpotMarkers", "area_shape"]

Z_AREA = 3.5
"""Painted areas lie over the body and the highlight, under trigger-point sites and spots."""
AREA_ALPHA = 96


def area_shape(spot: Spot) -> BaseGeometry | None:
    """A spot's painted area as a shapely geometry, or None for a point spot."""
    return None if spot.area is None else spot.area.shape


class SpotMarkers:
    """One `SpotItem` per spot of the map that lies in a shown view; which one is selected."""

    def __init__(self, canvas: CanvasContext, selection: SpotSelection) -> None:
        self._canvas = canvas
        self._selection = selection
        self._observer = MapObserver(self._on_change)
        self._items: dict[str, SpotItem] = {}
        self._area_items: dict[str, QGraphicsPathItem] = {}
        self._hits: dict[str, Hit] = {}
        """Where each marked spot lies (for its tooltip), kept while it has a marker."""
        self._drawn = ""
        """The spot drawn as selected (follows the selection)."""
        selection.changed.connect(self._draw_selection)

    @property
    def selected(self) -> str:
        """The selected spot's id, or "" (the document's selection)."""
        return self._selection.current

    @property
    def map(self) -> TriggerPointMap | None:
        return self._observer.map

    def selected_place(self) -> tuple[str, float, float] | None:
        """Where the selected spot is, (view, x, y) in a shown view, else None: where the
        keyboard cursor starts, so Ctrl+arrows go on from the spot chosen in the list."""
        tpm = self.map
        spot_id = self.selected
        if tpm is None or not spot_id or not tpm.has_spot(spot_id):
            return None
        spot = tpm.spot_by_id(spot_id)
        if spot.view not in self._canvas.layout.views:
            return None
        return spot.view, spot.x, spot.y

    def set_map(self, tpm: TriggerPointMap | None) -> None:
        """Observe ``tpm`` (and stop observing the previous map); nothing is selected."""
        self._observer.observe(tpm)
        self._selection.select("")
        self.rebuild()

    def item(self, spot_id: str) -> SpotItem | None:
        return self._items.get(spot_id)

    def items(self) -> list[SpotItem]:
        return list(self._items.values())

    def area_item(self, spot_id: str) -> QGraphicsPathItem | None:
        """The translucent fill of a spot's painted area, if it has one in a shown view."""
        return self._area_items.get(spot_id)

    def areas(self) -> list[tuple[str, str, BaseGeometry]]:
        """The map's painted areas as (spot id, view, shapely shape), in the map's order."""
        if self.map is None:
            return []
        found = [(s.id, s.view, area_shape(s)) for s in self.map.spots]
        return [entry for entry in found if entry[2] is not None]

    def _drop_area(self, spot_id: str) -> None:
        item = self._area_items.pop(spot_id, None)
        if item is not None:
            self._canvas.layout.scene.removeItem(item)

    def _sync_area(self, spot: Spot) -> None:
        shape = area_shape(spot)
        if shape is None or spot.view not in self._canvas.layout.views:
            self._drop_area(spot.id)
            return
        item = self._area_items.get(spot.id)
        if item is None:
            item = QGraphicsPathItem()
            item.setZValue(Z_AREA)
            self._canvas.layout.scene.addItem(item)
            self._area_items[spot.id] = item
        colour = palette.intensity_colour(spot.intensity)
        outline = colour.darker(130)
        colour.setAlpha(AREA_ALPHA)
        item.setBrush(colour)
        item.setPen(QPen(outline, 0))
        item.setPath(region_path(shape))
        item.setPos(self._canvas.layout.view_offset(spot.view), 0)

    def ordered_ids(self) -> list[str]:
        """The shown spots' ids in the map's order (the order Tab walks)."""
        if self.map is None:
            return []
        return [s.id for s in self.map.spots if s.id in self._items]

    def select(self, spot_id: str) -> None:
        """Select a spot (or none with ""); an id the map does not hold selects none."""
        if spot_id and (self.map is None or not self.map.has_spot(spot_id)):
            spot_id = ""
        self._selection.select(spot_id)

    def _draw_selection(self, spot_id: str) -> None:
        """Draw the selection's marker as selected (and the previous one as not)."""
        old = self._items.get(self._drawn)
        self._drawn = spot_id
        if old is not None:
            old.set_look(old.number, old.intensity, False)
        item = self._items.get(spot_id)
        if item is not None:
            item.set_look(item.number, item.intensity, True)
            self._canvas.view.ensureVisible(item, 40, 40)  # scroll the selected spot into view

    def _on_change(self, change: Change) -> None:
        tpm = self.map
        if tpm is None or change.kind in ("checked_in", "renamed"):
            return
        if change.kind in ("reset",) or change.spot_id is None:
            self.rebuild()
            return
        if change.kind == "removed":
            self._drop_area(change.spot_id)
            item = self._items.pop(change.spot_id, None)
            self._hits.pop(change.spot_id, None)
            if item is not None:
                self._canvas.layout.scene.removeItem(item)
            if change.spot_id == self.selected:
                self._selection.forget(change.spot_id)
            self._renumber()
            return
        if tpm.has_spot(change.spot_id):
            self._sync(tpm.index_of(change.spot_id))
            if change.kind == "added":
                self._renumber()

    def rebuild(self) -> None:
        """Drop every marker and make them again from the map (after a reset or new views)."""
        for item in self._items.values():
            self._canvas.layout.scene.removeItem(item)
        self._items.clear()
        self._hits.clear()
        for spot_id in list(self._area_items):
            self._drop_area(spot_id)
        if self.map is None:
            return
        if self.selected and not self.map.has_spot(self.selected):
            self._selection.select("")
        self._drawn = self.selected
        for index in range(len(self.map.spots)):
            self._sync(index)

    def restore(self, spot_id: str) -> None:
        """Put a marker back where the map says (the map's change moves it for real)."""
        if self.map is not None and self.map.has_spot(spot_id):
            self._sync(self.map.index_of(spot_id))

    def _sync(self, index: int) -> None:
        assert self.map is not None
        spot = self.map.spots[index]
        scene = self._canvas.layout.scene
        self._sync_area(spot)
        item = self._items.get(spot.id)
        if spot.view not in self._canvas.layout.views:
            if item is not None:
                scene.removeItem(item)
                del self._items[spot.id]
                self._hits.pop(spot.id, None)
            return
        if item is None or item.view != spot.view:
            if item is not None:
                scene.removeItem(item)
            item = SpotItem(spot.id, spot.view)
            scene.addItem(item)
            self._items[spot.id] = item
        item.setPos(self._canvas.layout.scene_point(spot.view, spot.x, spot.y))
        item.set_look(index + 1, spot.intensity, spot.id == self.selected)
        view_atlas = self._canvas.atlas[spot.view]
        self._hits[spot.id] = view_atlas.locate_spot(spot.x, spot.y, area_shape(spot))
        self._describe(item, spot)

    def _describe(self, item: SpotItem, spot: Spot) -> None:
        """The marker's tooltip: what the spot list says of the spot, the note shortened."""
        text = spot_tooltip_text(
            item.number, self._hits[spot.id], spot.side, area_shape(spot) is not None,
            spot.intensity, spot.kind, spot.note,
        )  # fmt: skip
        item.setToolTip(plain_tooltip(text, heading=True))

    def _renumber(self) -> None:
        if self.map is None:
            return
        for index, spot in enumerate(self.map.spots):
            item = self._items.get(spot.id)
            if item is not None:
                renumbered = item.number != index + 1
                item.set_look(index + 1, spot.intensity, spot.id == self.selected)
                if renumbered:
                    self._describe(item, spot)  # "Spot 3" became spot 2
