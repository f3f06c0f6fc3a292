"""The canvas's keyboard: a cursor that walks the body region by region, and the keys that
select, nudge, edit, remove and add spots, so everything the mouse does works without one.

The keys only emit the canvas's request signals; the map is changed by the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from bodymap.atlas import Region
from bodymap.ui.canvas import nav as canvas_nav
from bodymap.ui.canvas.context import CanvasContext
from bodymap.ui.canvas.hit_text import NOT_ON_BODY, VIEW_TITLES, describe_hit
from bodymap.ui.canvas.items import FocusRingItem
from bodymap.ui.canvas.spots import SpotMarkers
from bodymap.ui.canvas.zoom import ViewZoom
from bodymap.ui.drawing.painting import region_path

__all__ = ["ARROWS", "DIAGRAM_KEYS", "TYPING_HINT", "KeyboardInput", "RegionCursor"]

NUDGE, BIG_NUDGE = 2.0, 10.0
ARROWS: dict[int, str] = {
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
}

TYPING_HINT = (
    "Typing does nothing on the diagram: press Return to edit the selected spot "
    "(Tab to its note), or click the Note box."
)
"""Said in the status line when letters reach the diagram (the Note box takes them)."""

DIAGRAM_KEYS = (
    ("Ctrl+Arrows, Alt+Arrows", "walk the body region by region"),
    ("Arrows", "walk regions; with a spot selected, nudge it (Shift: further)"),
    ("Insert", "add a spot in the region under the cursor (Paint: add the region to the area)"),
    ("Tab, Shift+Tab", "select the next or previous spot"),
    ("Return", "edit the selected spot"),
    ("Delete, Backspace", "delete the selected spot"),
    ("Escape", "unselect the spot"),
    ("+, -, 0", "zoom in, zoom out, fit"),
    ("Space+drag", "pan the diagrams"),
)
"""The keys `KeyboardInput.press` handles while the diagram has the focus, for Help."""


class RegionCursor:
    """The keyboard cursor over regions, drawn as a dashed focus ring; Insert marks there."""

    def __init__(
        self,
        canvas: CanvasContext,
        selected_place: Callable[[], tuple[str, float, float] | None] = lambda: None,
    ) -> None:
        """``selected_place``: where the selected spot is (view, x, y), where the cursor's
        first press starts rather than at the top of the chest or back."""
        self._canvas = canvas
        self._selected_place = selected_place
        self.ring = FocusRingItem()
        self.ring.setVisible(False)
        self.region: tuple[str, Region] | None = None
        """(view, region) under the cursor, or None."""

    def set(self, cursor: tuple[str, Region] | None) -> None:
        """Put the cursor on (view, region), announce the region and scroll to it."""
        self.region = cursor
        if cursor is None:
            self.ring.setVisible(False)
            return
        canvas = self._canvas.view
        view, region = cursor
        self.ring.setPath(region_path(region.geometry))
        self.ring.setPos(self._canvas.layout.view_offset(view), 0)
        self.ring.setVisible(True)
        x, y = canvas_nav.region_anchor(region)
        text = describe_hit(self._canvas.atlas[view].locate(x, y))
        canvas.setAccessibleDescription(f"{VIEW_TITLES[view]} view: {text}")
        canvas.viewport().setToolTip(text)
        self._canvas.requests.hovered.emit(text)
        canvas.ensureVisible(self.ring.sceneBoundingRect(), 30, 30)

    def move(self, direction: str) -> None:
        """Move to the neighbouring region in ``direction``; past the edge of a view it
        continues in the next view."""
        views = self._canvas.layout.views
        if self.region is None:
            place = self._selected_place()
            if place is not None:  # go on from the spot chosen (in the list, say)
                view, x, y = place
                found = canvas_nav.region_at(self._canvas.atlas[view], x, y)
                if found is not None:
                    self.set((view, found))
                    return
            view = views[0]
            start = canvas_nav.start_region(self._canvas.atlas[view])
            if start is not None:
                self.set((view, start))
            return
        view, region = self.region
        nxt = canvas_nav.neighbour_towards(self._canvas.atlas[view], region, direction)
        if nxt is not None:
            self.set((view, nxt))
            return
        if direction in ("left", "right"):
            index = views.index(view) + (1 if direction == "right" else -1)
            if 0 <= index < len(views):
                other = views[index]
                start = canvas_nav.start_region(self._canvas.atlas[other])
                if start is not None:
                    self.set((other, start))

    def add_here(self) -> None:
        """Request a spot at the cursor's region (its representative point). With no cursor
        shown yet, the first press only shows where the cursor starts: a spot is never
        added where the person cannot see it."""
        if self.region is None:
            self.move("down")
            return
        view, region = self.region
        x, y = canvas_nav.region_anchor(region)
        self._canvas.requests.add.emit(view, x, y)


class KeyboardInput:
    """Turns the canvas's key presses into cursor moves, selection and requests."""

    def __init__(
        self, canvas: CanvasContext, cursor: RegionCursor, markers: SpotMarkers, zoom: ViewZoom
    ) -> None:
        self._canvas = canvas
        self._cursor = cursor
        self._markers = markers
        self._zoom = zoom
        self.space_held = False
        """Space is down: a left drag pans instead of moving spots."""

    def tab(self, event: QKeyEvent) -> bool:
        """Tab and Backtab walk the spots; True when the key was used."""
        key = event.key()
        return key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self._cycle_selection(
            key == Qt.Key.Key_Tab and not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        )

    def _cycle_selection(self, forward: bool) -> bool:
        markers = self._markers
        ids = markers.ordered_ids()
        if not ids:
            return False
        if markers.selected in ids:
            index = ids.index(markers.selected) + (1 if forward else -1)
            if not 0 <= index < len(ids):
                markers.select("")
                return False  # let focus leave the canvas after the last spot
        else:
            index = 0 if forward else len(ids) - 1
        markers.select(ids[index])
        return True

    def press(self, event: QKeyEvent) -> bool:
        """Handle a key press; False leaves it to `QGraphicsView`."""
        selected = self._markers.selected
        key, mods = event.key(), event.modifiers()
        nav = mods & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_held = True
            self._canvas.view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key in ARROWS and (nav or not selected):
            self._cursor.move(ARROWS[key])
        elif key in ARROWS:
            self._nudge(ARROWS[key], bool(mods & Qt.KeyboardModifier.ShiftModifier))
        elif key == Qt.Key.Key_Insert and not nav:
            self._cursor.add_here()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and selected:
            self._canvas.requests.edit.emit(selected)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and selected:
            self._canvas.requests.remove.emit(selected)
        elif key == Qt.Key.Key_Escape and selected:
            self._markers.select("")
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._zoom.zoom_in()
        elif key == Qt.Key.Key_Minus:
            self._zoom.zoom_out()
        elif key == Qt.Key.Key_0:
            self._zoom.fit()
        elif event.text().isprintable() and event.text().strip() and not nav:
            # letters typed at the diagram do nothing there: say where typing goes
            self._canvas.requests.hovered.emit(TYPING_HINT)
        else:
            return False
        return True

    def release(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_held = False
            self._canvas.view.viewport().unsetCursor()

    def _nudge(self, direction: str, big: bool) -> None:
        tpm, selected = self._markers.map, self._markers.selected
        if tpm is None or not tpm.has_spot(selected):
            return
        spot = tpm.spot_by_id(selected)
        dx, dy = canvas_nav.DIRECTIONS[direction]
        step = BIG_NUDGE if big else NUDGE
        x, y = spot.x + dx * step, spot.y + dy * step
        hit = self._canvas.atlas[spot.view].locate(x, y)
        if not hit.inside:
            self._canvas.requests.hovered.emit(NOT_ON_BODY)
            return
        self._canvas.requests.nudge.emit(spot.id, float(hit.point[0]), float(hit.point[1]))
