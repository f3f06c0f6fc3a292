"""The verbs that change a map: `add_spot`, `move_spot`, `edit_spot`, `remove_spot`,
`check_in` and `rename`.

Each verb checks its input, builds the operation (with its exact inverse) and by default
applies it; ``apply=False`` only builds it, for an undo stack that applies by redoing.
Bad input raises ValueError before anything changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime, timedelta

from bodymap.maps.model import (
    CheckIn,
    Spot,
    TriggerPointMap,
    check_intensity,
    new_spot_id,
    side_for,
    utc_now,
)
from bodymap.maps.operations import (
    AddSpot,
    CheckInOp,
    EditSpot,
    MoveSpot,
    Operation,
    RemoveSpot,
    Rename,
    readings_of,
    spot_index,
)

__all__ = ["add_spot", "check_in", "edit_spot", "move_spot", "remove_spot", "rename"]


def _run(tpm: TriggerPointMap, op: Operation, apply: bool) -> None:
    if apply and not op.is_noop:
        op.apply(tpm)


def add_spot(
    tpm: TriggerPointMap,
    view: str,
    x: float,
    y: float,
    side: str,
    intensity: int = 5,
    kind: str = "ache",
    note: str = "",
    index: int | None = None,
    *,
    apply: bool = True,
) -> AddSpot:
    """Add a new spot (at the end, or at ``index``); ValueError for bad values.

    With ``apply=False`` the operation is only built (e.g. for ``QUndoStack.push``, which
    applies it by calling redo).
    """
    spot_id = new_spot_id()
    while tpm.has_spot(spot_id):
        spot_id = new_spot_id()
    spot = Spot(spot_id, view, x, y, side, intensity, kind, note, utc_now())
    op = AddSpot(spot, len(tpm.spots) if index is None else index)
    _run(tpm, op, apply)
    return op


def move_spot(
    tpm: TriggerPointMap,
    spot_id: str,
    x: float,
    y: float,
    side: str | None = None,
    *,
    apply: bool = True,
) -> MoveSpot:
    """Move a spot to (x, y); ``side`` defaults to the side of ``x`` in the spot's view."""
    spot = tpm.spots[spot_index(tpm, spot_id)]
    new_side = side_for(spot.view, x) if side is None else side
    dataclasses.replace(spot, x=x, y=y, side=new_side)  # validates before anything changes
    op = MoveSpot(spot_id, (spot.x, spot.y), (float(x), float(y)), spot.side, new_side)
    _run(tpm, op, apply)
    return op


def edit_spot(
    tpm: TriggerPointMap,
    spot_id: str,
    *,
    intensity: int | None = None,
    kind: str | None = None,
    note: str | None = None,
    apply: bool = True,
) -> EditSpot:
    """Change a spot's intensity (whole number 0–10), kind (one of PAIN_KINDS) and/or note
    (at most 2,000 characters); the fields left None stay as they are."""
    spot = tpm.spots[spot_index(tpm, spot_id)]
    after: dict[str, int | str] = {}
    if intensity is not None:
        after["intensity"] = intensity
    if kind is not None:
        after["kind"] = kind
    if note is not None:
        after["note"] = note
    dataclasses.replace(spot, **after)  # type: ignore[arg-type]  # validates
    before: dict[str, int | str] = {key: getattr(spot, key) for key in after}
    op = EditSpot(spot_id, before, after)
    _run(tpm, op, apply)
    return op


def remove_spot(tpm: TriggerPointMap, spot_id: str, *, apply: bool = True) -> RemoveSpot:
    """Delete a spot and its check-in readings (undo puts both back)."""
    index = spot_index(tpm, spot_id)
    op = RemoveSpot(tpm.spots[index], index, readings_of(tpm, spot_id))
    _run(tpm, op, apply)
    return op


def check_in(
    tpm: TriggerPointMap,
    intensities: Mapping[str, int] | None = None,
    at: datetime | None = None,
    *,
    apply: bool = True,
) -> CheckInOp:
    """Log how the spots feel now (or ``at``): by default every spot's current intensity."""
    if intensities is None:
        if not tpm.spots:
            raise ValueError("there are no spots to check in")
        intensities = {spot.id: spot.intensity for spot in tpm.spots}
    for spot_id, value in intensities.items():
        spot_index(tpm, spot_id)
        check_intensity(value, f"intensity for spot {tpm.index_of(spot_id) + 1}")
    if at is None:
        at = utc_now()
        if tpm.history and at <= tpm.history[-1].at:
            at = tpm.history[-1].at + timedelta(microseconds=1)
    op = CheckInOp(CheckIn(at, intensities))
    _run(tpm, op, apply)
    return op


def rename(tpm: TriggerPointMap, new_name: str, *, apply: bool = True) -> Rename:
    """Give the map a new (profile) name: 1–200 characters, not blank."""
    TriggerPointMap(new_name)  # validates
    op = Rename(tpm.name, new_name)
    _run(tpm, op, apply)
    return op
