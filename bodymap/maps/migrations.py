"""Bring older map files up to the current version, one small tested step at a time.

Each step is a pure function registered with ``@migration(n)``: it takes the parsed JSON
of a version-``n`` file and returns version ``n + 1``. Loading runs the steps in order and
then checks the result as strictly as any current file. Files are never rewritten here.

Version 2 (see docs/map-format.md) stores the history as columns and rows and adds check-in
notes, spot areas, press-test answers and sessions.

Version 0 is the early draft format (before "format" and check-ins existed)::

    {"version": 0, "name": "...", "saved": "2024-03-01T08:00:00Z",
     "spots": [{"view": "back", "x": 550, "y": 170, "intensity": 6}]}

where "version", "name" and "saved" are optional.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bodymap.maps.errors import MapFileError, NewerMapError, shown
from bodymap.maps.values import side_for

__all__ = ["CURRENT_VERSION", "FORMAT_NAME", "Migration", "detect_version", "migrate", "migration"]

FORMAT_NAME = "bodymap-map"
CURRENT_VERSION = 2

Migration = Callable[[dict[str, Any], datetime], dict[str, Any]]
"""A step: (data of version n, fallback time for missing dates) → data of version n + 1."""

_STEPS: dict[int, Migration] = {}


def migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register the step that turns version ``from_version`` into ``from_version + 1``."""

    def register(step: Migration) -> Migration:
        if from_version in _STEPS:
            raise RuntimeError(f"two migrations from version {from_version}")
        _STEPS[from_version] = step
        return step

    return register


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def detect_version(data: dict[str, Any]) -> int:
    """The format version of a parsed map file; MapFileError if it is not one we can read."""
    if "format" not in data:
        if "spots" in data and data.get("version", 0) == 0 and _is_int(data.get("version", 0)):
            return 0
        raise MapFileError("not a bodymap map (no 'format' field)")
    if data["format"] != FORMAT_NAME:
        raise MapFileError(f"not a bodymap map (format is {data['format']!r:.40})")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise MapFileError(f"'version' must be a whole number from 1, got {shown(version)}")
    if version > CURRENT_VERSION:
        raise NewerMapError(
            f"this map was made by a newer bodymap (version {version}); update bodymap to open it"
        )
    return version


def migrate(data: dict[str, Any], version: int, now: datetime) -> dict[str, Any]:
    """Run the steps from ``version`` to `CURRENT_VERSION`; ``now`` stands in for dates
    an old file did not record."""
    while version < CURRENT_VERSION:
        data = _STEPS[version](data, now)
        version += 1
    return data


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@migration(0)
def _draft_to_v1(data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Draft → 1: add format, dates, spot ids, sides (from x), kind "ache", empty notes and
    an empty history."""
    unknown = sorted(set(data) - {"version", "name", "saved", "spots"})
    if unknown:
        raise MapFileError(f"unknown key {unknown[0]!r:.40} in a version 0 map")
    spots = data["spots"]
    if not isinstance(spots, list):
        raise MapFileError("'spots' must be a list")
    saved = data.get("saved", _iso(now))
    new_spots = []
    for index, spot in enumerate(spots):
        if not isinstance(spot, dict) or set(spot) != {"view", "x", "y", "intensity"}:
            raise MapFileError(
                f"spots[{index}] must have exactly 'view', 'x', 'y' and 'intensity' (version 0)"
            )
        x = spot["x"]
        if isinstance(x, bool) or not isinstance(x, int | float):
            raise MapFileError(f"spots[{index}]: x must be a number, got {shown(x)}")
        new_spots.append(
            {
                "id": f"s{index + 1:04d}",
                "view": spot["view"],
                "x": x,
                "y": spot["y"],
                "side": side_for(str(spot["view"]), float(x)),
                "intensity": spot["intensity"],
                "kind": "ache",
                "note": "",
                "created": saved,
            }
        )
    return {
        "format": FORMAT_NAME,
        "version": 1,
        "name": data.get("name", "Imported map"),
        "created": saved,
        "modified": saved,
        "spots": new_spots,
        "history": [],
    }


_V1_TOP = ("format", "version", "name", "created", "modified", "spots", "history")


@migration(1)
def _v1_to_v2(data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """1 → 2: the history becomes columns (spot ids) and one row per check-in, with no
    notes; no press-test answers and no sessions yet. Spots are kept as they are. The v1
    rules of the history's shape are checked here; ids, values and times by the version 2
    loader."""
    unknown = [key for key in data if key not in _V1_TOP]
    if unknown:
        raise MapFileError(f"unknown key {unknown[0]!r:.40} in the map")
    if "history" not in data:
        return {**data, "version": 2, "press_tests": [], "sessions": []}  # refused later
    history = data["history"]
    if not isinstance(history, list):
        raise MapFileError("'history' must be a list")
    spots = data.get("spots")
    ids = [
        spot["id"]
        for spot in (spots if isinstance(spots, list) else [])
        if isinstance(spot, dict) and isinstance(spot.get("id"), str)
    ]
    used: set[str] = set()
    for index, checkin in enumerate(history):
        if not isinstance(checkin, dict):
            raise MapFileError(f"history[{index}] must be a JSON object")
        extra = [key for key in checkin if key not in ("at", "intensities")]
        if extra:
            raise MapFileError(f"unknown key {extra[0]!r:.40} in history[{index}]")
        missing = [key for key in ("at", "intensities") if key not in checkin]
        if missing:
            raise MapFileError(f"history[{index}] is missing {missing[0]!r}")
        intensities = checkin["intensities"]
        if not isinstance(intensities, dict):
            raise MapFileError(
                f"history[{index}].intensities must be a JSON object of spot id → intensity"
            )
        used.update(intensities)
    # ids no spot has become columns too, so that the loader names them after the spots
    columns = [spot_id for spot_id in dict.fromkeys([*ids, *used]) if spot_id in used]
    position = {spot_id: index for index, spot_id in enumerate(columns)}
    rows = [[c["at"], [[position[k], v] for k, v in c["intensities"].items()]] for c in history]
    return {
        **data,
        "version": 2,
        "history": {"columns": columns, "checkins": rows},
        "press_tests": [],
        "sessions": [],
    }
