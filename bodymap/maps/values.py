"""The values a trigger-point map is made of: spots, check-ins, change notices and their limits.

They are frozen and validate themselves, so a bad spot can never enter a map, whichever
path it came by (the GUI, the file loader, a migration). The limits here are the same ones
the ``.bodymap`` JSON schema states.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Literal, get_args

from bodymap.sides import MIDLINE_X, side_for

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
    "check_intensity",
    "check_map_name",
    "check_utc",
    "new_spot_id",
    "side_for",
    "utc_now",
]

PAIN_KINDS: tuple[str, ...] = ("ache", "sharp", "burning", "tingling", "numb")
VIEWS: tuple[str, ...] = ("front", "back")
SIDES: tuple[str, ...] = ("right", "left", "midline")
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


def check_utc(value: object, what: str) -> datetime:
    """``value`` converted to UTC if it is an aware datetime, else ValueError naming ``what``."""
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


def check_map_name(name: object) -> str:
    """``name`` if it is non-blank text a file can hold, else ValueError."""
    text = _check_text(name, "map name", MAX_NAME_LENGTH)
    if not text.strip():
        raise ValueError("map name must not be empty")
    return text


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
        object.__setattr__(self, "created", check_utc(self.created, "created"))


@dataclass(frozen=True)
class CheckIn:
    """How the spots felt at one moment: spot id → intensity (0–10)."""

    at: datetime
    intensities: Mapping[str, int] = field(hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", check_utc(self.at, "check-in time"))
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
