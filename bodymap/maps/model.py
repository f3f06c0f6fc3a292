"""The personal trigger-point map: spots, check-ins and the map that notifies its observers.

Values (`Spot`, `CheckIn`, `Change`) are frozen and validate themselves, so a bad spot can
never enter a map, whichever path it came by (the GUI, the file loader, a migration).
A `TriggerPointMap` is changed only through `bodymap.maps.operations`, which keeps one
path for every change and an inverse for each.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Literal, get_args

__all__ = [
    "CHANGE_KINDS",
    "MAX_NAME_LENGTH",
    "MAX_NOTE_LENGTH",
    "MAX_SPOTS",
    "MIDLINE_X",
    "PAIN_KINDS",
    "SIDES",
    "VIEWS",
    "X_RANGE",
    "Y_RANGE",
    "Change",
    "ChangeKind",
    "CheckIn",
    "Spot",
    "TrendLabel",
    "TriggerPointMap",
    "check_intensity",
    "new_spot_id",
    "side_for",
    "utc_now",
]

PAIN_KINDS: tuple[str, ...] = ("ache", "sharp", "burning", "tingling", "numb")
VIEWS: tuple[str, ...] = ("front", "back")
SIDES: tuple[str, ...] = ("right", "left", "midline")
MIDLINE_X = 500.0
MIDLINE_BAND = 4.0
X_RANGE = (0.0, 1000.0)
Y_RANGE = (-20.0, 1020.0)
MAX_NOTE_LENGTH = 2000
MAX_NAME_LENGTH = 200
MAX_SPOTS = 5000
_SPOT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")

ChangeKind = Literal["added", "removed", "moved", "edited", "checked_in", "renamed", "reset"]
CHANGE_KINDS: tuple[str, ...] = get_args(ChangeKind)
TrendLabel = Literal["better", "worse", "steady", "new"]


def utc_now() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


def new_spot_id() -> str:
    """A fresh, practically unique spot id (12 hex digits)."""
    return uuid.uuid4().hex[:12]


def side_for(view: str, x: float) -> str:
    """The person's side for a point at ``x`` in ``view`` (4 units either side of x = 500
    count as the midline), the same rule the atlas uses."""
    if abs(x - MIDLINE_X) <= MIDLINE_BAND:
        return "midline"
    return "right" if (x < MIDLINE_X) == (view == "front") else "left"


def _check_utc(value: object, what: str) -> datetime:
    if not isinstance(value, datetime):
        raise ValueError(f"{what} must be a datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must carry a time zone (UTC)")
    return value.astimezone(UTC)


def _check_text(value: object, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text")
    if len(value) > limit:
        raise ValueError(f"{what} is too long ({len(value):,} characters; at most {limit:,})")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{what} contains characters that cannot be saved") from None
    return value


def check_intensity(value: object, what: str = "intensity") -> int:
    """``value`` if it is a whole number from 0 to 10 (not a bool), else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what} must be a whole number from 0 to 10, got {value!r:.40}")
    if not 0 <= value <= 10:
        raise ValueError(f"{what} must be from 0 to 10, got {value}")
    return value


def _check_coordinate(value: object, what: str, bounds: tuple[float, float]) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, got {value!r:.40}")
    number = float(value)
    if not math.isfinite(number) or not bounds[0] <= number <= bounds[1]:
        raise ValueError(
            f"{what} = {value!r:.40} is outside the body frame ({bounds[0]:g} to {bounds[1]:g})"
        )
    return number


@dataclass(frozen=True)
class Spot:
    """One sore spot the user marked: where, which side, how much and what kind of pain."""

    id: str
    view: str
    x: float
    y: float
    side: str
    intensity: int = 5
    kind: str = "ache"
    note: str = ""
    created: datetime = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not _SPOT_ID.fullmatch(self.id):
            raise ValueError(f"id must be 1–64 letters, digits, '-' or '_', got {self.id!r:.40}")
        if self.view not in VIEWS:
            raise ValueError(f"view must be 'front' or 'back', got {self.view!r:.40}")
        if self.side not in SIDES:
            raise ValueError(f"side must be right, left or midline, got {self.side!r:.40}")
        if self.kind not in PAIN_KINDS:
            raise ValueError(f"kind must be one of {', '.join(PAIN_KINDS)}, got {self.kind!r:.40}")
        check_intensity(self.intensity)
        _check_text(self.note, "note", MAX_NOTE_LENGTH)
        object.__setattr__(self, "x", _check_coordinate(self.x, "x", X_RANGE))
        object.__setattr__(self, "y", _check_coordinate(self.y, "y", Y_RANGE))
        object.__setattr__(self, "created", _check_utc(self.created, "created"))


@dataclass(frozen=True)
class CheckIn:
    """How the spots felt at one moment: spot id → intensity (0–10)."""

    at: datetime
    intensities: Mapping[str, int] = field(hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", _check_utc(self.at, "check-in time"))
        if not isinstance(self.intensities, Mapping):
            raise ValueError("check-in intensities must map spot ids to numbers")
        for spot_id, value in self.intensities.items():
            if not isinstance(spot_id, str):
                raise ValueError(f"check-in names a spot id that is not text: {spot_id!r:.40}")
            check_intensity(value, f"check-in intensity for spot {spot_id}")
        object.__setattr__(self, "intensities", MappingProxyType(dict(self.intensities)))


@dataclass(frozen=True)
class Change:
    """What changed in a map, sent to its subscribers (``spot_id`` is None for map-wide
    changes: check-ins, renames and resets)."""

    kind: ChangeKind
    spot_id: str | None = None


def _check_name(name: object) -> str:
    text = _check_text(name, "map name", MAX_NAME_LENGTH)
    if not text.strip():
        raise ValueError("map name must not be empty")
    return text


class TriggerPointMap:
    """A user's personal map: named, ordered spots (number = index + 1) and their check-ins.

    Read it through the properties; change it only through `bodymap.maps.operations`.
    Observers ``subscribe`` and receive a `Change` once per applied operation.
    """

    def __init__(
        self,
        name: str = "My map",
        spots: Iterable[Spot] = (),
        history: Iterable[CheckIn] = (),
        created: datetime | None = None,
        modified: datetime | None = None,
    ) -> None:
        now = utc_now()
        self._name = _check_name(name)
        self._created = _check_utc(created or now, "created")
        self._modified = _check_utc(modified or self._created, "modified")
        self._spots = tuple(spots)
        self._history = tuple(history)
        self._subscribers: list[Callable[[Change], None]] = []
        self._revision = 0
        self._validate()

    def _validate(self) -> None:
        if len(self._spots) > MAX_SPOTS:
            raise ValueError(f"a map holds at most {MAX_SPOTS:,} spots, got {len(self._spots):,}")
        ids: set[str] = set()
        for spot in self._spots:
            if not isinstance(spot, Spot):
                raise ValueError(f"spots must be Spot values, got {type(spot).__name__}")
            if spot.id in ids:
                raise ValueError(f"two spots share the id {spot.id}")
            ids.add(spot.id)
        for checkin in self._history:
            if not isinstance(checkin, CheckIn):
                raise ValueError(f"history must hold CheckIn values, got {type(checkin).__name__}")
            unknown = sorted(set(checkin.intensities) - ids)
            if unknown:
                raise ValueError(f"a check-in names an unknown spot {unknown[0]}")
        if any(a.at >= b.at for a, b in zip(self._history, self._history[1:], strict=False)):
            raise ValueError("history must be in time order, one check-in per moment")

    # -- reading -------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The profile name shown in the title bar and on the printed guide."""
        return self._name

    @property
    def created(self) -> datetime:
        return self._created

    @property
    def modified(self) -> datetime:
        return self._modified

    @property
    def spots(self) -> tuple[Spot, ...]:
        return self._spots

    @property
    def history(self) -> tuple[CheckIn, ...]:
        """Check-ins in time order (several a day are fine)."""
        return self._history

    @property
    def revision(self) -> int:
        """Counts applied changes since this object was made (for autosave bookkeeping)."""
        return self._revision

    def __len__(self) -> int:
        return len(self._spots)

    def __repr__(self) -> str:
        return (
            f"TriggerPointMap(name={self._name!r}, spots={len(self._spots)}, "
            f"history={len(self._history)})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TriggerPointMap):
            return NotImplemented
        return self.state() == other.state()

    __hash__ = None  # type: ignore[assignment]

    def state(self) -> tuple[str, datetime, datetime, tuple[Spot, ...], tuple[CheckIn, ...]]:
        """Everything saved in a file, as one comparable value."""
        return (self._name, self._created, self._modified, self._spots, self._history)

    def content(self) -> tuple[str, tuple[Spot, ...], tuple[CheckIn, ...]]:
        """What the user made (name, spots, history), ignoring the timestamps of the map."""
        return (self._name, self._spots, self._history)

    def spot_by_id(self, spot_id: str) -> Spot:
        """The spot with this id; KeyError if there is none."""
        return self._spots[self.index_of(spot_id)]

    def index_of(self, spot_id: str) -> int:
        """The position of the spot with this id (its number is this + 1); KeyError if none."""
        for index, spot in enumerate(self._spots):
            if spot.id == spot_id:
                return index
        raise KeyError(f"no spot with id {spot_id!r}")

    def has_spot(self, spot_id: str) -> bool:
        return any(spot.id == spot_id for spot in self._spots)

    def trend(self, spot_id: str) -> list[tuple[datetime, int]]:
        """The spot's check-in readings, oldest first."""
        return [(c.at, c.intensities[spot_id]) for c in self._history if spot_id in c.intensities]

    def trend_label(self, spot_id: str) -> TrendLabel:
        """ "new" with fewer than two readings; otherwise the average of the latest readings
        (up to three) against the earliest ones: a drop of 1 or more is "better", a rise of
        1 or more is "worse", anything less is "steady"."""
        values = [value for _, value in self.trend(spot_id)]
        if len(values) < 2:
            return "new"
        size = min(3, len(values) // 2)
        delta = sum(values[-size:]) / size - sum(values[:size]) / size
        if delta <= -1:
            return "better"
        if delta >= 1:
            return "worse"
        return "steady"

    # -- observing -----------------------------------------------------------------------
    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``callback(change)`` after every change; returns a function that unsubscribes."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def _notify(self, change: Change) -> None:
        errors: list[BaseException] = []
        for callback in list(self._subscribers):
            try:
                callback(change)
            except Exception as exc:  # one broken view must not starve the others
                errors.append(exc)
        if errors:
            raise errors[0]

    # -- changing (operations only) ------------------------------------------------------
    def _commit(
        self,
        change: Change,
        *,
        spots: tuple[Spot, ...] | None = None,
        history: tuple[CheckIn, ...] | None = None,
        name: str | None = None,
    ) -> None:
        """Install a new state, bump ``modified`` and notify once. Used by operations."""
        if spots is not None:
            self._spots = spots
        if history is not None:
            self._history = history
        if name is not None:
            self._name = _check_name(name)
        self._modified = max(utc_now(), self._modified)
        self._revision += 1
        self._notify(change)

    def replace_with(self, other: TriggerPointMap) -> None:
        """Take over another map's whole content (e.g. reverting to the saved file), keeping
        subscribers; sends ``Change("reset")``. Not undoable: clear the undo stack too."""
        self._name, self._created, self._modified = other.name, other.created, other.modified
        self._spots, self._history = other.spots, other.history
        self._revision += 1
        self._notify(Change("reset"))
