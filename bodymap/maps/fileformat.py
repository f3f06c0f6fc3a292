"""The ``.bodymap`` file: UTF-8 JSON, read strictly and written atomically.

Reading never runs code (plain ``json`` only), never changes the file, and turns every
problem — too large, not UTF-8, not JSON, a wrong type or range, a future version — into a
`MapFileError` whose message names the problem and where it is (``spots[2].intensity``).
See docs/map-format.md for the format itself.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import compress
from pathlib import Path
from typing import Any, NoReturn

from bodymap.maps.area import Area
from bodymap.maps.errors import MapFileError
from bodymap.maps.migrations import CURRENT_VERSION, FORMAT_NAME, detect_version, migrate
from bodymap.maps.model import TriggerPointMap
from bodymap.maps.safe_io import FileStamp, atomic_write, backup_path, os_reason
from bodymap.maps.values import (
    MAX_ANSWERS,
    MAX_AREA_VERTICES_TOTAL,
    MAX_CHECKINS,
    MAX_READINGS,
    MAX_SESSIONS,
    MAX_SPOTS,
    MAX_TEXT_CHARS,
    CheckIn,
    PressAnswer,
    SessionRecord,
    Spot,
    check_side,
    check_utc,
    utc_now,
)

__all__ = [
    "ANSWER_KEYS",
    "HISTORY_KEYS",
    "MAP_SUFFIX",
    "MAX_FILE_BYTES",
    "SESSION_KEYS",
    "SPOT_KEYS",
    "SPOT_OPTIONAL_KEYS",
    "TOP_KEYS",
    "dumps_map",
    "holds_a_map",
    "load_map",
    "load_map_stamped",
    "loads_map",
    "map_from_data",
    "map_to_data",
    "parse_json",
    "previous_version",
    "read_map_bytes",
    "save_map",
    "worst_case_bytes",
]

MAP_SUFFIX = ".bodymap"
"""A map file's name ending."""
MAX_FILE_BYTES = 64 * 1024 * 1024
"""The file size cap (reading and writing). The 20-year map (100 spots, two check-ins a day)
takes about 1.6 MB; the largest map the content limits allow writes under
`worst_case_bytes` (about 57 MB), so every map that loads also saves."""
TOP_KEYS = (
    "format",
    "version",
    "name",
    "created",
    "modified",
    "spots",
    "history",
    "press_tests",
    "sessions",
)
SPOT_KEYS = ("id", "view", "x", "y", "side", "intensity", "kind", "note", "created")
SPOT_OPTIONAL_KEYS = ("area",)
HISTORY_KEYS = ("columns", "checkins")
ANSWER_KEYS = ("spot", "muscle", "side", "answer", "at")
SESSION_KEYS = ("preset", "start", "duration_s", "steps_done")
READING_CHARS = "0123456789A"
"""One character per reading in a dense check-in row: 0–9, and A for 10; '-' = no reading."""
_DENSE = re.compile(r"[0-9A-]*")
_VALUE: dict[str, int | None] = {char: value for value, char in enumerate(READING_CHARS)}
_CHAR = {value: char for char, value in _VALUE.items()}
_VALUE["-"] = None
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
        # Plain words for the person opening the file; the parser's own message is jargon.
        # a map ends with its closing brace: a file that stops before it was cut short,
        # wherever the parser noticed (inside a number, a word, between two values)
        short = not text.rstrip().endswith("}") or exc.msg.startswith("Unterminated string")
        where = f"line {exc.lineno}, column {exc.colno}"
        if not text.lstrip().startswith(("{", "[")):  # another kind of file altogether
            _fail("this is not a bodymap map: the file holds something else (text or data)")
        if short:
            _fail(f"the file is cut short at {where}: it was not saved completely")
        _fail(f"the file is damaged at {where}: it can no longer be read as a map")
    except RecursionError:
        _fail("not a map (the JSON is nested too deeply)")


def _keys(
    obj: object, where: str, keys: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    if not isinstance(obj, dict):
        _fail(f"{where} must be a JSON object, got {type(obj).__name__}")
    unknown = [key for key in obj if key not in keys and key not in optional]
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
    try:
        return check_utc(moment, where)
    except ValueError:
        _fail(f"{where} is out of range (years 1900 to 2999 only): {value!r:.40}")


def _list(value: object, where: str, limit: int, what: str) -> list[Any]:
    if not isinstance(value, list):
        _fail(f"'{where}' must be a list")
    if len(value) > limit:
        _fail(f"too many {what} ({len(value):,}; a map holds at most {limit:,})")
    return value


def _spot(obj: object, where: str) -> Spot:
    fields = _keys(obj, where, SPOT_KEYS, SPOT_OPTIONAL_KEYS)
    values = {key: fields[key] for key in SPOT_KEYS if key != "created"}
    created = _date(fields["created"], f"{where}.created")
    try:
        area = Area.from_geojson(fields["area"]) if "area" in fields else None
        spot = Spot(**values, created=created, area=area)
    except (ValueError, TypeError) as exc:
        _fail(f"{where}: {exc}")
    try:
        check_side(spot.view, spot.x, spot.side)
    except ValueError as exc:
        _fail(f"{where} (spot {int(where[6:-1]) + 1}, id {spot.id!r}): {exc}")
    return spot


def _history(obj: object, spot_ids: set[str]) -> list[CheckIn]:
    fields = _keys(obj, "history", HISTORY_KEYS)
    columns = _list(fields["columns"], "history.columns", MAX_SPOTS, "history columns")
    seen: set[str] = set()
    for index, spot_id in enumerate(columns):
        if not isinstance(spot_id, str) or spot_id not in spot_ids:
            _fail(f"history.columns[{index}] names an unknown spot {spot_id!r:.40}")
        if spot_id in seen:
            _fail(f"history.columns[{index}] repeats the spot {spot_id!r:.40}")
        seen.add(spot_id)
    rows = _list(fields["checkins"], "history.checkins", MAX_CHECKINS, "check-ins")
    history: list[CheckIn] = []
    total = 0
    width, dense_match, value_of = len(columns), _DENSE.fullmatch, _VALUE.get
    for index, row in enumerate(rows):
        where = f"history.checkins[{index}]"
        if not isinstance(row, list) or not 2 <= len(row) <= 3:
            _fail(f"{where} must be [time, readings] or [time, readings, note]")
        at = _date(row[0], f"{where}[0]")
        readings = row[1]
        intensities: dict[str, Any]  # checked: by the pattern (text) or by CheckIn (pairs)
        if isinstance(readings, str):
            if len(readings) > width or not dense_match(readings):
                _fail(f"{where}[1] must hold one of 0–9, A or - per column, got {readings!r:.40}")
            present: Iterator[str]
            if "-" in readings:  # C-level calls only: years of rows must load fast
                present = compress(columns, map("-".__ne__, readings))
                readings = readings.replace("-", "")
            else:
                present = iter(columns)
            intensities = dict(zip(present, map(value_of, readings), strict=False))
            dense = True
        elif isinstance(readings, list):
            dense = False
            intensities = {}
            for pair in readings:
                if not (isinstance(pair, list) and len(pair) == 2 and type(pair[0]) is int):
                    _fail(f"{where}[1] must be a list of [column, intensity] pairs")
                column = pair[0]
                if not 0 <= column < len(columns) or columns[column] in intensities:
                    _fail(f"{where}[1] names column {column} twice or out of range")
                intensities[columns[column]] = pair[1]
        else:
            _fail(f"{where}[1] must be a text of readings or a list of [column, intensity] pairs")
        total += len(intensities)
        if total > MAX_READINGS:
            _fail(f"too many readings (a map holds at most {MAX_READINGS:,})")
        note = row[2] if len(row) == 3 else ""
        try:
            # a dense row's readings are valid by the pattern above; pairs are checked here
            checkin = (
                CheckIn.checked(at, intensities, note) if dense else CheckIn(at, intensities, note)
            )
        except ValueError as exc:
            _fail(f"{where}: {exc}")
        if history and checkin.at <= history[-1].at:
            _fail(f"{where} is not later than the check-in before it")
        history.append(checkin)
    return history


def _answer(obj: object, where: str, spot_ids: set[str]) -> PressAnswer:
    fields = _keys(obj, where, ANSWER_KEYS)
    at = _date(fields["at"], f"{where}.at")
    try:
        answer = PressAnswer(fields["spot"], fields["muscle"], fields["side"], fields["answer"], at)
    except ValueError as exc:
        _fail(f"{where}: {exc}")
    if answer.spot_id not in spot_ids:
        _fail(f"{where} names an unknown spot {answer.spot_id!r}")
    return answer


def _session(obj: object, where: str) -> SessionRecord:
    fields = _keys(obj, where, SESSION_KEYS)
    start = _date(fields["start"], f"{where}.start")
    try:
        return SessionRecord(fields["preset"], start, fields["duration_s"], fields["steps_done"])
    except ValueError as exc:
        _fail(f"{where}: {exc}")


@contextmanager
def _without_gc_pauses() -> Iterator[None]:
    """Hold off the cyclic garbage collector while a map is built or written: years of
    check-ins are many small objects without cycles, and collections triggered by their
    sheer number cost more than the work itself."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def map_from_data(data: object, now: datetime | None = None) -> TriggerPointMap:
    """Check parsed JSON (any supported version) and build the map; ``now`` fills dates an
    old version did not record."""
    with _without_gc_pauses():
        return _map_from_data(data, now)


def _map_from_data(data: object, now: datetime | None) -> TriggerPointMap:
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
    raw_spots = _list(fields["spots"], "spots", MAX_SPOTS, "spots")
    spots = [_spot(obj, f"spots[{index}]") for index, obj in enumerate(raw_spots)]
    seen: set[str] = set()
    for index, spot in enumerate(spots):
        if spot.id in seen:
            _fail(f"spots[{index}] repeats the id {spot.id!r} of an earlier spot")
        seen.add(spot.id)
    history = _history(fields["history"], seen)
    raw_answers = _list(fields["press_tests"], "press_tests", MAX_ANSWERS, "press-test answers")
    answers = [_answer(obj, f"press_tests[{i}]", seen) for i, obj in enumerate(raw_answers)]
    keys = set()
    for index, answer in enumerate(answers):
        if answer.key in keys:
            _fail(f"press_tests[{index}] repeats the answer for its spot, muscle and side")
        keys.add(answer.key)
    raw_sessions = _list(fields["sessions"], "sessions", MAX_SESSIONS, "sessions")
    sessions = [_session(obj, f"sessions[{i}]") for i, obj in enumerate(raw_sessions)]
    try:
        return TriggerPointMap(name, spots, history, created, modified, answers, sessions)
    except ValueError as exc:
        _fail(f"{exc}")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _spot_data(spot: Spot) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": spot.id,
        "view": spot.view,
        "x": spot.x,
        "y": spot.y,
        "side": spot.side,
        "intensity": spot.intensity,
        "kind": spot.kind,
        "note": spot.note,
        "created": _iso(spot.created),
    }
    if spot.area is not None:
        data["area"] = spot.area.to_geojson()
    return data


def _history_data(history: tuple[CheckIn, ...], spots: tuple[Spot, ...]) -> dict[str, Any]:
    """Columns: the spots with readings, in map order. A check-in's readings are a text of
    one character per column (trailing '-' left out) or, when that would be longer (a few
    readings among many spots), a list of [column, intensity] pairs."""
    used = set().union(*(c.intensities for c in history)) if history else set()
    columns = [spot.id for spot in spots if spot.id in used]
    rows: list[list[Any]] = []
    char = _CHAR
    for checkin in history:
        values = checkin.intensities
        dense = "".join([char[values[c]] if c in values else "-" for c in columns]).rstrip("-")
        if len(dense) <= 7 * len(values):
            readings: Any = dense
        else:
            readings = [[i, values[c]] for i, c in enumerate(columns) if c in values]
        row = [_iso(checkin.at), readings]
        if checkin.note:
            row.append(checkin.note)
        rows.append(row)
    return {"columns": columns, "checkins": rows}


def map_to_data(tpm: TriggerPointMap) -> dict[str, Any]:
    """The map as plain JSON-ready data (the current version)."""
    return {
        "format": FORMAT_NAME,
        "version": CURRENT_VERSION,
        "name": tpm.name,
        "created": _iso(tpm.created),
        "modified": _iso(tpm.modified),
        "spots": [_spot_data(s) for s in tpm.spots],
        "history": _history_data(tpm.history, tpm.spots),
        "press_tests": [
            {
                "spot": a.spot_id,
                "muscle": a.muscle,
                "side": a.side,
                "answer": a.answer,
                "at": _iso(a.at),
            }
            for a in tpm.answers
        ],
        "sessions": [
            {
                "preset": s.preset,
                "start": _iso(s.start),
                "duration_s": s.duration_s,
                "steps_done": s.steps_done,
            }
            for s in tpm.sessions
        ],
    }


_COMPACT = (",", ":")


def _line(value: object, separators: tuple[str, str] | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=separators)


def _rows(key: str, items: list[Any], separators: tuple[str, str] | None = None) -> str:
    if not items:
        return f'"{key}": []'
    rows = ",\n".join(f"    {_line(item, separators)}" for item in items)
    return f'"{key}": [\n{rows}\n  ]'


def dumps_map(tpm: TriggerPointMap) -> str:
    """The file text: one key per line, one spot, check-in, answer or session per line
    (readable diffs); check-in rows are written without spaces."""
    with _without_gc_pauses():
        return _dumps(map_to_data(tpm))


def _dumps(data: dict[str, Any]) -> str:
    parts = []
    for key, value in data.items():
        if key == "history":
            rows = ",\n".join(f"      {_line(row, _COMPACT)}" for row in value["checkins"])
            checkins = f"[\n{rows}\n    ]" if rows else "[]"
            parts.append(
                f'"history": {{\n    "columns": {_line(value["columns"])},\n'
                f'    "checkins": {checkins}\n  }}'
            )
        elif isinstance(value, list):
            parts.append(_rows(key, value))
        else:
            parts.append(f'"{key}": {_line(value)}')
    return "{\n" + ",\n".join(f"  {part}" for part in parts) + "\n}\n"


# The most bytes one item of each kind can take in the file text (with its separators),
# from the limits in bodymap.maps.values; tests check each against a worst-case item.
ITEM_BYTES = {
    "top": 1_000,  # the keys, dates and brackets of the map itself (its name is text)
    "spot": 400,  # a spot without its note and area: a 64-character id, long float reprs
    "column": 70,  # a 64-character spot id in history.columns
    "checkin": 40,  # a check-in row without readings or note: time with microseconds
    "reading": 11,  # the longest: a [4999,10], pair (10 bytes), with room to spare
    "text_char": 6,  # a note character written as \u001f (control characters)
    "text_item": 4,  # the quotes and comma around a check-in's note
    "vertex": 60,  # [x, y] with two long float reprs
    "part": 10,  # the brackets of a polygon part or ring
    "area": 60,  # "area": {"type": "MultiPolygon", "coordinates": ...}
    "answer": 260,  # two 64-character ids, side, answer, time
    "session": 130,  # preset, time with microseconds, two numbers
}


def worst_case_bytes() -> int:
    """An upper bound of the file size of any map within the content limits."""
    b = ITEM_BYTES
    return (
        b["top"]
        + MAX_SPOTS * (b["spot"] + b["column"] + b["area"])
        + MAX_CHECKINS * (b["checkin"] + b["text_item"])
        + MAX_READINGS * b["reading"]
        + MAX_TEXT_CHARS * b["text_char"]
        + MAX_AREA_VERTICES_TOTAL * (b["vertex"] + b["part"])
        + MAX_ANSWERS * b["answer"]
        + MAX_SESSIONS * b["session"]
    )


def loads_map(text: str | bytes) -> TriggerPointMap:
    """A map from file text or bytes; MapFileError if it is not a valid map."""
    return map_from_data(parse_json(text))


def load_map(path: str | os.PathLike[str]) -> TriggerPointMap:
    """Read a ``.bodymap`` file (read-only; the file is never changed)."""
    return load_map_stamped(path)[0]


def load_map_stamped(path: str | os.PathLike[str]) -> tuple[TriggerPointMap, FileStamp]:
    """`load_map`, and the stamp of the very bytes the map was read from (so a later save
    can tell whether another program has changed the file since)."""
    raw, saved = read_map_bytes(path)
    try:
        return map_from_data(parse_json(raw), now=saved), FileStamp.of(raw)
    except MapFileError as exc:
        raise type(exc)(exc.problem, path) from None


def previous_version(path: str | os.PathLike[str]) -> tuple[TriggerPointMap, datetime] | None:
    """The previous version of the map in ``path`` that the last save kept beside it as
    ``<name>.bak`` (see `backup_path`), and when it was saved; None if there is none or it
    cannot be read either. Read only, like `load_map`."""
    try:
        raw, saved = read_map_bytes(backup_path(path))
        return map_from_data(parse_json(raw), now=saved), saved
    except MapFileError:
        return None


def read_map_bytes(path: str | os.PathLike[str]) -> tuple[bytes, datetime]:
    """The bytes of a file that should hold a map (or an autosave of one) and when it was
    last written; MapFileError, naming the file, if it is missing, not a regular file (a
    folder, a FIFO) or larger than `MAX_FILE_BYTES`. Read only."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise MapFileError("it is a folder, not a map file", path)
        if not stat.S_ISREG(mode):  # before open: a FIFO would block it
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
    except FileNotFoundError as exc:
        raise MapFileError("there is no such file", path) from exc
    except OSError as exc:
        raise MapFileError(f"cannot read the file ({os_reason(exc)})", path) from exc
    return raw, datetime.fromtimestamp(info.st_mtime, UTC)


def save_map(tpm: TriggerPointMap, path: str | os.PathLike[str]) -> FileStamp:
    """Write the map atomically, keeping the previous file as ``<name>.bak``; the stamp of
    the bytes written. The size check
    is a safeguard only: the content limits keep every map under the cap. So is the side
    check: the verbs never make a spot whose side contradicts its x, but a spot built by
    hand could, and bodymap never writes a file it would refuse to open."""
    for number, spot in enumerate(tpm.spots, start=1):
        try:
            check_side(spot.view, spot.x, spot.side)
        except ValueError as exc:
            raise MapFileError(f"cannot save spot {number} (id {spot.id!r}): {exc}", path) from None
    data = dumps_map(tpm).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise MapFileError(
            f"the map is too large to save ({len(data):,} bytes; at most {MAX_FILE_BYTES:,})",
            path,
        )
    atomic_write(Path(path), data, backup=True)
    return FileStamp.of(data)


def holds_a_map(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` (or what a link there leads to) is a map: named ``.bodymap``, or
    holding one whatever its name. Nothing is ever written over such a file but the map
    itself (an export named like a picture that leads to a map is refused)."""
    if Path(os.path.realpath(path)).suffix.lower() == MAP_SUFFIX:
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.lstrip()[:1] == b"{" and f'"{FORMAT_NAME}"'.encode() in head
