"""Map format 2: compact history, check-in notes, areas, press tests, sessions, the date
range, the side rule, size limits, and the migration from version 1."""

from __future__ import annotations

import json
import math
import random
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from map_strategies import maps

from bodymap.maps import (
    Change,
    CheckIn,
    MapFileError,
    Spot,
    TriggerPointMap,
    dumps_map,
    fileformat,
    load_map,
    loads_map,
    save_map,
    values,
)
from bodymap.maps.area import MAX_AREA_VERTICES, Area, area_from_points
from bodymap.maps.verbs import (
    add_spot,
    answer_press_test,
    check_in,
    check_in_today,
    delete_check_in,
    edit_check_in,
    move_spot,
    record_session,
    remove_spot,
    set_area,
    todays_check_in,
)
from bodymap.resources import asset

SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=examples(150),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DATA = Path(__file__).parent / "data"
T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)
BOX = {
    "type": "Polygon",
    "coordinates": [[[500, 150], [600, 150], [600, 200], [500, 200], [500, 150]]],
}


def ten_years(spots: int = 100, years: int = 10, seed: int = 10) -> TriggerPointMap:
    """``spots`` spots checked in twice a day for ``years`` years, a note now and then."""
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, 7, tzinfo=UTC)
    spot_list = [
        Spot(f"s{i:03d}", "front", 300.0 + i, 100.0 + 8 * i, "right", 5, "ache", "", start)
        for i in range(spots)
    ]
    history = [
        CheckIn(
            start + timedelta(days=day, hours=hours),
            {s.id: rng.randint(0, 10) for s in spot_list if rng.random() < 0.97},
            "after a long walk" if rng.random() < 0.03 else "",
        )
        for day in range(365 * years)
        for hours in (0, 13)
    ]
    return TriggerPointMap("Ten years", spot_list, history, start, history[-1].at)


# -- round trips ------------------------------------------------------------------------------
@pytest.mark.slow
@SETTINGS
@given(maps())
def test_the_written_text_is_a_fixed_point(tpm: TriggerPointMap) -> None:
    text = dumps_map(tpm)
    again = loads_map(text)
    assert again == tpm and dumps_map(again) == text
    json.loads(text)  # plain JSON


@pytest.mark.slow
def test_the_ten_year_map_round_trips_unchanged(tmp_path: Path) -> None:
    tpm = ten_years()
    path = tmp_path / "ten.bodymap"
    save_map(tpm, path)
    first = path.read_bytes()
    loaded = load_map(path)
    assert loaded == tpm
    save_map(loaded, path)
    assert path.read_bytes() == first
    assert len(first) < fileformat.MAX_FILE_BYTES // 20


@pytest.mark.slow
def test_twenty_years_of_a_hundred_spots_load_and_save(tmp_path: Path) -> None:
    tpm = ten_years(years=20)
    assert len(tpm.history) == 14_600
    path = tmp_path / "twenty.bodymap"
    save_map(tpm, path)
    assert load_map(path) == tpm


@pytest.mark.slow
def test_a_version_1_map_of_100k_check_ins_loads_and_saves(tmp_path: Path) -> None:
    """The map of the report: 100,000 check-ins in a 4.7 MB version 1 file."""
    ids = [f"spot{i}" for i in range(4)]
    spots = [
        {"id": i, "view": "back", "x": 550.0, "y": 170.0 + n, "side": "right", "intensity": 3,
         "kind": "ache", "note": "", "created": "2020-01-01T00:00:00Z"}
        for n, i in enumerate(ids)
    ]  # fmt: skip
    start = datetime(2020, 1, 1, tzinfo=UTC)
    history = [
        {
            "at": (start + timedelta(minutes=30 * k)).isoformat(),
            "intensities": {i: k % 11 for i in ids},
        }
        for k in range(100_000)
    ]
    data = {"format": "bodymap-map", "version": 1, "name": "Long",
            "created": "2020-01-01T00:00:00Z", "modified": "2026-01-01T00:00:00Z",
            "spots": spots, "history": history}  # fmt: skip
    path = tmp_path / "long.bodymap"
    path.write_text(json.dumps(data))
    tpm = load_map(path)
    save_map(tpm, path)
    assert load_map(path) == tpm


# -- migration ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["desk_worker.bodymap", "runner.bodymap"])
def test_version_1_examples_migrate_to_the_shipped_version_2_files(name: str) -> None:
    old = (DATA / "v1" / name).read_bytes()
    assert json.loads(old)["version"] == 1
    migrated = loads_map(old)
    shipped = asset("examples", name).read_text(encoding="utf-8")
    assert json.loads(shipped)["version"] == 2
    assert migrated == loads_map(shipped)
    assert dumps_map(migrated) == shipped
    assert all(c.note == "" for c in migrated.history) and not migrated.answers


def test_migration_keeps_sparse_version_1_check_ins() -> None:
    data = json.loads((DATA / "v1" / "runner.bodymap").read_bytes())
    data["history"] = [
        {"at": "2025-04-07T19:15:00Z", "intensities": {"heel-r": 10}},
        {"at": "2025-04-07T19:16:00Z", "intensities": {}},
        {"at": "2025-04-07T19:17:00Z", "intensities": {"knee-lat-r": 0, "calf-r": 2}},
    ]
    tpm = loads_map(json.dumps(data))
    assert [dict(c.intensities) for c in tpm.history] == [h["intensities"] for h in data["history"]]
    written = json.loads(dumps_map(tpm))["history"]
    assert written["columns"] == ["knee-lat-r", "calf-r", "heel-r"]
    assert [row[1] for row in written["checkins"]] == ["--A", "", "02"]


# -- check-ins: notes, back-dating, edit, delete, today ---------------------------------------
def _map() -> TriggerPointMap:
    return loads_map(asset("examples", "runner.bodymap").read_bytes())


def test_back_dated_check_in_with_a_note_goes_in_time_order() -> None:
    tpm = _map()
    at = tpm.history[1].at + timedelta(hours=1)
    check_in(tpm, {"heel-r": 6}, at, note="after the long run")
    index = [c.at for c in tpm.history].index(at)
    assert index == 2 and tpm.history[2].note == "after the long run"
    assert loads_map(dumps_map(tpm)).history[2].note == "after the long run"
    with pytest.raises(ValueError, match="already a check-in"):
        check_in(tpm, {"heel-r": 1}, at)


def test_edit_and_delete_a_past_check_in_and_undo() -> None:
    tpm = _map()
    original = tpm.content()
    at = tpm.history[2].at
    op = edit_check_in(tpm, at, intensities={"heel-r": 1}, note="typo fixed",
                       new_at=at - timedelta(days=5))  # fmt: skip
    assert tpm.history[0].note == "typo fixed" and dict(tpm.history[0].intensities) == {"heel-r": 1}
    op.inverse().apply(tpm)
    assert tpm.content() == original
    op = delete_check_in(tpm, at)
    assert at not in [c.at for c in tpm.history]
    op.inverse().apply(tpm)
    assert tpm.content() == original
    with pytest.raises(ValueError, match="no check-in at"):
        delete_check_in(tpm, at + timedelta(seconds=1))


def test_today_mode_updates_todays_check_in_instead_of_adding_one() -> None:
    tpm = _map()
    morning = datetime(2025, 4, 12, 7, tzinfo=UTC)
    first = check_in_today(tpm, {"heel-r": 5}, note="morning", now=morning, tz=UTC)
    count = len(tpm.history)
    second = check_in_today(tpm, {"calf-r": 2}, now=morning + timedelta(hours=10), tz=UTC)
    assert len(tpm.history) == count
    last = tpm.history[-1]
    assert last.at == morning and dict(last.intensities) == {"heel-r": 5, "calf-r": 2}
    assert last.note == "morning"
    second.inverse().apply(tpm)
    assert dict(tpm.history[-1].intensities) == {"heel-r": 5}
    first.inverse().apply(tpm)
    assert tpm.content() == _map().content()
    # the next day starts a new check-in
    check_in_today(tpm, {"heel-r": 5}, now=morning, tz=UTC)
    check_in_today(tpm, {"heel-r": 4}, now=morning + timedelta(days=1), tz=UTC)
    assert len(tpm.history) == count + 1


def test_today_mode_replaces_the_note_given_and_an_empty_one_clears_it() -> None:
    """None keeps today's note, text replaces it, "" clears it: the check-in dialog shows
    today's note and hands back what is left of it."""
    tpm = _map()
    morning = datetime(2025, 4, 12, 7, tzinfo=UTC)
    check_in_today(tpm, {"heel-r": 5}, note="morning", now=morning, tz=UTC)
    later = morning + timedelta(hours=2)
    assert todays_check_in(tpm, now=later, tz=UTC) == tpm.history[-1]
    assert todays_check_in(tpm, now=later + timedelta(days=1), tz=UTC) is None
    check_in_today(tpm, {"heel-r": 4}, now=later, tz=UTC)
    assert tpm.history[-1].note == "morning"
    check_in_today(tpm, {"heel-r": 4}, note="stiff", now=later, tz=UTC)
    assert tpm.history[-1].note == "stiff"
    check_in_today(tpm, {"heel-r": 4}, note="", now=later, tz=UTC)
    assert tpm.history[-1].note == "" and tpm.history[-1].at == morning
    record_session(tpm, "full", later, 600, 4)
    assert todays_check_in(tpm, now=later, tz=UTC) is None  # a session day keeps every one


def test_today_mode_keeps_every_check_in_on_a_day_with_a_rolling_session() -> None:
    """A session's after-check-in is a reading of its own: a later "update today's"
    check-in adds one instead of overwriting it (or the morning's before-reading)."""
    tpm = _map()
    evening = datetime(2025, 4, 12, 18, tzinfo=UTC)
    check_in_today(tpm, {"heel-r": 5}, note="morning", now=evening - timedelta(hours=10), tz=UTC)
    record_session(tpm, "full", evening, 600, 4)
    check_in(tpm, {"heel-r": 3}, evening + timedelta(minutes=11), note="after a rolling session")
    count = len(tpm.history)
    check_in_today(tpm, {"heel-r": 4}, now=evening + timedelta(hours=3), tz=UTC)
    assert len(tpm.history) == count + 1
    assert [dict(c.intensities)["heel-r"] for c in tpm.history[-3:]] == [5, 3, 4]
    assert tpm.history[-2].note == "after a rolling session"
    # the next day, today mode updates again
    check_in_today(tpm, {"heel-r": 4}, now=evening + timedelta(days=1), tz=UTC)
    check_in_today(tpm, {"heel-r": 2}, now=evening + timedelta(days=1, hours=1), tz=UTC)
    assert len(tpm.history) == count + 2


def test_today_is_the_local_date() -> None:
    tpm = _map()
    late = datetime(2025, 4, 12, 23, 30, tzinfo=UTC)  # already the 13th in UTC+2
    check_in_today(tpm, {"heel-r": 5}, now=late, tz=UTC)
    check_in_today(tpm, {"heel-r": 4}, now=late + timedelta(hours=1), tz=UTC)
    assert len(tpm.history) == len(_map().history) + 2
    plus_two = datetime(2025, 1, 1, tzinfo=UTC).astimezone().tzinfo  # any fixed zone works
    assert plus_two is not None


PLUS_TWO = timezone(timedelta(hours=2))
JUST_AFTER_MIDNIGHT = datetime(2025, 4, 12, 22, 30, tzinfo=UTC)
"""00:30 on 13 April in UTC+2, still the 12th in UTC."""
SAME_MORNING = datetime(2025, 4, 13, 8, 0, tzinfo=UTC)
"""10:00 on 13 April in UTC+2: the same local day as `JUST_AFTER_MIDNIGHT`."""


def test_a_check_in_just_after_local_midnight_is_todays_check_in_all_day() -> None:
    """In UTC+2 a check-in at 00:30 and the update at 10:00 fall on one local day, though
    the first is still the day before in UTC: today's check-in is updated, not doubled."""
    tpm = _map()
    check_in_today(tpm, {"heel-r": 5}, now=JUST_AFTER_MIDNIGHT, tz=PLUS_TWO)
    count = len(tpm.history)
    assert todays_check_in(tpm, now=SAME_MORNING, tz=PLUS_TWO) == tpm.history[-1]
    check_in_today(tpm, {"heel-r": 3}, now=SAME_MORNING, tz=PLUS_TWO)
    assert len(tpm.history) == count
    assert tpm.history[-1].at == JUST_AFTER_MIDNIGHT
    assert dict(tpm.history[-1].intensities)["heel-r"] == 3


def test_a_session_just_after_local_midnight_keeps_that_days_check_ins() -> None:
    """A rolling session at 00:30 local time makes that local day a session day, though it
    started the day before in UTC: every check-in of the day is kept."""
    tpm = _map()
    check_in(tpm, {"heel-r": 5}, JUST_AFTER_MIDNIGHT - timedelta(minutes=5))
    record_session(tpm, "full", JUST_AFTER_MIDNIGHT, 600, 4)
    check_in(tpm, {"heel-r": 3}, JUST_AFTER_MIDNIGHT + timedelta(minutes=11))
    assert todays_check_in(tpm, now=SAME_MORNING, tz=PLUS_TWO) is None
    count = len(tpm.history)
    check_in_today(tpm, {"heel-r": 4}, now=SAME_MORNING, tz=PLUS_TWO)
    assert len(tpm.history) == count + 1


def test_today_mode_moves_its_check_in_to_a_time_just_after_local_midnight() -> None:
    """``at`` is a time of today in the person's own zone: 00:30 local is today, though
    its UTC date is the day before; 23:30 local the evening before is not."""
    tpm = _map()
    check_in_today(tpm, {"heel-r": 5}, now=SAME_MORNING, tz=PLUS_TWO)
    check_in_today(tpm, {"heel-r": 4}, now=SAME_MORNING, tz=PLUS_TWO, at=JUST_AFTER_MIDNIGHT)
    assert tpm.history[-1].at == JUST_AFTER_MIDNIGHT
    assert dict(tpm.history[-1].intensities)["heel-r"] == 4
    the_evening_before = JUST_AFTER_MIDNIGHT - timedelta(hours=1)
    with pytest.raises(ValueError, match="is not today"):
        check_in_today(tpm, {"heel-r": 4}, now=SAME_MORNING, tz=PLUS_TWO, at=the_evening_before)


def test_two_check_ins_in_one_tick_of_the_clock_are_both_kept(monkeypatch) -> None:
    """A second check-in at the same clock reading as the latest (a coarse system clock, a
    double click) goes just after it instead of clashing with it."""
    from bodymap.maps import verbs

    tpm = _map()
    monkeypatch.setattr(verbs, "utc_now", lambda: SAME_MORNING)
    check_in(tpm, {"heel-r": 5})
    check_in(tpm, {"heel-r": 4})
    assert [c.at for c in tpm.history[-2:]] == [
        SAME_MORNING,
        SAME_MORNING + timedelta(microseconds=1),
    ]


# -- areas ---------------------------------------------------------------------------------------
def test_area_round_trips_and_holds_the_point() -> None:
    tpm = _map()
    spot_id = "hip-r"
    op = set_area(tpm, spot_id, Area.from_geojson(BOX))
    spot = tpm.spot_by_id(spot_id)
    assert spot.area is not None and spot.area.contains(spot.x, spot.y)
    assert spot.side == "right" and spot.x > 504  # moved inside the box, on the right
    assert loads_map(dumps_map(tpm)) == tpm
    op.inverse().apply(tpm)
    assert tpm.content() == _map().content()


def test_undoing_an_area_that_took_the_point_across_the_midline_puts_it_back() -> None:
    """An area drawn wholly on the other side moves the spot's point (and side) into it;
    undo restores the point, its side and no area, and redo draws it again."""
    tpm = _map()
    before = tpm.content()
    other_side = {
        "type": "Polygon",
        "coordinates": [[[430, 450], [480, 450], [480, 500], [430, 500], [430, 450]]],
    }
    op = set_area(tpm, "hip-r", Area.from_geojson(other_side))
    moved = tpm.spot_by_id("hip-r")
    assert moved.side == "left" and moved.x < 496  # the back view: x < 500 is the left
    after = tpm.content()
    op.inverse().apply(tpm)
    assert tpm.content() == before
    op.apply(tpm)
    assert tpm.content() == after


def _spot_with_area(area: object, x: float = 550, y: float = 170) -> dict[str, Any]:
    return {"id": "a", "view": "back", "x": x, "y": y, "side": "right", "intensity": 3,
            "kind": "ache", "note": "", "created": "2025-01-01T00:00:00Z",
            "area": area}  # fmt: skip


def _v2(spots: list[dict[str, Any]]) -> str:
    return json.dumps({
        "format": "bodymap-map", "version": 2, "name": "A", "created": "2025-01-01T00:00:00Z",
        "modified": "2025-01-01T00:00:00Z", "spots": spots,
        "history": {"columns": [], "checkins": []}, "press_tests": [], "sessions": [],
    })  # fmt: skip


RING = [[500, 150], [600, 150], [600, 200], [500, 200], [500, 150]]
BAD_AREAS: list[tuple[str, object, str]] = [
    ("point", {"type": "Point", "coordinates": [1, 2]}, "Polygon or MultiPolygon"),
    ("extra key", {**BOX, "bbox": [0, 0, 1, 1]}, "unknown key 'bbox' in area"),
    ("not closed", {"type": "Polygon", "coordinates": [[*RING[:-1], [500, 160]]]}, "not closed"),
    ("three positions", {"type": "Polygon", "coordinates": [RING[:3]]}, "at least 4 positions"),
    ("bow tie", {"type": "Polygon", "coordinates": [[[500, 150], [600, 200], [600, 150], [500, 200],
                                                     [500, 150]]]}, "not a valid shape"),
    ("outside", {"type": "Polygon",
                 "coordinates": [[[500, 150], [1001, 150], [600, 200], [500, 150]]]},
     "outside the view"),
    ("negative", {"type": "Polygon",
                  "coordinates": [[[500, -1], [600, 150], [600, 200], [500, -1]]]},
     "outside the view"),
    ("flat", {"type": "Polygon",
              "coordinates": [[[500, 150], [550, 150], [600, 150], [500, 150]]]},
     "not a valid shape"),
    ("bool", {"type": "Polygon",
              "coordinates": [[[True, 150], [600, 150], [600, 200], [True, 150]]]},
     "must be a number"),
    ("3d", {"type": "Polygon", "coordinates": [[[500, 150, 1], [600, 150, 1], [600, 200, 1],
                                                [500, 150, 1]]]}, "[x, y] pair"),
    ("too many", {"type": "Polygon", "coordinates": [
        [[550 + 40 * math.cos(2 * math.pi * k / 2001), 175 + 20 * math.sin(2 * math.pi * k / 2001)]
         for k in range(2001)] + [[590.0, 175.0]]]}, "at most 2,000"),
    ("point outside", {"type": "Polygon", "coordinates": [[[700, 150], [800, 150], [800, 200],
                                                           [700, 150]]]}, "not inside the area"),
    ("empty multi", {"type": "MultiPolygon", "coordinates": []}, "non-empty"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("area", "message"), [b[1:] for b in BAD_AREAS], ids=[b[0] for b in BAD_AREAS]
)
def test_bad_areas_are_one_clear_error(area: object, message: str) -> None:
    with pytest.raises(MapFileError, match=r"^spots\[0\]: ") as info:
        loads_map(_v2([_spot_with_area(area)]))
    assert message in str(info.value) and "\n" not in str(info.value)


def test_an_area_of_2000_positions_is_fine() -> None:
    ring = [
        [550 + 40 * math.cos(2 * math.pi * k / 1999), 175 + 20 * math.sin(2 * math.pi * k / 1999)]
        for k in range(1999)
    ]
    area = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    tpm = loads_map(_v2([_spot_with_area(area)]))
    assert tpm.spots[0].area is not None and tpm.spots[0].area.vertex_count == MAX_AREA_VERTICES


def test_an_area_reaching_the_edges_of_the_view_loads_and_saves() -> None:
    """The view runs from 0 to 1000 on both axes, both ends included: an area painted up
    to the left or the top edge (a brush stroke clipped there) loads and saves, or the map
    holding it would no longer open."""
    corners = [[0, 0], [1000, 0], [1000, 1000], [0, 1000], [0, 0]]
    tpm = loads_map(_v2([_spot_with_area({"type": "Polygon", "coordinates": [corners]})]))
    area = tpm.spots[0].area
    assert area is not None and area.parts == ((tuple(map(tuple, corners)),),)
    assert loads_map(dumps_map(tpm)) == tpm


# -- press tests and sessions -------------------------------------------------------------------
def test_press_test_answers_replace_clear_and_go_with_their_spot() -> None:
    tpm = _map()
    seen: list[Change] = []
    tpm.subscribe(seen.append)
    first = answer_press_test(tpm, "heel-r", "soleus", "right", "yes", T0)
    second = answer_press_test(tpm, "heel-r", "soleus", "right", "no", T0 + timedelta(1))
    assert [a.answer for a in tpm.answers] == ["no"] and seen[-1] == Change(
        "press_tested", "heel-r"
    )
    removal = remove_spot(tpm, "heel-r")
    assert tpm.answers == ()
    removal.inverse().apply(tpm)
    assert tpm.answer("heel-r", "soleus", "right") is not None
    for op in (second, first):
        op.inverse().apply(tpm)
    assert tpm.content() == _map().content()
    with pytest.raises(ValueError, match="answer must be"):
        answer_press_test(tpm, "heel-r", "soleus", "right", "maybe")


def test_sessions_are_kept_in_start_order() -> None:
    tpm = _map()
    late = record_session(tpm, "bedtime", T0 + timedelta(hours=3), 540, 4)
    record_session(tpm, "warmup", T0, 150, 3)
    assert [s.preset for s in tpm.sessions] == ["warmup", "bedtime"]
    late.inverse().apply(tpm)
    assert [s.preset for s in tpm.sessions] == ["warmup"]
    with pytest.raises(ValueError, match="preset must be"):
        record_session(tpm, "nap", T0, 10, 1)
    with pytest.raises(ValueError, match="duration_s"):
        record_session(tpm, "full", T0, -1, 1)


# -- every operation's inverse restores the map exactly --------------------------------------
ACTIONS = ["check_in", "edit_check_in", "delete_check_in", "today", "area", "clear_area",
           "answer", "clear_answer", "session", "remove", "add", "move"]  # fmt: skip


def _operation(tpm: TriggerPointMap, action: str, rnd: random.Random) -> Any:
    ids = [s.id for s in tpm.spots]
    pick = rnd.choice(ids) if ids else None
    when = T0 + timedelta(minutes=rnd.randrange(0, 10**6))
    if action == "add" or pick is None:
        return add_spot(tpm, "back", 550.0, 170.0 + rnd.random() * 10, "right")
    if action == "check_in":
        return check_in(tpm, {pick: rnd.randint(0, 10)}, when, note=rnd.choice(["", "x\ny"]))
    if action in ("edit_check_in", "delete_check_in") and tpm.history:
        at = rnd.choice(tpm.history).at
        if action == "delete_check_in":
            return delete_check_in(tpm, at)
        return edit_check_in(tpm, at, intensities={pick: 3}, note="edited", new_at=when)
    if action == "today":
        return check_in_today(tpm, {pick: rnd.randint(0, 10)}, now=when, tz=UTC)
    if action == "area":
        x, y = rnd.uniform(0, 900), rnd.uniform(0, 900)
        return set_area(tpm, pick, area_from_points([(x, y), (x + 50, y), (x + 50, y + 60)]))
    if action == "clear_area":
        return set_area(tpm, pick, None)
    if action == "answer":
        return answer_press_test(tpm, pick, rnd.choice(["soleus", "gluteus_medius"]), "right",
                                 rnd.choice(["yes", "partly", "no"]), when)  # fmt: skip
    if action == "clear_answer" and tpm.answers:
        answer = rnd.choice(tpm.answers)
        return answer_press_test(tpm, answer.spot_id, answer.muscle, answer.side, None)
    if action == "session":
        return record_session(tpm, rnd.choice(["warmup", "full"]), when, rnd.randint(0, 900), 2)
    if action == "move":
        return move_spot(tpm, pick, rnd.uniform(0, 1000), rnd.uniform(0, 1000))
    if action == "remove":
        return remove_spot(tpm, pick)
    return None


@settings(SETTINGS, max_examples=examples(100))
@given(
    st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 2**32)), min_size=1, max_size=20)
)
def test_each_operations_inverse_restores_the_map_exactly(steps: list[tuple[str, int]]) -> None:
    tpm = _map()
    for action, seed in steps:
        before = tpm.content()
        notices: list[Change] = []
        unsubscribe = tpm.subscribe(notices.append)
        try:
            op = _operation(tpm, action, random.Random(seed))
        except ValueError:
            assert tpm.content() == before  # a refused change changes nothing
            unsubscribe()
            continue
        if op is None or op.is_noop:
            unsubscribe()
            continue
        assert len(notices) == 1  # one notice per change, for the views
        after = tpm.content()
        op.inverse().apply(tpm)
        assert tpm.content() == before
        op.apply(tpm)
        assert tpm.content() == after
        unsubscribe()
    assert loads_map(dumps_map(tpm)) == tpm


# -- dates out of range ---------------------------------------------------------------------------
OUT_OF_RANGE = ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+01:00", "1899-12-31T23:59:59Z",
                "3000-01-01T00:00:00Z"]  # fmt: skip


@pytest.mark.parametrize("date", OUT_OF_RANGE)
@pytest.mark.parametrize("where", ["created", "modified", "history", "spot", "v2 history",
                                   "press test", "session"])  # fmt: skip
def test_dates_out_of_range_are_one_line_and_the_file_untouched(
    tmp_path: Path, date: str, where: str
) -> None:
    if where.startswith("v2") or where in ("press test", "session"):
        data = json.loads((DATA / "v2_full.bodymap").read_bytes())
    else:
        data = json.loads((DATA / "v1" / "runner.bodymap").read_bytes())
    if where in ("created", "modified"):
        data[where] = date
    elif where == "history":
        data["history"][0]["at"] = date
    elif where == "v2 history":
        data["history"]["checkins"][0][0] = date
    elif where == "spot":
        data["spots"][0]["created"] = date
    elif where == "press test":
        data["press_tests"][0]["at"] = date
    else:
        data["sessions"][0]["start"] = date
    path = tmp_path / "dates.bodymap"
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(MapFileError) as info:
        load_map(path)
    message = str(info.value)
    assert (
        message.startswith("dates.bodymap: ") and "out of range" in message and "\n" not in message
    )
    assert path.read_bytes() == before


def test_the_edges_of_the_date_range_load_and_save() -> None:
    tpm = _map()
    check_in(tpm, {"heel-r": 1}, datetime(1900, 1, 1, tzinfo=UTC))
    check_in(tpm, {"heel-r": 2}, datetime(2999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC))
    assert loads_map(dumps_map(tpm)) == tpm
    with pytest.raises(ValueError, match="out of range"):
        check_in(tpm, {"heel-r": 1}, datetime(3000, 1, 1, tzinfo=UTC))


# -- the side rule --------------------------------------------------------------------------------
def test_a_side_that_contradicts_x_is_refused_naming_the_spot() -> None:
    data = json.loads(asset("examples", "runner.bodymap").read_bytes())
    data["spots"][3]["side"] = "left"  # hip-r, back view, x = 560: the person's right
    with pytest.raises(MapFileError) as info:
        loads_map(json.dumps(data))
    assert str(info.value) == (
        "spots[3] (spot 4, id 'hip-r'): side 'left' contradicts x = 560, which is on the "
        "person's right in the back view"
    )
    data["spots"][3]["side"] = "midline"
    with pytest.raises(MapFileError, match="contradicts"):
        loads_map(json.dumps(data))


@pytest.mark.parametrize("x", [496.0, 500.0, 504.0])
@pytest.mark.parametrize("side", ["right", "left", "midline"])
def test_any_side_is_fine_within_the_midline_band(x: float, side: str) -> None:
    data = json.loads(asset("examples", "runner.bodymap").read_bytes())
    data["spots"][0].update(x=x, side=side)
    assert loads_map(json.dumps(data)).spots[0].side == side


def test_verbs_refuse_a_contradicting_side() -> None:
    tpm = _map()
    with pytest.raises(ValueError, match="contradicts"):
        add_spot(tpm, "front", 300.0, 300.0, "left")
    with pytest.raises(ValueError, match="contradicts"):
        move_spot(tpm, "heel-r", 300.0, 900.0, side="right")
    assert tpm.content() == _map().content()


def test_a_hand_made_spot_with_a_contradicting_side_is_not_saved(tmp_path: Path) -> None:
    spot = Spot("a", "front", 300.0, 300.0, "left")  # x = 300 is the person's right
    path = tmp_path / "hand.bodymap"
    with pytest.raises(MapFileError, match=r"cannot save spot 1 \(id 'a'\): side 'left'"):
        save_map(TriggerPointMap("x", [spot]), path)
    assert not path.exists()


# -- sizes: whatever loads, saves -----------------------------------------------------------------
def test_the_largest_map_the_limits_allow_fits_under_the_file_cap() -> None:
    assert fileformat.worst_case_bytes() < fileformat.MAX_FILE_BYTES


def _item_bytes(text: str) -> int:
    return len(text.encode("utf-8")) + 2  # the separator before the next item


def test_each_items_byte_budget_holds_for_a_worst_case_item() -> None:
    long_id = "i" * 64
    x = 0.00012345678901234567  # a long float repr
    spot = Spot(long_id, "front", x, -0.00012345678901234567, "right", 10, "tingling", "",
                datetime(2025, 1, 1, 0, 0, 0, 123456, tzinfo=UTC))  # fmt: skip
    line = fileformat._line(fileformat._spot_data(spot))
    assert _item_bytes(line) <= fileformat.ITEM_BYTES["spot"]
    assert _item_bytes(json.dumps(long_id)) <= fileformat.ITEM_BYTES["column"]
    row = fileformat._line(["2025-01-01T00:00:00.123456Z", ""], fileformat._COMPACT)
    assert _item_bytes(row) <= fileformat.ITEM_BYTES["checkin"]
    assert _item_bytes("[4999,10]") <= fileformat.ITEM_BYTES["reading"]
    assert len(json.dumps("\x1f", ensure_ascii=False)) - 2 <= fileformat.ITEM_BYTES["text_char"]
    vertex = json.dumps([0.00012345678901234567, 0.00012345678901234567])
    assert _item_bytes(vertex) <= fileformat.ITEM_BYTES["vertex"]
    answer = {"spot": long_id, "muscle": long_id, "side": "midline", "answer": "partly",
              "at": "2025-01-01T00:00:00.123456Z"}  # fmt: skip
    assert _item_bytes(fileformat._line(answer)) <= fileformat.ITEM_BYTES["answer"]
    session = {"preset": "cooldown", "start": "2025-01-01T00:00:00.123456Z", "duration_s": 86400,
               "steps_done": 1000}  # fmt: skip
    assert _item_bytes(fileformat._line(session)) <= fileformat.ITEM_BYTES["session"]
    # the writer picks the shorter form of a row's readings: never over 10 bytes a reading
    many = [Spot(f"s{i}", "back", 550.0, 170.0, "right") for i in range(5000)]
    history = [CheckIn(T0, {s.id: 1 for s in many}), CheckIn(T0 + timedelta(1), {"s4999": 10})]
    rows = json.loads(dumps_map(TriggerPointMap("x", many, history)))["history"]["checkins"]
    assert rows[0][1] == "1" * 5000 and rows[1][1] == [[4999, 10]]


def test_a_change_past_the_limits_is_refused_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tpm = _map()
    monkeypatch.setattr(values, "MAX_CHECKINS", len(tpm.history))
    with pytest.raises(ValueError, match="at most"):
        check_in(tpm, {"heel-r": 1})
    assert tpm.content() == _map().content()
    monkeypatch.setattr(values, "MAX_TEXT_CHARS", 10)
    with pytest.raises(MapFileError, match="characters in all"):
        loads_map(asset("examples", "runner.bodymap").read_bytes())


# -- fuzzing the new parts of the format ------------------------------------------------------
FULL = (DATA / "v2_full.bodymap").read_bytes()
REPLACEMENTS = st.sampled_from(
    [None, True, 0, -1, 11, 4999, 5.5, 1e308, 10**40, math.nan, "", "x" * 3000, "A-9", "5X",
     [], {}, [1], [[0, 1]], [[9, 1]], [[0, True]], {"a": 1}, "2025-02-30T00:00:00Z",
     "9999-12-31T23:59:59-23:59", "\u0000", "yes", "Polygon", "MultiPolygon", [[[0, 0]]],
     [[500, 150], [600, 150], [600, 200], [500, 150]]]
)  # fmt: skip


def _containers(node: Any, found: list[Any]) -> list[Any]:
    if isinstance(node, dict | list):
        found.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            _containers(child, found)
    return found


@pytest.mark.slow
@settings(SETTINGS, max_examples=400)
@given(st.data())
def test_mutated_version_2_files_give_only_map_file_errors(data: st.DataObject) -> None:
    doc = json.loads(FULL)
    for _ in range(data.draw(st.integers(1, 3))):
        target = data.draw(st.sampled_from(_containers(doc, [])))
        action = data.draw(st.sampled_from(["replace", "delete", "add", "duplicate"]))
        if isinstance(target, dict):
            keys = list(target)
            key: Any = data.draw(st.sampled_from(keys)) if keys else "k"
        else:
            key = data.draw(st.integers(0, max(0, len(target) - 1)))
        if action == "replace" and (isinstance(target, dict) or target):
            target[key] = data.draw(REPLACEMENTS)
        elif action == "delete" and target:
            del target[key]
        elif action == "add" and isinstance(target, dict):
            target[data.draw(st.sampled_from(["area", "note", "x", "k"]))] = data.draw(REPLACEMENTS)
        elif action == "duplicate" and isinstance(target, list) and target:
            target.append(json.loads(json.dumps(target[key])))
    text = json.dumps(doc, allow_nan=True)
    try:
        loaded = loads_map(text)
    except MapFileError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert loads_map(dumps_map(loaded)) == loaded  # what loads also saves and loads back


@pytest.mark.slow
@settings(SETTINGS, max_examples=100)
@given(st.lists(st.tuples(st.integers(0, len(FULL) - 1), st.integers(1, 255)), min_size=1,
                max_size=4))  # fmt: skip
def test_flipped_bytes_in_a_version_2_file(tmp_path: Path, flips: list[tuple[int, int]]) -> None:
    raw = bytearray(FULL)
    for position, mask in flips:
        raw[position] ^= mask
    path = tmp_path / "flipped.bodymap"
    path.write_bytes(bytes(raw))
    try:
        load_map(path)
    except MapFileError as exc:
        assert str(exc).startswith("flipped.bodymap: ") and "\n" not in str(exc)
    assert path.read_bytes() == raw


# -- version 2 rejections: each names the place -----------------------------------------------
def _full() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FULL)
    return data


V2_REJECTIONS: list[tuple[str, str, object, str]] = [
    ("history", "columns", ["knee-lat-r", "knee-lat-r"], "history.columns[1] repeats the spot"),
    ("history", "columns", ["nobody"], "history.columns[0] names an unknown spot 'nobody'"),
    ("history", "extra", 1, "unknown key 'extra' in history"),
    ("checkins", 0, ["2025-04-07T19:15:00Z"], "history.checkins[0] must be [time, readings]"),
    ("checkins", 0, ["2025-04-07T19:15:00Z", "6535455"], "history.checkins[0][1] must hold"),
    ("checkins", 0, ["2025-04-07T19:15:00Z", "65B"], "history.checkins[0][1] must hold"),
    ("checkins", 0, ["2025-04-07T19:15:00Z", [[0, 1], [0, 2]]], "names column 0 twice"),
    ("checkins", 0, ["2025-04-07T19:15:00Z", [[6, 1]]], "names column 6 twice or out of range"),
    ("checkins", 0, ["2025-04-07T19:15:00Z", [[0, 11]]], "history.checkins[0]: check-in intens"),
    ("checkins", 0, ["2025-04-07T19:15:00Z", "6", 5], "history.checkins[0]: check-in note"),
    ("checkins", 0, ["2025-04-07T19:15:00Z", 6], "history.checkins[0][1] must be a text"),
    ("press_tests", 0, {"spot": "zz", "muscle": "soleus", "side": "right", "answer": "yes",
                        "at": "2025-04-11T21:06:00Z"}, "press_tests[0] names an unknown spot"),
    ("press_tests", 0, {"spot": "heel-r", "muscle": "soleus", "side": "right", "answer": "maybe",
                        "at": "2025-04-11T21:06:00Z"}, "press_tests[0]: answer must be"),
    ("press_tests", 2, {"spot": "heel-r", "muscle": "soleus", "side": "right", "answer": "no",
                        "at": "2025-04-11T21:06:00Z"}, "press_tests[2] repeats the answer"),
    ("sessions", 0, {"preset": "full", "start": "2025-04-11T19:30:00Z", "duration_s": 86401,
                     "steps_done": 5}, "sessions[0]: duration_s must be a whole number"),
    ("sessions", 0, {"preset": "full", "start": "2025-04-11T19:30:00Z", "duration_s": 60},
     "sessions[0] is missing 'steps_done'"),
]  # fmt: skip


@pytest.mark.parametrize(("part", "key", "value", "message"), V2_REJECTIONS)
def test_version_2_mistakes_are_one_clear_error(
    part: str, key: Any, value: object, message: str
) -> None:
    data = _full()
    if part == "history":
        data["history"][key] = value
    elif part == "checkins":
        data["history"]["checkins"][key] = value
    elif key < len(data[part]):
        data[part][key] = value
    else:
        data[part].append(value)
    with pytest.raises(MapFileError) as info:
        loads_map(json.dumps(data))
    assert message in str(info.value) and "\n" not in str(info.value)
