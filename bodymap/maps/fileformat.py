"""The ``.bodymap`` file: UTF-8 JSON, read strictly and written atomically.

Reading never runs code (plain ``json`` only), never changes the file, and turns every
problem — too large, not UTF-8, not JSON, a wrong type or range, a future version — into a
`MapFileError` whose message names the problem and where it is (``spots[2].intensity``).
See docs/map-format.md for the format itself.
"""

from __future__ import annotations

import json
import math
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from bodymap.maps.errors import MapFileError
from bodymap.maps.migrations import CURRENT_VERSION, FORMAT_NAME, detect_version, migrate
from bodymap.maps.model import MAX_SPOTS, CheckIn, Spot, TriggerPointMap, utc_now
from bodymap.maps.safe_io import atomic_write

__all__ = [
    "CHECKIN_KEYS",
    "MAX_FILE_BYTES",
    "SPOT_KEYS",
    "TOP_KEYS",
    "dumps_map",
    "load_map",
    "loads_map",
    "map_from_data",
    "map_to_data",
    "parse_json",
    "save_map",
]

MAX_FILE_BYTES = 5 * 1024 * 1024
TOP_KEYS = ("format", "version", "name", "created", "modified", "spots", "history")
SPOT_KEYS = ("id", "view", "x", "y", "side", "intensity", "kind", "note", "created")
CHECKIN_KEYS = ("at", "intensities")
_MAX_NUMBER_DIGITS = 40
_MAX_DATE_CHARS = 40


def _fail(problem: str) -> NoReturn:
    raise MapFileError(problem)


def _reject_constant(name: str) -> NoReturn:
    _fail(f"{name} is not allowed in a map file")


def _parse_int(text: str) -> int:
    if len(text) > _MAX_NUMBER_DIGITS:
        _fail(f"number too large ({len(text)} digits)")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text) if len(text) <= _MAX_NUMBER_DIGITS * 2 else math.inf
    if not math.isfinite(value):
        _fail(f"number too large ({text:.20}…)")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            _fail(f"the key {key!r:.40} appears twice in one object")
        result[key] = value
    return result


def parse_json(data: str | bytes) -> object:
    """Parse map JSON safely: size cap, strict UTF-8, no NaN/Infinity, no duplicate keys."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_FILE_BYTES:
        _fail(f"the file is too large ({len(raw):,} bytes; a map is at most {MAX_FILE_BYTES:,})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        _fail(f"not a text file (invalid UTF-8 at byte {exc.start})")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        _fail("the file is empty")
    try:
        return json.loads(
            text,
            parse_constant=_reject_constant,
            parse_int=_parse_int,
            parse_float=_parse_float,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        short = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        where = f"{'' if exc.msg.endswith(' at') else ' at'} line {exc.lineno}, column {exc.colno}"
        _fail(f"the file is {'cut short' if short else 'not valid JSON'} ({exc.msg}{where})")
    except RecursionError:
        _fail("not a map (the JSON is nested too deeply)")


def _keys(obj: object, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(obj, dict):
        _fail(f"{where} must be a JSON object, got {type(obj).__name__}")
    unknown = [key for key in obj if key not in keys]
    if unknown:
        _fail(f"unknown key {unknown[0]!r:.40} in {where}")
    missing = [key for key in keys if key not in obj]
    if missing:
        _fail(f"{where} is missing {missing[0]!r}")
    return obj


def _date(value: object, where: str) -> datetime:
    if not isinstance(value, str) or len(value) > _MAX_DATE_CHARS:
        _fail(f"{where} must be an ISO 8601 date and time, got {value!r:.40}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        _fail(f"{where} is not a valid date and time: {value!r:.40}")
    if moment.tzinfo is None:
        _fail(f"{where} needs a time zone (e.g. 'Z' for UTC): {value!r:.40}")
    return moment.astimezone(UTC)


def _spot(obj: object, where: str) -> Spot:
    fields = _keys(obj, where, SPOT_KEYS)
    values = {key: fields[key] for key in SPOT_KEYS if key != "created"}
    created = _date(fields["created"], f"{where}.created")
    try:
        return Spot(**values, created=created)
    except (ValueError, TypeError) as exc:
        _fail(f"{where}: {exc}")


def _checkin(obj: object, where: str, spot_ids: set[str]) -> CheckIn:
    fields = _keys(obj, where, CHECKIN_KEYS)
    at = _date(fields["at"], f"{where}.at")
    intensities = fields["intensities"]
    if not isinstance(intensities, dict):
        _fail(f"{where}.intensities must be a JSON object of spot id → intensity")
    for spot_id in intensities:
        if spot_id not in spot_ids:
            _fail(f"{where} names an unknown spot {spot_id!r:.40}")
    try:
        return CheckIn(at, intensities)
    except ValueError as exc:
        _fail(f"{where}: {exc}")


def map_from_data(data: object, now: datetime | None = None) -> TriggerPointMap:
    """Check parsed JSON (any supported version) and build the map; ``now`` fills dates an
    old version did not record."""
    if not isinstance(data, dict):
        _fail("not a bodymap map (expected a JSON object)")
    version = detect_version(data)
    data = migrate(data, version, now or utc_now())
    fields = _keys(data, "the map", TOP_KEYS)
    if fields["version"] != CURRENT_VERSION:
        _fail(f"'version' must be {CURRENT_VERSION}")
    name = fields["name"]
    created = _date(fields["created"], "created")
    modified = _date(fields["modified"], "modified")
    raw_spots, raw_history = fields["spots"], fields["history"]
    if not isinstance(raw_spots, list):
        _fail("'spots' must be a list")
    if len(raw_spots) > MAX_SPOTS:
        _fail(f"too many spots ({len(raw_spots):,}; a map holds at most {MAX_SPOTS:,})")
    if not isinstance(raw_history, list):
        _fail("'history' must be a list")
    spots = [_spot(obj, f"spots[{index}]") for index, obj in enumerate(raw_spots)]
    seen: set[str] = set()
    for index, spot in enumerate(spots):
        if spot.id in seen:
            _fail(f"spots[{index}] repeats the id {spot.id!r} of an earlier spot")
        seen.add(spot.id)
    history = [_checkin(obj, f"history[{i}]", seen) for i, obj in enumerate(raw_history)]
    for index in range(1, len(history)):
        if history[index].at <= history[index - 1].at:
            _fail(f"history[{index}] is not later than the check-in before it")
    try:
        return TriggerPointMap(name, spots, history, created, modified)
    except ValueError as exc:
        _fail(f"{exc}")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def map_to_data(tpm: TriggerPointMap) -> dict[str, Any]:
    """The map as plain JSON-ready data (the current version)."""
    return {
        "format": FORMAT_NAME,
        "version": CURRENT_VERSION,
        "name": tpm.name,
        "created": _iso(tpm.created),
        "modified": _iso(tpm.modified),
        "spots": [
            {
                "id": s.id,
                "view": s.view,
                "x": s.x,
                "y": s.y,
                "side": s.side,
                "intensity": s.intensity,
                "kind": s.kind,
                "note": s.note,
                "created": _iso(s.created),
            }
            for s in tpm.spots
        ],
        "history": [{"at": _iso(c.at), "intensities": dict(c.intensities)} for c in tpm.history],
    }


def _line(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def dumps_map(tpm: TriggerPointMap) -> str:
    """The file text: one key per line, one spot or check-in per line (readable diffs)."""
    data = map_to_data(tpm)
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            rows = ",\n".join(f"    {_line(item)}" for item in value)
            parts.append(f'  "{key}": [\n{rows}\n  ]' if value else f'  "{key}": []')
        else:
            parts.append(f'  "{key}": {_line(value)}')
    return "{\n" + ",\n".join(parts) + "\n}\n"


def loads_map(text: str | bytes) -> TriggerPointMap:
    """A map from file text or bytes; MapFileError if it is not a valid map."""
    return map_from_data(parse_json(text))


def load_map(path: str | os.PathLike[str]) -> TriggerPointMap:
    """Read a ``.bodymap`` file (read-only; the file is never changed)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # before open: a FIFO would block it
            raise MapFileError("not a regular file", path)
        with open(path, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise MapFileError("not a regular file", path)
            if info.st_size > MAX_FILE_BYTES:
                raise MapFileError(
                    f"the file is too large ({info.st_size:,} bytes; "
                    f"a map is at most {MAX_FILE_BYTES:,})",
                    path,
                )
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise MapFileError(f"cannot read the file ({exc.strerror or exc})", path) from exc
    try:
        saved = datetime.fromtimestamp(info.st_mtime, UTC)
        return map_from_data(parse_json(raw), now=saved)
    except MapFileError as exc:
        raise MapFileError(exc.problem, path) from None


def save_map(tpm: TriggerPointMap, path: str | os.PathLike[str]) -> None:
    """Write the map atomically, keeping the previous file as ``<name>.bak``."""
    data = dumps_map(tpm).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise MapFileError(
            f"the map is too large to save ({len(data):,} bytes; at most {MAX_FILE_BYTES:,})",
            path,
        )
    atomic_write(Path(path), data, backup=True)
