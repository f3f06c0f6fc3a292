"""Every change to a map as a small operation with an exact inverse.

The verbs in `bodymap.maps.verbs` check their input and build these operations. An undo
command only calls ``op.apply(map)`` and ``op.inverse().apply(map)``. Applying an operation
to a map in the wrong state (a stale undo stack) raises ValueError and leaves the map as it
was.
"""

from __future__ import annotations

import abc
import bisect
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import ClassVar

from bodymap.maps.model import TriggerPointMap
from bodymap.maps.values import (
    MAX_SPOTS,
    Area,
    Change,
    ChangeKind,
    CheckIn,
    PressAnswer,
    SessionRecord,
    Spot,
    local_minute,
)

__all__ = [
    "EDITABLE_FIELDS",
    "AddSpot",
    "Batch",
    "CheckInOp",
    "EditCheckIn",
    "EditSpot",
    "MoveSpot",
    "Operation",
    "Readings",
    "RemoveSpot",
    "Rename",
    "SessionOp",
    "SetArea",
    "SetPressAnswer",
    "answers_of",
    "clash",
    "readings_of",
    "spot_index",
]

EDITABLE_FIELDS = ("intensity", "kind", "note")


def clash(at: datetime) -> ValueError:
    """The error of a second check-in at the moment ``at`` (two cannot share one)."""
    return ValueError(f"there is already a check-in at {local_minute(at)}")


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


def readings_of(tpm: TriggerPointMap, spot_id: str) -> Readings:
    """The check-ins that logged ``spot_id``: what removing the spot takes with it."""
    return tuple(
        (index, checkin.intensities[spot_id])
        for index, checkin in enumerate(tpm.history)
        if spot_id in checkin.intensities
    )


def answers_of(tpm: TriggerPointMap, spot_id: str) -> tuple[PressAnswer, ...]:
    """The press-test answers about ``spot_id``: what removing the spot also takes away."""
    return tpm.answers_for(spot_id)


@dataclass(frozen=True)
class _SpotAt(Operation):
    """A spot at ``index`` in the spot list, with its check-in ``readings`` and press-test
    ``answers``: what adding a spot and removing it, each the other's inverse, both carry."""

    spot: Spot
    index: int
    readings: Readings = ()
    answers: tuple[PressAnswer, ...] = ()


@dataclass(frozen=True)
class AddSpot(_SpotAt):
    """Insert ``spot`` at ``index`` (and put back its check-in ``readings`` and press-test
    ``answers``, when undoing a removal)."""

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
            history[at_index] = CheckIn(
                entry.at, {**entry.intensities, self.spot.id: value}, entry.note
            )
        if any(a.spot_id != self.spot.id for a in self.answers):
            raise ValueError("a press-test answer of this spot names another spot")
        answers = tuple(sorted((*tpm.answers, *self.answers), key=lambda a: a.key))
        new_spots = (*spots[: self.index], self.spot, *spots[self.index :])
        tpm._commit(
            Change("added", self.spot.id), spots=new_spots, history=tuple(history), answers=answers
        )

    def inverse(self) -> Operation:
        return RemoveSpot(self.spot, self.index, self.readings, self.answers)


@dataclass(frozen=True)
class RemoveSpot(_SpotAt):
    """Remove ``spot`` from ``index``, with its check-in ``readings`` and press-test
    ``answers``."""

    text: ClassVar[str] = "Delete spot"

    def apply(self, tpm: TriggerPointMap) -> None:
        spots = tpm.spots
        if not (0 <= self.index < len(spots) and spots[self.index] == self.spot):
            raise ValueError(f"spot {self.spot.id} is not where this operation expects it")
        if readings_of(tpm, self.spot.id) != self.readings:
            raise ValueError(f"the check-ins of spot {self.spot.id} changed since")
        if answers_of(tpm, self.spot.id) != self.answers:
            raise ValueError(f"the press-test answers of spot {self.spot.id} changed since")
        answers = tuple(a for a in tpm.answers if a.spot_id != self.spot.id)
        history = tuple(
            CheckIn(c.at, {k: v for k, v in c.intensities.items() if k != self.spot.id}, c.note)
            if self.spot.id in c.intensities
            else c
            for c in tpm.history
        )
        new_spots = spots[: self.index] + spots[self.index + 1 :]
        tpm._commit(
            Change("removed", self.spot.id), spots=new_spots, history=history, answers=answers
        )

    def inverse(self) -> Operation:
        return AddSpot(self.spot, self.index, self.readings, self.answers)


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
        (x, y), (new_x, new_y) = self.old_xy, self.new_xy
        _change_spot(
            tpm,
            self.spot_id,
            "moved",
            {"x": x, "y": y, "side": self.old_side},
            {"x": new_x, "y": new_y, "side": self.new_side},
            "is not where this move expects it",
        )

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
        stale = "changed since this edit was made"
        _change_spot(tpm, self.spot_id, "edited", self.before, self.after, stale)

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
                raise clash(self.checkin.at)
            _check_spots_known(tpm, self.checkin)
            history.insert(position, self.checkin)
        tpm._commit(Change("checked_in"), history=tuple(history))

    def inverse(self) -> Operation:
        return CheckInOp(self.checkin, not self.remove)


@dataclass(frozen=True)
class EditCheckIn(Operation):
    """Replace the check-in ``before`` with ``after`` (other readings, note or time: a
    back-dated correction, or today's check-in updated in "today" mode)."""

    before: CheckIn
    after: CheckIn
    text: ClassVar[str] = "Edit check-in"

    def apply(self, tpm: TriggerPointMap) -> None:
        history = list(tpm.history)
        times = [c.at for c in history]
        position = bisect.bisect_left(times, self.before.at)
        if position >= len(history) or history[position] != self.before:
            raise ValueError("that check-in is not in the history")
        del history[position], times[position]
        _check_spots_known(tpm, self.after)
        target = bisect.bisect_left(times, self.after.at)
        if target < len(times) and times[target] == self.after.at:
            raise clash(self.after.at)
        history.insert(target, self.after)
        tpm._commit(Change("checked_in"), history=tuple(history))

    def inverse(self) -> Operation:
        return EditCheckIn(self.after, self.before)

    @property
    def is_noop(self) -> bool:
        return self.before == self.after


@dataclass(frozen=True)
class SetArea(Operation):
    """Give a spot a pain area, change it or take it away (``None``); the spot's point
    moves with it (``old_xy``/``new_xy``, sides alike) so that it stays inside the area."""

    spot_id: str
    old_area: Area | None
    new_area: Area | None
    old_xy: tuple[float, float]
    new_xy: tuple[float, float]
    old_side: str
    new_side: str
    text: ClassVar[str] = "Change area"

    def apply(self, tpm: TriggerPointMap) -> None:
        (x, y), (new_x, new_y) = self.old_xy, self.new_xy
        _change_spot(
            tpm,
            self.spot_id,
            "edited",
            {"area": self.old_area, "x": x, "y": y, "side": self.old_side},
            {"area": self.new_area, "x": new_x, "y": new_y, "side": self.new_side},
            "changed since this area was drawn",
        )

    def inverse(self) -> Operation:
        return SetArea(
            self.spot_id,
            self.new_area,
            self.old_area,
            self.new_xy,
            self.old_xy,
            self.new_side,
            self.old_side,
        )

    @property
    def is_noop(self) -> bool:
        return (self.old_area, tuple(self.old_xy), self.old_side) == (
            self.new_area,
            tuple(self.new_xy),
            self.new_side,
        )


@dataclass(frozen=True)
class SetPressAnswer(Operation):
    """Record, change or clear (``None``) the press-test answer for one spot and source;
    ``old`` and ``new`` share their key (spot, muscle, side) when both are given."""

    old: PressAnswer | None
    new: PressAnswer | None
    text: ClassVar[str] = "Answer press test"

    def __post_init__(self) -> None:
        if self.old is None and self.new is None:
            raise ValueError("a press-test change needs an old or a new answer")
        if self.old is not None and self.new is not None and self.old.key != self.new.key:
            raise ValueError("a press-test change keeps its spot, muscle and side")

    def apply(self, tpm: TriggerPointMap) -> None:
        some = self.new or self.old
        assert some is not None
        spot_id, muscle, side = some.key
        if tpm.answer(spot_id, muscle, side) != self.old:
            raise ValueError(f"the press-test answer for spot {spot_id} changed since")
        if self.new is not None and not tpm.has_spot(spot_id):
            raise ValueError(f"the map has no spot with id {spot_id}")
        kept = [a for a in tpm.answers if a.key != some.key]
        if self.new is not None:
            kept.append(self.new)
        answers = tuple(sorted(kept, key=lambda a: a.key))
        tpm._commit(Change("press_tested", spot_id), answers=answers)

    def inverse(self) -> Operation:
        return SetPressAnswer(self.new, self.old)

    @property
    def is_noop(self) -> bool:
        return self.old == self.new


@dataclass(frozen=True)
class SessionOp(Operation):
    """Add a rolling ``session`` record in start order (or take it out, when ``remove``)."""

    session: SessionRecord
    remove: bool = False
    text: ClassVar[str] = "Record session"

    def apply(self, tpm: TriggerPointMap) -> None:
        sessions = list(tpm.sessions)
        if self.remove:
            if self.session not in sessions:
                raise ValueError("that session is not in the map")
            position = len(sessions) - 1 - sessions[::-1].index(self.session)
            del sessions[position]
        else:
            starts = [s.start for s in sessions]
            sessions.insert(bisect.bisect_right(starts, self.session.start), self.session)
        tpm._commit(Change("session"), sessions=tuple(sessions))

    def inverse(self) -> Operation:
        return SessionOp(self.session, not self.remove)


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
    """Several operations as one undo step, heard by subscribers as one change."""

    operations: tuple[Operation, ...]
    label: str = "Change map"

    def apply(self, tpm: TriggerPointMap) -> None:
        done: list[Operation] = []
        with tpm.changes_together():
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


def spot_index(tpm: TriggerPointMap, spot_id: str) -> int:
    """The spot's position in the map; ValueError (not KeyError) when it is not there."""
    try:
        return tpm.index_of(spot_id)
    except KeyError:
        raise ValueError(f"the map has no spot with id {spot_id}") from None


def _check_spots_known(tpm: TriggerPointMap, checkin: CheckIn) -> None:
    """ValueError when ``checkin`` has a reading for a spot the map does not have."""
    unknown = [k for k in checkin.intensities if not tpm.has_spot(k)]
    if unknown:
        raise ValueError(f"the check-in names an unknown spot {unknown[0]}")


def _change_spot(
    tpm: TriggerPointMap,
    spot_id: str,
    kind: ChangeKind,
    before: Mapping[str, object],
    after: Mapping[str, object],
    stale: str,
) -> None:
    """Give spot ``spot_id`` the field values ``after`` (a ``kind`` change), if it still has
    the values ``before``; otherwise ValueError "spot <id> <stale>": the map changed since
    the operation was made."""
    index = spot_index(tpm, spot_id)
    spots = tpm.spots
    spot = spots[index]
    if any(getattr(spot, key) != value for key, value in before.items()):
        raise ValueError(f"spot {spot_id} {stale}")
    changed = dataclasses.replace(spot, **after)  # type: ignore[arg-type]
    tpm._commit(Change(kind, spot_id), spots=(*spots[:index], changed, *spots[index + 1 :]))
