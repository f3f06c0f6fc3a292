"""The requests of the canvas and the panel turned into `bodymap.maps` operations, each
pushed on the document's undo stack as one step, so every edit is undoable.

The side of a new or moved spot comes from the atlas: the person's side under the point.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import TypedDict

import shapely
import shapely.affinity

from bodymap.atlas import ViewAtlas
from bodymap.maps import (
    Batch,
    TriggerPointMap,
    add_spot,
    check_in,
    edit_spot,
    move_spot,
    remove_spot,
    rename,
)
from bodymap.maps.area import Area, polygon_parts
from bodymap.maps.operations import AddSpot, CheckInOp, EditCheckIn, EditSpot
from bodymap.maps.verbs import (
    answer_press_test,
    check_in_today,
    delete_check_in,
    edit_check_in,
    set_area,
    with_current_pain,
)
from bodymap.ui.document.commands import NUDGE_ID
from bodymap.ui.document.document import MapDocument

__all__ = [
    "SpotFields",
    "check_in_op",
    "request_add",
    "request_check_in",
    "request_delete_check_in",
    "request_edit",
    "request_edit_check_in",
    "request_edit_readings",
    "request_move",
    "request_paint",
    "request_press_answer",
    "request_remove",
    "request_rename",
]


class SpotFields(TypedDict, total=False):
    """The fields of a spot the panel edits (any subset)."""

    intensity: int
    kind: str
    note: str


def request_add(
    document: MapDocument, atlas: Mapping[str, ViewAtlas], view: str, x: float, y: float
) -> str:
    """Add a spot at (x, y) of ``view``; its id, or "" if the map refused it."""
    tpm = document.map
    side = atlas[view].side_of(x)
    op = add_spot(tpm, view, x, y, side, apply=False)
    return op.spot.id if document.push(op) else ""


def request_move(
    document: MapDocument,
    atlas: Mapping[str, ViewAtlas],
    spot_id: str,
    x: float,
    y: float,
    *,
    nudge: bool = False,
) -> None:
    """Move a spot to (x, y) of its view (one undo step however long the drag was). A
    keyboard ``nudge`` joins the nudges of the same spot just before it into one step."""
    tpm = document.map
    if not tpm.has_spot(spot_id):
        return
    spot = tpm.spot_by_id(spot_id)
    if spot.area is not None:  # an area moves whole with its disc, kept on the body
        va = atlas[spot.view]
        # each part of the area moves whole: where the body's outline cuts a moved part in
        # two (a low-back area dragged sideways over the hanging forearm), the piece that
        # landed on another body part is dropped, not joined to the area
        kept = []
        for part in polygon_parts(spot.area.shape):
            cut = shapely.intersection(
                shapely.affinity.translate(part, x - spot.x, y - spot.y), va.outline
            )
            pieces = polygon_parts(cut)
            if pieces:
                kept.append(max(pieces, key=lambda piece: float(piece.area)))
        moved = shapely.union_all(kept) if kept else shapely.Polygon()
        if moved.is_empty or moved.area <= 1.0:
            return
        try:
            area = Area.from_shape(moved)
        except ValueError as exc:
            document.show_error("That area could not be moved", str(exc))
            return
        point = (x, y) if area.contains(x, y) else area.inner_point()
        op_area = set_area(tpm, spot_id, area, point, apply=False)
        name = f"Move area {tpm.index_of(spot_id) + 1}"
        document.push(op_area, name, merge_id=NUDGE_ID if nudge else -1)
        return
    side = atlas[spot.view].side_of(x)
    op = move_spot(tpm, spot_id, x, y, side, apply=False)
    document.push(op, merge_id=NUDGE_ID if nudge else -1)


def request_paint(
    document: MapDocument,
    atlas: Mapping[str, ViewAtlas],
    view: str,
    spot_id: str,
    shape: shapely.Geometry | None,
) -> str:
    """One brush stroke as one undo step: a new area spot (``spot_id`` ""), a new shape for
    an area, or — when the eraser left nothing (``shape`` None) — the area spot removed.
    The area spot's id, or "" if nothing was kept."""
    tpm = document.map
    if spot_id and not tpm.has_spot(spot_id):
        return ""
    if shape is None:
        request_remove(document, spot_id)
        return ""
    try:
        area = Area.from_shape(shape)
    except ValueError as exc:
        document.show_error("That area could not be kept", str(exc))
        return ""
    if spot_id:  # the undo step says which way the area changed, with its number
        before = tpm.spot_by_id(spot_id).area
        grew = before is None or area.shape.area >= before.shape.area
        verb = "Paint onto area" if grew else "Erase from area"
        text = f"{verb} {tpm.index_of(spot_id) + 1}"
        return spot_id if document.push(set_area(tpm, spot_id, area, apply=False), text) else ""
    x, y = atlas[view].disc_point(area.shape)  # on the area's main place, not between two
    op = add_spot(tpm, view, x, y, atlas[view].side_of(x), apply=False)
    painted = AddSpot(dataclasses.replace(op.spot, area=area), op.index)
    return painted.spot.id if document.push(painted, "Paint area") else ""


def request_remove(document: MapDocument, spot_id: str) -> None:
    if spot_id and document.map.has_spot(spot_id):
        document.push(remove_spot(document.map, spot_id, apply=False))


def request_edit(document: MapDocument, spot_id: str, fields: SpotFields) -> None:
    """Change a spot's intensity, kind or note (``fields`` as `edit_spot` takes them)."""
    if not document.map.has_spot(spot_id):
        return
    try:
        op = edit_spot(document.map, spot_id, **fields, apply=False)
    except ValueError as exc:  # the fields keep their checks; nothing may pass unsaid
        document.show_error("That change could not be kept", str(exc))
        return
    document.push(op)


def request_edit_check_in(document: MapDocument, at: datetime, note: str) -> bool:
    """Change the note of the check-in logged at ``at`` (one undo step)."""
    try:
        op = edit_check_in(document.map, at, note=note, apply=False)
    except ValueError as exc:
        if any(c.at == at for c in document.map.history):  # still there: say why not
            document.show_error("Could not change the note", f"The note was kept: {exc}.")
        return False
    return document.push(op, "Edit check-in note")


def request_edit_readings(document: MapDocument, at: datetime, values: Mapping[str, int]) -> bool:
    """Correct the readings of the check-in logged at ``at`` (one undo step). For the latest
    check-in a spot still at the reading corrected takes the corrected value too, as it
    would have had the check-in been typed right; a spot changed since keeps its value."""
    tpm = document.map
    entry = next((c for c in tpm.history if c.at == at), None)
    if entry is None:
        return False
    readings = {**entry.intensities, **values}
    if readings == entry.intensities:
        return True  # nothing corrected: no undo step
    try:
        op = edit_check_in(tpm, at, intensities=readings, apply=False)
    except ValueError as exc:
        document.show_error("Could not change the readings", f"They were kept: {exc}.")
        return False
    if max(c.at for c in tpm.history) != at:
        return document.push(op, "Edit check-in readings")
    edits = _following(tpm, entry.intensities, readings)
    name = "Edit check-in readings"
    return document.push(Batch((op, *edits), name) if edits else op, name)


def request_delete_check_in(document: MapDocument, at: datetime) -> bool:
    """Delete the check-in logged at ``at`` (one undo step; undo puts it back). Deleting the
    latest one also takes back what it set: a spot still at that check-in's reading goes
    back to its reading in the check-in before (the same as undoing the check-in would);
    a spot changed since keeps its value."""
    tpm = document.map
    try:
        op = delete_check_in(tpm, at, apply=False)
    except ValueError:
        return False
    history = sorted(tpm.history, key=lambda c: c.at)
    if len(history) < 2 or history[-1].at != at:
        return document.push(op, "Delete check-in")
    gone, before = history[-1], history[-2]
    edits = _following(tpm, gone.intensities, before.intensities)
    return document.push(Batch((op, *edits), "Delete check-in"), "Delete check-in")


def _following(
    tpm: TriggerPointMap, was: Mapping[str, int], now: Mapping[str, int]
) -> tuple[EditSpot, ...]:
    """The spot edits that go with the latest check-in's readings changing from ``was`` to
    ``now`` (corrected, or the check-in before it once it is deleted): a spot still at its
    reading in ``was`` takes its reading in ``now``; a spot changed since keeps its value."""
    return tuple(
        edit_spot(tpm, spot.id, intensity=now[spot.id], apply=False)
        for spot in tpm.spots
        if spot.id in now and was.get(spot.id) == spot.intensity and now[spot.id] != spot.intensity
    )


def check_in_op(
    tpm: TriggerPointMap,
    values: dict[str, int],
    *,
    at: datetime | None = None,
    note: str | None = None,
    today: bool = False,
) -> Batch:
    """The check-in `request_check_in` pushes, not applied; ValueError saying why when the
    map cannot keep it (a note too long, a time out of range …)."""
    if today:  # today's check-in updated, and moved to ``at`` when one is given
        step: CheckInOp | EditCheckIn = check_in_today(tpm, values, note=note, at=at, apply=False)
    else:
        step = check_in(tpm, values, at, note=note or "", apply=False)
    return with_current_pain(tpm, step, values)


def request_check_in(
    document: MapDocument,
    values: dict[str, int],
    *,
    at: datetime | None = None,
    note: str | None = None,
    today: bool = False,
) -> bool:
    """Log the spots' intensities as one undo step: now, or back-dated to ``at``, with a
    note; in ``today`` mode today's check-in is updated instead of adding another, its note
    replaced by ``note`` (``""`` clears it, None keeps it) and, with ``at`` (a time of
    today), moved there. Spots whose intensity changed take the new value too, unless the
    check-in is back-dated before the latest one. A check-in the map cannot keep is
    refused with a message."""
    try:
        op = check_in_op(document.map, values, at=at, note=note, today=today)
    except ValueError as exc:
        document.show_error("Could not check in", f"Nothing was logged: {exc}.")
        return False
    return document.push(op, "Check in")


def request_press_answer(
    document: MapDocument, spot_id: str, muscle: str, side: str, answer: str
) -> bool:
    """Store a press-test answer about a spot and a source as one undo step ("" clears it);
    False if nothing changed."""
    tpm = document.map
    if not tpm.has_spot(spot_id) or (not answer and tpm.answer(spot_id, muscle, side) is None):
        return False
    op = answer_press_test(tpm, spot_id, muscle, side, answer or None, apply=False)
    return document.push(op, "Press test")


def request_rename(document: MapDocument, name: str) -> bool:
    """Give the map a new name as one undo step ("Rename map"); False when the name is the
    same, or (with a message) when the core refuses it."""
    try:
        op = rename(document.map, name, apply=False)
    except ValueError as exc:
        document.show_error("Could not rename the map", f"The name was not changed: {exc}.")
        return False
    return document.push(op, "Rename map")
