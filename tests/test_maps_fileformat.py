"""The .bodymap file: round trips, strict rejections with clear messages, migrations."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from map_strategies import maps

from bodymap.maps import (
    MapFileError,
    TriggerPointMap,
    dumps_map,
    fileformat,
    load_map,
    loads_map,
    migrations,
    save_map,
)

SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=examples(150),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def base_data() -> dict[str, Any]:
    return {
        "format": "bodymap-map",
        "version": 1,
        "name": "Desk",
        "created": "2025-03-03T18:00:00Z",
        "modified": "2025-03-04T08:00:00Z",
        "spots": [
            {"id": "a", "view": "back", "x": 550.0, "y": 170.0, "side": "right",
             "intensity": 7, "kind": "ache", "note": "", "created": "2025-03-03T18:00:00Z"},
            {"id": "b", "view": "front", "x": 462, "y": 55, "side": "right",
             "intensity": 5, "kind": "sharp", "note": "temple", "created": "2025-03-03T18:01:00Z"},
        ],
        "history": [{"at": "2025-03-03T18:05:00Z", "intensities": {"a": 7, "b": 5}}],
    }  # fmt: skip


# -- round trips -----------------------------------------------------------------------------
@pytest.mark.slow
@SETTINGS
@given(maps())
def test_dumps_then_loads_gives_an_equal_map(tpm: TriggerPointMap) -> None:
    text = dumps_map(tpm)
    assert loads_map(text) == tpm
    assert loads_map(text.encode("utf-8")) == tpm
    assert dumps_map(loads_map(text)) == text  # stable text: saving again changes nothing


@pytest.mark.slow
@settings(SETTINGS, max_examples=examples(40))
@given(maps())
def test_save_then_load_gives_an_equal_map(tmp_path: Path, tpm: TriggerPointMap) -> None:
    path = tmp_path / "roundtrip.bodymap"
    save_map(tpm, path)
    assert load_map(path) == tpm


def test_written_file_is_plain_readable_utf8_json(tmp_path: Path) -> None:
    tpm = loads_map(json.dumps(base_data()))
    path = tmp_path / "m.bodymap"
    save_map(tpm, path)
    raw = path.read_bytes()
    data = json.loads(raw.decode("utf-8"))
    assert list(data) == list(fileformat.TOP_KEYS)
    assert data["created"] == "2025-03-03T18:00:00Z" and data["spots"][1]["x"] == 462.0
    # one line per field, spot and check-in; the history object takes five of its own
    assert raw.count(b"\n") == 2 + 5 + 2 + 2 + 5 + 1 + 2


def test_other_time_zones_are_read_as_utc() -> None:
    data = base_data()
    data["created"] = "2025-03-03T20:00:00+02:00"
    assert loads_map(json.dumps(data)).created == T0


# -- rejections ---------------------------------------------------------------------------------
Mutation = Callable[[dict[str, Any]], object]


def _set(path: str, value: object) -> Mutation:
    def mutate(data: dict[str, Any]) -> object:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if last.isdigit() and int(last) == len(target):
            target.append(value)
        elif last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value
        return data

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> object:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]
        return data

    return mutate


def _many_spots(data: dict[str, Any]) -> object:
    spot = data["spots"][0]
    data["spots"] = [{**spot, "id": f"s{i}"} for i in range(5001)]
    data["history"] = []
    return data


REJECTIONS: list[tuple[str, Mutation, str]] = [
    ("bool intensity", _set("spots.1.intensity", True), "spots[1]: intensity must be a whole"),
    ("float intensity", _set("spots.0.intensity", 6.5), "spots[0]: intensity must be a whole"),
    ("intensity 11", _set("spots.1.intensity", 11), "spots[1]: intensity must be from 0 to 10"),
    ("unknown kind", _set("spots.0.kind", "stabbing"), "spots[0]: kind must be one of"),
    ("unknown view", _set("spots.0.view", "side"), "spots[0]: view must be"),
    ("unknown side", _set("spots.1.side", "up"), "spots[1]: side must be"),
    ("x too far", _set("spots.0.x", 1200), "spots[0]: x = 1200 is outside the body frame"),
    ("y too far", _set("spots.1.y", -50.5), "spots[1]: y = -50.5 is outside the body frame"),
    ("x as text", _set("spots.0.x", "550"), "spots[0]: x must be a number"),
    ("bool x", _set("spots.0.x", False), "spots[0]: x must be a number"),
    ("null note", _set("spots.0.note", None), "spots[0]: note must be text"),
    ("long note", _set("spots.0.note", "n" * 2001), "spots[0]: note is too long"),
    ("bad id", _set("spots.0.id", "has space"), "spots[0]: id must be"),
    ("duplicate ids", _set("spots.1.id", "a"), "spots[1] repeats the id 'a'"),
    ("unknown key", _set("spots.1.colour", "red"), "unknown key 'colour' in spots[1]"),
    ("missing key", _delete("spots.0.kind"), "spots[0] is missing 'kind'"),
    ("spot not object", _set("spots.1", [1, 2]), "spots[1] must be a JSON object"),
    ("top unknown key", _set("extra", 1), "unknown key 'extra' in the map"),
    ("top missing key", _delete("history"), "the map is missing 'history'"),
    ("spots not list", _set("spots", {}), "'spots' must be a list"),
    ("history not list", _set("history", None), "'history' must be a list"),
    ("name not text", _set("name", 5), "map name must be text"),
    ("blank name", _set("name", "  "), "map name must not be empty"),
    ("bad date", _set("created", "yesterday"), "created is not a valid date"),
    ("date as number", _set("modified", 1700000000), "modified must be an ISO 8601"),
    ("naive date", _set("spots.0.created", "2025-03-03T18:00:00"), "needs a time zone"),
    ("bad month", _set("history.0.at", "2025-13-03T18:05:00Z"),
     "history.checkins[0][0] is not a valid"),
    ("unknown spot in history", _set("history.0.intensities.zz", 3),
     "history.columns[2] names an unknown spot 'zz'"),
    ("bool in history", _set("history.0.intensities.a", True),
     "history.checkins[0]: check-in intensity"),
    ("history out of order", _set("history.1", {"at": "2025-03-03T18:05:00Z", "intensities": {}}),
     "history.checkins[1] is not later"),
    ("too many spots", _many_spots, "too many spots (5,001"),
    ("wrong format", _set("format", "bodymap-atlas"), "not a bodymap map (format is"),
    ("no format", _delete("format"), "not a bodymap map (no 'format' field)"),
    ("bool version", _set("version", True), "'version' must be a whole number"),
    ("text version", _set("version", "1"), "'version' must be a whole number"),
    ("future version", _set("version", 7),
     "this map was made by a newer bodymap (version 7); update bodymap to open it"),
    ("list at top", lambda d: [d], "not a bodymap map (expected a JSON object)"),
]  # fmt: skip


@pytest.mark.parametrize(("mutation", "message"), [r[1:] for r in REJECTIONS],
                         ids=[r[0] for r in REJECTIONS])  # fmt: skip
def test_bad_content_is_one_clear_error(mutation: Mutation, message: str) -> None:
    text = json.dumps(mutation(base_data()))
    with pytest.raises(MapFileError) as info:
        loads_map(text)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


BAD_TEXT = [
    ("NaN", json.dumps(base_data()).replace("550.0", "NaN"), "NaN is not allowed"),
    ("Infinity", json.dumps(base_data()).replace("550.0", "-Infinity"), "-Infinity is not allowed"),
    ("huge float", json.dumps(base_data()).replace("550.0", "1e999"), "number too large"),
    ("huge int", json.dumps(base_data()).replace("550.0", "9" * 5000), "number too large"),
    ("truncated", json.dumps(base_data())[:-40], "cut short"),
    (
        "invalid json",
        "{'format': 'bodymap-map'}",
        "the file is damaged at line 1, column 2: it can no longer be read as a map",
    ),
    ("plain text", "Shopping list:\nmilk", "this is not a bodymap map: the file holds something"),
    ("empty", "  \n", "the file is empty"),
    ("duplicate key", '{"format": "bodymap-map", "format": "x"}', "'format' appears twice"),
    ("deep nesting", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("not utf-8", b'{"name": "\xff\xfe"}', "invalid UTF-8 at byte 10"),
    ("binary", bytes(range(256)), "invalid UTF-8"),
    ("pickle", b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00}\x94.", "invalid UTF-8"),
]


@pytest.mark.parametrize(("text", "message"), [r[1:] for r in BAD_TEXT],
                         ids=[r[0] for r in BAD_TEXT])  # fmt: skip
def test_bad_text_is_one_clear_error(text: str | bytes, message: str) -> None:
    with pytest.raises(MapFileError, match=None) as info:
        loads_map(text)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_a_byte_order_mark_is_accepted() -> None:
    assert loads_map(b"\xef\xbb\xbf" + json.dumps(base_data()).encode()).name == "Desk"


# -- files -----------------------------------------------------------------------------------------
def _snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_errors_name_the_file_and_leave_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "broken.bodymap"
    path.write_text(json.dumps(_set("spots.1.intensity", 12)(base_data())), encoding="utf-8")
    before = _snapshot(path)
    with pytest.raises(MapFileError) as info:
        load_map(path)
    assert str(info.value).startswith("broken.bodymap: spots[1]: intensity")
    assert info.value.path == str(path)
    assert _snapshot(path) == before
    assert sorted(os.listdir(tmp_path)) == ["broken.bodymap"]


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.bodymap"
    with open(path, "wb") as stream:
        stream.truncate(fileformat.MAX_FILE_BYTES + 1)
    with pytest.raises(MapFileError, match="too large"):
        load_map(path)
    with pytest.raises(MapFileError, match="too large"):
        loads_map(b" " * (fileformat.MAX_FILE_BYTES + 1))


def test_missing_file_and_folder_are_map_file_errors(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="there is no such file"):
        load_map(tmp_path / "nope.bodymap")
    with pytest.raises(MapFileError, match="it is a folder, not a map file"):
        load_map(tmp_path)
    with pytest.raises(MapFileError, match="the file name is too long"):
        load_map(tmp_path / ("a" * 300 + ".bodymap"))


def test_a_map_too_large_to_reopen_is_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tpm = loads_map(json.dumps(base_data()))
    monkeypatch.setattr(fileformat, "MAX_FILE_BYTES", 200)
    with pytest.raises(MapFileError, match="too large to save"):
        save_map(tpm, tmp_path / "m.bodymap")
    assert not list(tmp_path.iterdir())


# -- versions and migrations --------------------------------------------------------------------
DRAFT = {
    "version": 0,
    "name": "Old notes",
    "saved": "2024-02-01T09:30:00Z",
    "spots": [
        {"view": "back", "x": 550, "y": 170, "intensity": 6},
        {"view": "front", "x": 462.5, "y": 55, "intensity": 4},
        {"view": "back", "x": 500, "y": 390, "intensity": 3},
    ],
}


def test_version_0_draft_migrates_to_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "old.bodymap"
    path.write_text(json.dumps(DRAFT), encoding="utf-8")
    before = _snapshot(path)
    tpm = load_map(path)
    assert _snapshot(path) == before  # migrating never rewrites the file
    saved = datetime(2024, 2, 1, 9, 30, tzinfo=UTC)
    assert tpm.name == "Old notes" and tpm.created == tpm.modified == saved
    assert [(s.id, s.view, s.x, s.y, s.side, s.intensity, s.kind, s.note) for s in tpm.spots] == [
        ("s0001", "back", 550.0, 170.0, "right", 6, "ache", ""),
        ("s0002", "front", 462.5, 55.0, "right", 4, "ache", ""),
        ("s0003", "back", 500.0, 390.0, "midline", 3, "ache", ""),
    ]
    assert tpm.history == ()
    assert loads_map(dumps_map(tpm)) == tpm  # and saves as the current version


def test_a_drafts_spots_keep_the_date_the_draft_was_saved(tmp_path: Path) -> None:
    """A draft spot has no date of its own: it was made by the time the draft was saved,
    never on the day the file is opened (its history and trend start there)."""
    path = tmp_path / "old.bodymap"
    path.write_text(json.dumps(DRAFT), encoding="utf-8")
    saved = datetime(2024, 2, 1, 9, 30, tzinfo=UTC)
    assert [s.created for s in load_map(path).spots] == [saved] * len(DRAFT["spots"])


def test_a_draft_without_dates_takes_the_file_time(tmp_path: Path) -> None:
    path = tmp_path / "older.bodymap"
    path.write_text(json.dumps({"spots": [{"view": "back", "x": 560, "y": 470, "intensity": 5}]}))
    os.utime(path, (1_700_000_000, 1_700_000_000))
    tpm = load_map(path)
    assert tpm.name == "Imported map"
    assert tpm.created == datetime.fromtimestamp(1_700_000_000, UTC)


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        ({**DRAFT, "history": []}, "unknown key 'history' in a version 0 map"),
        ({"spots": [{"view": "back", "x": 1, "y": 2}]}, "spots[0] must have exactly"),
        ({"spots": [{"view": "back", "x": "1", "y": 2, "intensity": 3}]}, "x must be a number"),
        ({"spots": [{"view": "back", "x": 550, "y": 170, "intensity": 12}]}, "spots[0]: intensity"),
        ({"spots": "none"}, "'spots' must be a list"),
        ({"version": 1, "spots": []}, "no 'format' field"),
    ],
)
def test_bad_drafts_are_one_clear_error(draft: dict[str, Any], message: str) -> None:
    with pytest.raises(MapFileError) as info:
        loads_map(json.dumps(draft))
    assert message in str(info.value)


def test_every_older_version_has_a_migration_step() -> None:
    assert set(migrations._STEPS) == set(range(migrations.CURRENT_VERSION))
    with pytest.raises(RuntimeError, match="two migrations"):
        migrations.migration(0)(lambda data, now: data)


def test_the_newest_version_message_is_exact() -> None:
    data = {**base_data(), "version": migrations.CURRENT_VERSION + 1}
    with pytest.raises(MapFileError) as info:
        loads_map(json.dumps(data))
    assert str(info.value) == (
        f"this map was made by a newer bodymap (version {migrations.CURRENT_VERSION + 1}); "
        "update bodymap to open it"
    )


def test_a_named_pipe_is_refused_without_blocking(tmp_path) -> None:
    import os

    fifo = tmp_path / "pipe.bodymap"
    os.mkfifo(fifo)
    with pytest.raises(MapFileError, match="not a regular file"):
        load_map(fifo)  # would block forever if the loader opened it first
