"""Every change to a map as a small operation with an exact inverse.

A verb (`add_spot`, `move_spot`, `edit_spot`, `remove_spot`, `check_in`, `rename`) checks
its input, builds the operation and (by default) applies it. An undo command only calls
``op.apply(map)`` and ``op.inverse().apply(map)``. Applying an operation to a map in the
wrong state (a stale undo stack) raises ValueError and leaves the map as it was.
"""

from __future__ import annotations

import abc
import bisect
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import ClassVar

from bodymap.maps.model import (
    MAX_SPOTS,
    Change,
    CheckIn,
    Spot,
    TriggerPointMap,
    check_intensity,
    new_spot_id,
    side_for,
    utc_now,
)

__all__ = [
    "EDITABLE_FIELDS",
    "AddSpot",
    "Batch",
    "CheckInOp",
    "EditSpot",
    "MoveSpot",
    "Operation",
    "RemoveSpot",
    "Rename",
    "add_spot",
    "check_in",
    "edit_spot",
    "move_spot",
    "remove_spot",
    "rename",
]

EDITABLE_FIELDS = ("intensity", "kind", "note")
Readings = tuple[tuple[int, int], ...]
"""A spot's check-in readings as (history index, intensity) pairs."""


class Operation(abc.ABC):
    """One undoable change. ``text`` names it for an Undo menu ("Move spot")."""

    text: ClassVar[str] = "Change map"

    @abc.abstractmethod
    def apply(self, tpm: TriggerPointMap) -> None:
        """Make the change, bump ``modified`` and notify subscribers once."""

    @abc.abstractmethod
    def inverse(self) -> Operation:
        """The operation that undoes this one."""

    @property
    def is_noop(self) -> bool:
        """True if applying changes nothing (an undo stack may skip it)."""
        return False


def _readings_of(tpm: TriggerPointMap, spot_id: str) -> Readings:
    return tuple(
        (index, checkin.intensities[spot_id])
        for index, checkin in enumerate(tpm.history)
        if spot_id in checkin.intensities
    )


@dataclass(frozen=True)
class AddSpot(Operation):
    """Insert ``spot`` at ``index`` (and put back its check-in ``readings``, when undoing a
    removal)."""

    spot: Spot
    index: int
    readings: Readings = ()
    text: ClassVar[str] = "Add spot"

    def apply(self, tpm: TriggerPointMap) -> None:
        spots = tpm.spots
        if tpm.has_spot(self.spot.id):
            raise ValueError(f"the map already has a spot with id {self.spot.id}")
        if not 0 <= self.index <= len(spots):
            raise ValueError(f"cannot insert a spot at position {self.index}")
        if len(spots) >= MAX_SPOTS:
            raise ValueError(f"a map holds at most {MAX_SPOTS:,} spots")
        history = list(tpm.history)
        for at_index, value in self.readings:
            if not 0 <= at_index < len(history):
                raise ValueError("the spot's check-ins no longer match the history")
            entry = history[at_index]
            history[at_index] = CheckIn(entry.at, {**entry.intensities, self.spot.id: value})
        new_spots = (*spots[: self.index], self.spot, *spots[self.index :])
        tpm._commit(Change("added", self.spot.id), spots=new_spots, history=tuple(history))

    def inverse(self) -> Operation:
        return RemoveSpot(self.spot, self.index, self.readings)


@dataclass(frozen=True)
class RemoveSpot(Operation):
    """Remove ``spot`` from ``index``, with its check-in ``readings``."""

    spot: Spot
    index: int
    readings: Readings = ()
    text: ClassVar[str] = "Delete spot"

    def apply(self, tpm: TriggerPointMap) -> None:
        spots = tpm.spots
        if not (0 <= self.index < len(spots) and spots[self.index] == self.spot):
            raise ValueError(f"spot {self.spot.id} is not where this operation expects it")
        if _readings_of(tpm, self.spot.id) != self.readings:
            raise ValueError(f"the check-ins of spot {self.spot.id} changed since")
        history = tuple(
            CheckIn(c.at, {k: v for k, v in c.intensities.items() if k != self.spot.id})
            if self.spot.id in c.intensities
            else c
            for c in tpm.history
        )
        new_spots = spots[: self.index] + spots[self.index + 1 :]
        tpm._commit(Change("removed", self.spot.id), spots=new_spots, history=history)

    def inverse(self) -> Operation:
        return AddSpot(self.spot, self.index, self.readings)


@dataclass(frozen=True)
class MoveSpot(Operation):
    """Move a spot from ``old_xy`` to ``new_xy`` (its side may change as it crosses the
    midline). Consecutive moves of one spot merge into one undo step with `merged`."""

    spot_id: str
    old_xy: tuple[float, float]
    new_xy: tuple[float, float]
    old_side: str
    new_side: str
    text: ClassVar[str] = "Move spot"

    def apply(self, tpm: TriggerPointMap) -> None:
        index = _index(tpm, self.spot_id)
        spot = tpm.spots[index]
        if ((spot.x, spot.y), spot.side) != (tuple(self.old_xy), self.old_side):
            raise ValueError(f"spot {self.spot_id} is not where this move expects it")
        moved = dataclasses.replace(spot, x=self.new_xy[0], y=self.new_xy[1], side=self.new_side)
        _replace_spot(tpm, index, moved, Change("moved", self.spot_id))

    def inverse(self) -> Operation:
        return MoveSpot(self.spot_id, self.new_xy, self.old_xy, self.new_side, self.old_side)

    @property
    def is_noop(self) -> bool:
        return (tuple(self.old_xy), self.old_side) == (tuple(self.new_xy), self.new_side)

    def merged(self, later: Operation) -> MoveSpot | None:
        """This move followed by ``later`` as one move, if ``later`` moves the same spot on
        from where this one left it (for ``QUndoCommand.mergeWith`` during a drag)."""
        if not isinstance(later, MoveSpot) or later.spot_id != self.spot_id:
            return None
        if (tuple(later.old_xy), later.old_side) != (tuple(self.new_xy), self.new_side):
            return None
        return MoveSpot(self.spot_id, self.old_xy, later.new_xy, self.old_side, later.new_side)


@dataclass(frozen=True)
class EditSpot(Operation):
    """Change some of a spot's intensity, kind and note (``before`` → ``after``)."""

    spot_id: str
    before: Mapping[str, int | str] = field(hash=False)
    after: Mapping[str, int | str] = field(hash=False)
    text: ClassVar[str] = "Edit spot"

    def __post_init__(self) -> None:
        if set(self.before) != set(self.after) or not set(self.before) <= set(EDITABLE_FIELDS):
            raise ValueError(f"an edit changes {', '.join(EDITABLE_FIELDS)} only")
        object.__setattr__(self, "before", MappingProxyType(dict(self.before)))
        object.__setattr__(self, "after", MappingProxyType(dict(self.after)))

    def apply(self, tpm: TriggerPointMap) -> None:
        index = _index(tpm, self.spot_id)
        spot = tpm.spots[index]
        if any(getattr(spot, key) != value for key, value in self.before.items()):
            raise ValueError(f"spot {self.spot_id} changed since this edit was made")
        edited = dataclasses.replace(spot, **self.after)  # type: ignore[arg-type]
        _replace_spot(tpm, index, edited, Change("edited", self.spot_id))

    def inverse(self) -> Operation:
        return EditSpot(self.spot_id, self.after, self.before)

    @property
    def is_noop(self) -> bool:
        return dict(self.before) == dict(self.after)


@dataclass(frozen=True)
class CheckInOp(Operation):
    """Add ``checkin`` to the history in time order (or take it out, when ``remove``)."""

    checkin: CheckIn
    remove: bool = False
    text: ClassVar[str] = "Check in"

    def apply(self, tpm: TriggerPointMap) -> None:
        history = list(tpm.history)
        times = [c.at for c in history]
        position = bisect.bisect_left(times, self.checkin.at)
        present = position < len(history) and times[position] == self.checkin.at
        if self.remove:
            if not present or history[position] != self.checkin:
                raise ValueError("that check-in is not in the history")
            del history[position]
        else:
            if present:
                raise ValueError(f"there is already a check-in at {self.checkin.at.isoformat()}")
            unknown = [k for k in self.checkin.intensities if not tpm.has_spot(k)]
            if unknown:
                raise ValueError(f"the check-in names an unknown spot {unknown[0]}")
            history.insert(position, self.checkin)
        tpm._commit(Change("checked_in"), history=tuple(history))

    def inverse(self) -> Operation:
        return CheckInOp(self.checkin, not self.remove)


@dataclass(frozen=True)
class Rename(Operation):
    """Change the map's (profile) name."""

    old: str
    new: str
    text: ClassVar[str] = "Rename map"

    def apply(self, tpm: TriggerPointMap) -> None:
        if tpm.name != self.old:
            raise ValueError(f"the map is no longer called {self.old!r}")
        tpm._commit(Change("renamed"), name=self.new)

    def inverse(self) -> Operation:
        return Rename(self.new, self.old)

    @property
    def is_noop(self) -> bool:
        return self.old == self.new


@dataclass(frozen=True)
class Batch(Operation):
    """Several operations as one undo step (each still notifies on its own)."""

    operations: tuple[Operation, ...]
    label: str = "Change map"

    def apply(self, tpm: TriggerPointMap) -> None:
        done: list[Operation] = []
        try:
            for op in self.operations:
                op.apply(tpm)
                done.append(op)
        except ValueError:
            for op in reversed(done):
                op.inverse().apply(tpm)
            raise

    def inverse(self) -> Operation:
        return Batch(tuple(op.inverse() for op in reversed(self.operations)), self.label)

    @property
    def is_noop(self) -> bool:
        return all(op.is_noop for op in self.operations)


def _index(tpm: TriggerPointMap, spot_id: str) -> int:
    try:
        return tpm.index_of(spot_id)
    except KeyError:
        raise ValueError(f"the map has no spot with id {spot_id}") from None


def _replace_spot(tpm: TriggerPointMap, index: int, spot: Spot, change: Change) -> None:
    spots = tpm.spots
    tpm._commit(change, spots=(*spots[:index], spot, *spots[index + 1 :]))


def _run(tpm: TriggerPointMap, op: Operation, apply: bool) -> None:
    if apply and not op.is_noop:
        op.apply(tpm)


# -- verbs -------------------------------------------------------------------------------
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
    spot = tpm.spots[_index(tpm, spot_id)]
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
    spot = tpm.spots[_index(tpm, spot_id)]
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
    index = _index(tpm, spot_id)
    op = RemoveSpot(tpm.spots[index], index, _readings_of(tpm, spot_id))
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
        _index(tpm, spot_id)
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
