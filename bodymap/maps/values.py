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
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Literal, get_args

from bodymap.maps.area import Area
from bodymap.maps.errors import shown
from bodymap.sides import MIDLINE_BAND, MIDLINE_X, side_for
from bodymap.trend import TrendLabel

__all__ = [
    "ANSWERS",
    "BACKDATE_LIMIT",
    "CHANGE_KINDS",
    "DATE_RANGE",
    "MAX_NAME_LENGTH",
    "MAX_NOTE_LENGTH",
    "MAX_SPOTS",
    "MIDLINE_X",
    "MIN_SESSION_SECONDS",
    "PAIN_KINDS",
    "PRESETS",
    "SIDES",
    "VIEWS",
    "X_RANGE",
    "Y_RANGE",
    "Area",
    "Change",
    "ChangeKind",
    "CheckIn",
    "PressAnswer",
    "SessionRecord",
    "Spot",
    "TrendLabel",
    "check_intensity",
    "check_limits",
    "check_map_name",
    "check_side",
    "check_utc",
    "local_minute",
    "new_spot_id",
    "session_counts",
    "side_for",
    "utc_now",
]

PAIN_KINDS: tuple[str, ...] = ("ache", "sharp", "burning", "tingling", "numb")
VIEWS: tuple[str, ...] = ("front", "back")
SIDES: tuple[str, ...] = ("right", "left", "midline")
X_RANGE = (0.0, 1000.0)
Y_RANGE = (-20.0, 1020.0)
BACKDATE_LIMIT = timedelta(days=366)
"""How long before the first of its spots was marked a check-in may be dated: "it was bad
last month" is kept, a slip of a decade or a century (1925 for 2025) is refused."""
MAX_NOTE_LENGTH = 2000
MAX_NAME_LENGTH = 200
MAX_SPOTS = 5000
MAX_CHECKINS = 200_000
MAX_READINGS = 2_500_000
MAX_TEXT_CHARS = 1_000_000
MAX_AREA_VERTICES_TOTAL = 100_000
MAX_ANSWERS = 10_000
MAX_SESSIONS = 20_000
"""Limits of a whole map. 100 spots × 2 check-ins a day × 20 years is 14,600 check-ins and
1,460,000 readings; these leave room beyond that and keep the largest map a file can hold
well under the file size cap (see `bodymap.maps.fileformat.worst_case_bytes`)."""
MAX_SESSION_SECONDS = 24 * 3600
MAX_SESSION_STEPS = 1000
MIN_SESSION_SECONDS = 60
"""A rolling session stopped before this with no step done is not a session (see
`session_counts`)."""
ANSWERS: tuple[str, ...] = ("yes", "partly", "no")
PRESETS: tuple[str, ...] = ("warmup", "cooldown", "bedtime", "full")
DATE_RANGE = (datetime(1900, 1, 1, tzinfo=UTC), datetime(3000, 1, 1, tzinfo=UTC))
"""Dates a map may hold: from 1900 up to (not including) the year 3000, in UTC. Far enough
from datetime's own limits that any time zone, padding or axis arithmetic stays in range."""
_SPOT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_INTENSITIES = frozenset(range(11))

ChangeKind = Literal[
    "added",
    "removed",
    "moved",
    "edited",
    "checked_in",
    "renamed",
    "press_tested",
    "session",
    "reset",
]
CHANGE_KINDS: tuple[str, ...] = get_args(ChangeKind)


def local_minute(at: datetime) -> str:
    """A moment as a person reads it in a message: local time, to the minute
    ("2026-12-02 14:05"), as typed into ``--at`` or the check-in dialog."""
    return f"{at.astimezone():%Y-%m-%d %H:%M}"


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
    try:
        moment = value.astimezone(UTC)
    except OverflowError:
        moment = None
    if moment is None or not DATE_RANGE[0] <= moment < DATE_RANGE[1]:
        raise ValueError(f"{what} is out of range (years 1900 to 2999 only)")
    return moment


def check_side(view: str, x: float, side: str) -> None:
    """ValueError unless ``side`` agrees with ``x``: further than the midline band from the
    midline it must be the side ``x`` lies on; within the band any side is accepted."""
    if abs(x - MIDLINE_X) <= MIDLINE_BAND:
        return
    expected = side_for(view, x)
    if side != expected:
        raise ValueError(
            f"side {side!r} contradicts x = {x:g}, which is on the person's {expected} "
            f"in the {view} view"
        )


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
        raise ValueError(f"{what} must be a whole number from 0 to 10, got {shown(value)}")
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
        raise ValueError(f"{what} must be a number, got {shown(value)}")
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
    area: Area | None = None
    """The painted pain area around the spot (None for a point spot); (x, y) lies inside it."""

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
        if self.area is not None:
            if not isinstance(self.area, Area):
                raise ValueError(f"area must be an Area, got {type(self.area).__name__}")
            if not self.area.contains(self.x, self.y):
                raise ValueError(f"the point ({self.x:g}, {self.y:g}) is not inside the area")


@dataclass(frozen=True)
class CheckIn:
    """How the spots felt at one moment: spot id → intensity (0–10), and a note."""

    at: datetime
    intensities: Mapping[str, int] = field(hash=False)
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", check_utc(self.at, "check-in time"))
        if not isinstance(self.intensities, Mapping):
            raise ValueError("check-in intensities must map spot ids to numbers")
        values = self.intensities.values()
        # whole-set checks run at C speed; the loop below only names the culprit
        plain = set(map(type, self.intensities)) <= {str} and set(map(type, values)) <= {int}
        if not (plain and set(values) <= _INTENSITIES):
            for spot_id, value in self.intensities.items():
                if not isinstance(spot_id, str):
                    raise ValueError(f"check-in names a spot id that is not text: {spot_id!r:.40}")
                check_intensity(value, f"check-in intensity for spot {spot_id}")
        _check_text(self.note, "check-in note", MAX_NOTE_LENGTH)
        object.__setattr__(self, "intensities", MappingProxyType(dict(self.intensities)))

    @classmethod
    def checked(cls, at: datetime, intensities: dict[str, int], note: str) -> CheckIn:
        """A check-in from parts the caller has already checked — ``at`` an aware UTC
        datetime in range, ``intensities`` a fresh dict of text ids to whole numbers 0–10
        that nobody else holds — without checking them again (the file loader uses this to
        read years of check-ins quickly). The note is still checked."""
        _check_text(note, "check-in note", MAX_NOTE_LENGTH)
        checkin = object.__new__(cls)
        object.__setattr__(checkin, "at", at)
        object.__setattr__(checkin, "intensities", MappingProxyType(intensities))
        object.__setattr__(checkin, "note", note)
        return checkin


@dataclass(frozen=True)
class PressAnswer:
    """The person's answer to a press test: pressing ``muscle``'s trigger point on ``side``
    reproduced the pain at spot ``spot_id`` (``yes``), partly, or not (``no``)."""

    spot_id: str
    muscle: str
    side: str
    answer: str
    at: datetime

    def __post_init__(self) -> None:
        for what, value in (("spot id", self.spot_id), ("muscle id", self.muscle)):
            if not isinstance(value, str) or not _SPOT_ID.fullmatch(value):
                raise ValueError(
                    f"{what} must be 1–64 letters, digits, '-' or '_', got {value!r:.40}"
                )
        if self.side not in SIDES:
            raise ValueError(f"side must be right, left or midline, got {self.side!r:.40}")
        if self.answer not in ANSWERS:
            raise ValueError(f"answer must be yes, partly or no, got {self.answer!r:.40}")
        object.__setattr__(self, "at", check_utc(self.at, "answer time"))

    @property
    def key(self) -> tuple[str, str, str]:
        """What the answer is about: (spot id, muscle id, side); a map holds one per key."""
        return (self.spot_id, self.muscle, self.side)


@dataclass(frozen=True)
class SessionRecord:
    """A rolling session the person did: which preset, when it started, how long it ran and
    how many of its steps were done."""

    preset: str
    start: datetime
    duration_s: int
    steps_done: int

    @property
    def counts(self) -> bool:
        """Whether it counts as a session (`session_counts`); a file written before the
        rule may hold one that does not, kept in the file but not counted or drawn."""
        return session_counts(self.duration_s, self.steps_done)

    def __post_init__(self) -> None:
        if self.preset not in PRESETS:
            raise ValueError(f"preset must be one of {', '.join(PRESETS)}, got {self.preset!r:.40}")
        object.__setattr__(self, "start", check_utc(self.start, "session start"))
        for what, value, top in (
            ("duration_s", self.duration_s, MAX_SESSION_SECONDS),
            ("steps_done", self.steps_done, MAX_SESSION_STEPS),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top:
                raise ValueError(
                    f"{what} must be a whole number from 0 to {top:,}, got {value!r:.40}"
                )


def session_counts(duration_s: int, steps_done: int) -> bool:
    """Whether a rolling session counts as one: at least one of its steps done, or at
    least `MIN_SESSION_SECONDS` rolled. A session started and stopped at once (a wrong
    preset, a phone call) is not stored, not counted in the week and not drawn in the
    History; the program says so when it leaves one out.

    >>> session_counts(4, 0), session_counts(60, 0), session_counts(20, 1)
    (False, True, True)
    """
    return steps_done >= 1 or duration_s >= MIN_SESSION_SECONDS


def check_limits(
    name: str,
    spots: tuple[Spot, ...],
    history: tuple[CheckIn, ...],
    answers: tuple[PressAnswer, ...],
    sessions: tuple[SessionRecord, ...],
) -> None:
    """ValueError if a map with these parts is larger than a map file may hold."""
    if len(spots) > MAX_SPOTS:
        raise ValueError(f"a map holds at most {MAX_SPOTS:,} spots, got {len(spots):,}")
    if len(history) > MAX_CHECKINS:
        raise ValueError(f"a map holds at most {MAX_CHECKINS:,} check-ins, got {len(history):,}")
    readings = sum(len(c.intensities) for c in history)
    if readings > MAX_READINGS:
        raise ValueError(f"a map holds at most {MAX_READINGS:,} readings, got {readings:,}")
    text = len(name) + sum(len(s.note) for s in spots) + sum(len(c.note) for c in history)
    if text > MAX_TEXT_CHARS:
        raise ValueError(
            f"the notes of a map hold at most {MAX_TEXT_CHARS:,} characters in all, got {text:,}"
        )
    vertices = sum(s.area.vertex_count for s in spots if s.area is not None)
    if vertices > MAX_AREA_VERTICES_TOTAL:
        raise ValueError(
            f"the areas of a map hold at most {MAX_AREA_VERTICES_TOTAL:,} positions in all, "
            f"got {vertices:,}"
        )
    if len(answers) > MAX_ANSWERS:
        raise ValueError(f"a map holds at most {MAX_ANSWERS:,} press-test answers")
    if len(sessions) > MAX_SESSIONS:
        raise ValueError(f"a map holds at most {MAX_SESSIONS:,} sessions")


@dataclass(frozen=True)
class Change:
    """What changed in a map, sent to its subscribers (``spot_id`` is None for map-wide
    changes: check-ins, renames, sessions and resets; a press-test answer names its spot,
    a new or changed area is an "edited" spot)."""

    kind: ChangeKind
    spot_id: str | None = None
