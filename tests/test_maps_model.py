"""The map model and its operations: validation, notifications, trends and exact undo."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bodymap.maps import (
    PAIN_KINDS,
    Change,
    CheckIn,
    CheckInOp,
    MapFileError,
    MoveSpot,
    Operation,
    RemoveSpot,
    Spot,
    TriggerPointMap,
    add_spot,
    check_in,
    dumps_map,
    edit_spot,
    loads_map,
    move_spot,
    remove_spot,
    rename,
    side_for,
)
from bodymap.maps.operations import Batch
from bodymap.maps.values import MIDLINE_BAND, MIDLINE_X, check_side

SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=examples(120),
    suppress_health_check=[HealthCheck.too_slow],
)
T0 = datetime(2025, 3, 3, 18, 0, tzinfo=UTC)


def make_map() -> TriggerPointMap:
    spots = [
        Spot("a", "back", 550.0, 170.0, "right", 7, "ache", "top of shoulder", T0),
        Spot("b", "front", 462.0, 55.0, "right", 5, "sharp", "", T0),
        Spot("c", "back", 450.0, 170.0, "left", 4, "burning", "", T0),
    ]
    history = [CheckIn(T0 + timedelta(days=d), {"a": 7 - d, "b": 5}) for d in range(3)]
    return TriggerPointMap("Desk", spots, history, T0, T0)


# -- values --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"intensity": 11}, "from 0 to 10"),
        ({"intensity": -1}, "from 0 to 10"),
        ({"intensity": 5.5}, "whole number"),
        ({"intensity": True}, "whole number"),
        ({"kind": "stabbing"}, "kind must be one of"),
        ({"view": "side"}, "view must be"),
        ({"side": "up"}, "side must be"),
        ({"x": 1000.5}, "outside the body frame"),
        ({"y": -21}, "outside the body frame"),
        ({"x": float("nan")}, "outside the body frame"),
        ({"x": "500"}, "must be a number"),
        ({"note": "n" * 2001}, "too long"),
        ({"note": "\ud800"}, "cannot be saved"),
        ({"id": ""}, "id must be"),
        ({"id": "a b"}, "id must be"),
        ({"created": datetime(2025, 1, 1)}, "time zone"),
    ],
)
def test_spot_rejects_bad_values(change: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {
        "id": "a",
        "view": "back",
        "x": 550.0,
        "y": 170.0,
        "side": "right",
        "intensity": 5,
        "kind": "ache",
        "note": "",
        "created": T0,
    }
    with pytest.raises(ValueError, match=message):
        Spot(**{**fields, **change})  # type: ignore[arg-type]


def test_spot_stores_floats_and_utc() -> None:
    from datetime import timezone

    spot = Spot("a", "back", 550, 170, "right", created=T0.astimezone(timezone(timedelta(hours=2))))
    assert isinstance(spot.x, float) and spot.x == 550.0
    assert spot.created.tzinfo == UTC and spot.created == T0


@pytest.mark.parametrize(
    ("view", "x", "side"),
    [("front", 450, "right"), ("front", 550, "left"), ("back", 550, "right"),
     ("back", 450, "left"), ("front", 503, "midline"), ("back", 496, "midline")],
)  # fmt: skip
def test_side_for_follows_the_view(view: str, x: float, side: str) -> None:
    assert side_for(view, x) == side


@pytest.mark.parametrize("view", ["front", "back"])
@pytest.mark.parametrize("towards", [-1, 1])
def test_a_side_is_free_only_within_the_midline_band(view: str, towards: int) -> None:
    """On the band's edge a spot may say any side; a hair beyond it only the side its x lies
    on. A wider band would let a hand-edited file keep a spot 5 units off the midline that
    says "right" on the person's left: the advice would name the other side's muscles."""
    edge = MIDLINE_X + towards * MIDLINE_BAND
    for side in ("right", "left", "midline"):
        check_side(view, edge, side)
    for offset in (MIDLINE_BAND + 0.5, 2 * MIDLINE_BAND):
        x = MIDLINE_X + towards * offset
        own = side_for(view, x)
        assert own != "midline"
        for wrong in {"right", "left", "midline"} - {own}:
            with pytest.raises(ValueError, match="contradicts"):
                check_side(view, x, wrong)
    x = MIDLINE_X + towards * (MIDLINE_BAND + 1)
    wrong = "left" if side_for(view, x) == "right" else "right"
    text = dumps_map(TriggerPointMap("x", [Spot("a", view, x, 300.0, wrong, created=T0)]))
    with pytest.raises(MapFileError, match=r"^spots\[0\] \(spot 1, id 'a'\): side "):
        loads_map(text)


def test_map_rejects_duplicate_ids_and_dangling_history() -> None:
    spot = Spot("a", "back", 550.0, 170.0, "right", created=T0)
    with pytest.raises(ValueError, match="share the id"):
        TriggerPointMap("x", [spot, spot])
    with pytest.raises(ValueError, match="unknown spot"):
        TriggerPointMap("x", [spot], [CheckIn(T0, {"zz": 3})])
    with pytest.raises(ValueError, match="time order"):
        TriggerPointMap("x", [spot], [CheckIn(T0, {"a": 3}), CheckIn(T0, {"a": 3})])
    with pytest.raises(ValueError, match="must not be empty"):
        TriggerPointMap("  ")


def test_lookup_helpers() -> None:
    tpm = make_map()
    assert tpm.index_of("c") == 2 and tpm.spot_by_id("b").kind == "sharp"
    with pytest.raises(KeyError):
        tpm.spot_by_id("nope")


# -- trend ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("values", "label"),
    [([], "new"), ([5], "new"), ([6, 4], "better"), ([4, 6], "worse"), ([5, 6, 5], "steady"),
     ([7, 7, 6, 4, 3, 3], "better"), ([2, 3, 2, 2, 3, 2], "steady"), ([1, 2, 4, 5], "worse")],
)  # fmt: skip
def test_trend_label(values: list[int], label: str) -> None:
    spot = Spot("a", "back", 550.0, 170.0, "right", created=T0)
    history = [CheckIn(T0 + timedelta(hours=6 * i), {"a": v}) for i, v in enumerate(values)]
    tpm = TriggerPointMap("x", [spot], history)
    assert [v for _, v in tpm.trend("a")] == values
    assert tpm.trend_label("a") == label


def test_trend_skips_check_ins_without_the_spot() -> None:
    tpm = make_map()
    assert tpm.trend("c") == []
    assert tpm.trend("a") == [(T0 + timedelta(days=d), 7 - d) for d in range(3)]
    assert tpm.trend_label("a") == "better" and tpm.trend_label("b") == "steady"


# -- operations ----------------------------------------------------------------------------
def test_each_verb_notifies_once_with_its_change() -> None:
    tpm = make_map()
    seen: list[Change] = []
    unsubscribe = tpm.subscribe(seen.append)
    op = add_spot(tpm, "back", 575, 235, "right", 4)
    new_id = op.spot.id
    move_spot(tpm, new_id, 580, 240)
    edit_spot(tpm, new_id, intensity=6, note="sends ache to the front")
    check_in(tpm)
    rename(tpm, "Desk worker")
    remove_spot(tpm, new_id)
    assert seen == [
        Change("added", new_id),
        Change("moved", new_id),
        Change("edited", new_id),
        Change("checked_in"),
        Change("renamed"),
        Change("removed", new_id),
    ]
    unsubscribe()
    rename(tpm, "Again")
    assert len(seen) == 6


def test_applying_bumps_modified_and_revision() -> None:
    tpm = make_map()
    before = tpm.modified
    add_spot(tpm, "back", 528, 235, "right")
    assert tpm.modified > before and tpm.revision == 1


def test_add_spot_appends_or_inserts_and_numbers_follow_order() -> None:
    tpm = make_map()
    op = add_spot(tpm, "front", 415, 590, "right", index=0)
    assert tpm.spots[0] == op.spot and tpm.index_of(op.spot.id) + 1 == 1
    end = add_spot(tpm, "front", 425, 712, "right")
    assert tpm.spots[-1] == end.spot
    assert len({s.id for s in tpm.spots}) == len(tpm.spots)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"intensity": 11}, "from 0 to 10"),
        ({"intensity": 2.5}, "whole number"),
        ({"kind": "throbbing"}, "kind must be one of"),
        ({"note": "x" * 2001}, "too long"),
    ],
)
def test_edit_spot_validates_and_changes_nothing_on_error(
    kwargs: dict[str, object], message: str
) -> None:
    tpm = make_map()
    state = tpm.state()
    with pytest.raises(ValueError, match=message):
        edit_spot(tpm, "a", **kwargs)  # type: ignore[arg-type]
    assert tpm.state() == state


def test_edit_note_at_the_limit_is_fine() -> None:
    tpm = make_map()
    edit_spot(tpm, "a", note="é" * 2000)
    assert tpm.spot_by_id("a").note == "é" * 2000


def test_move_picks_the_side_from_x_unless_given() -> None:
    tpm = make_map()
    move_spot(tpm, "a", 450, 170)
    assert tpm.spot_by_id("a").side == "left"
    move_spot(tpm, "a", 500, 160, side="midline")
    assert tpm.spot_by_id("a").side == "midline"
    with pytest.raises(ValueError, match="outside the body frame"):
        move_spot(tpm, "a", 1500, 170)


def test_check_in_records_current_intensities_by_default() -> None:
    tpm = make_map()
    op = check_in(tpm)
    assert dict(op.checkin.intensities) == {"a": 7, "b": 5, "c": 4}
    assert tpm.history[-1] == op.checkin
    second = check_in(tpm, {"a": 2})
    assert second.checkin.at > op.checkin.at  # several a day, always in order
    with pytest.raises(ValueError, match="no spot"):
        check_in(tpm, {"zz": 2})
    with pytest.raises(ValueError, match="from 0 to 10"):
        check_in(tpm, {"a": 12})
    with pytest.raises(ValueError, match="no spots"):
        check_in(TriggerPointMap("empty"))


def test_back_dated_check_in_goes_in_time_order() -> None:
    tpm = make_map()
    op = check_in(tpm, {"a": 4}, at=T0 + timedelta(hours=12))
    assert tpm.history[1] == op.checkin
    with pytest.raises(ValueError, match="already a check-in"):
        check_in(tpm, {"a": 4}, at=T0)
    op.inverse().apply(tpm)
    assert tpm.history == make_map().history


def test_removing_a_spot_drops_its_readings_and_undo_restores_them() -> None:
    tpm = make_map()
    original = tpm.content()
    op = remove_spot(tpm, "a")
    assert all("a" not in c.intensities for c in tpm.history)
    assert loads_map(dumps_map(tpm)).content() == tpm.content()  # still a valid file
    op.inverse().apply(tpm)
    assert tpm.content() == original


def test_stale_operations_are_refused_without_changing_the_map() -> None:
    tpm = make_map()
    op = move_spot(tpm, "a", 560, 180)
    state = tpm.state()
    with pytest.raises(ValueError, match="not where"):
        op.apply(tpm)  # applied twice
    removal = remove_spot(tpm, "b", apply=False)
    edit_spot(tpm, "b", note="changed")
    with pytest.raises(ValueError, match="not where"):
        removal.apply(tpm)
    assert tpm.spot_by_id("b").note == "changed"
    with pytest.raises(ValueError, match="already has a spot"):
        remove_spot(tpm, "c", apply=False).inverse().apply(tpm)  # undo of a removal never done
    with pytest.raises(ValueError, match="not in the history"):
        CheckInOp(tpm.history[0], remove=True).inverse().inverse().apply(tpm.__class__("Other"))
    assert tpm.spots[0] == state[3][0] and len(tpm.spots) == 3


def test_build_without_applying() -> None:
    tpm = make_map()
    state = tpm.state()
    ops: list[Operation] = [
        add_spot(tpm, "back", 545, 980, "right", apply=False),
        move_spot(tpm, "a", 552, 171, apply=False),
        edit_spot(tpm, "a", kind="numb", apply=False),
        remove_spot(tpm, "b", apply=False),
        check_in(tpm, {"a": 3}, apply=False),
        rename(tpm, "New", apply=False),
    ]
    assert tpm.state() == state
    for op in ops:
        op.apply(tpm)
    assert tpm.name == "New" and len(tpm.spots) == 3 and len(tpm.history) == 4


def test_moves_merge_into_one_drag() -> None:
    tpm = make_map()
    first = move_spot(tpm, "a", 551, 171)
    second = move_spot(tpm, "a", 552, 172)
    drag = first.merged(second)
    assert drag == MoveSpot("a", (550.0, 170.0), (552.0, 172.0), "right", "right")
    assert first.merged(move_spot(tpm, "b", 460, 60)) is None
    drag.inverse().apply(tpm)
    assert tpm.spot_by_id("a") == make_map().spot_by_id("a")


def test_noop_edits_are_not_applied() -> None:
    tpm = make_map()
    op = edit_spot(tpm, "a", intensity=7)
    assert op.is_noop and tpm.revision == 0
    assert rename(tpm, "Desk").is_noop


def test_batch_is_one_step_and_rolls_back_on_error() -> None:
    tpm = make_map()
    original = tpm.content()
    batch = Batch((edit_spot(tpm, "a", intensity=2, apply=False), check_in(tpm, apply=False)))
    batch.apply(tpm)
    assert tpm.spot_by_id("a").intensity == 2 and len(tpm.history) == 4
    batch.inverse().apply(tpm)
    assert tpm.content() == original
    broken = Batch((rename(tpm, "B", apply=False), RemoveSpot(tpm.spots[0], 1)))
    with pytest.raises(ValueError, match="not where"):
        broken.apply(tpm)
    assert tpm.content() == original


def test_a_batch_of_changes_to_one_spot_is_undone_last_change_first() -> None:
    """Undoing a batch undoes its operations in reverse: two edits of one spot, each made
    on the other's result, are taken back to the spot as it was (and done again)."""
    tpm = make_map()
    original = tpm.content()
    first = edit_spot(tpm, "a", intensity=2)
    second = edit_spot(tpm, "a", intensity=9, note="worse after the drive")
    after = tpm.content()
    batch = Batch((first, second))
    batch.inverse().apply(tpm)
    assert tpm.content() == original
    batch.apply(tpm)
    assert tpm.content() == after


def test_a_failing_subscriber_does_not_starve_the_others() -> None:
    tpm = make_map()
    seen: list[Change] = []

    def broken(change: Change) -> None:
        raise RuntimeError("view bug")

    tpm.subscribe(broken)
    tpm.subscribe(seen.append)
    with pytest.raises(RuntimeError):
        rename(tpm, "X")
    assert seen == [Change("renamed")] and tpm.name == "X"


def test_replace_with_resets() -> None:
    tpm = TriggerPointMap("empty")
    seen: list[Change] = []
    tpm.subscribe(seen.append)
    tpm.replace_with(make_map())
    assert tpm.content() == make_map().content() and seen == [Change("reset")]


# -- random edit sessions: undo everything gets the original back --------------------------
@st.composite
def sessions(draw: st.DrawFn) -> list[tuple[str, dict[str, object]]]:
    steps = draw(st.integers(1, 25))
    return [
        (
            draw(st.sampled_from(["add", "move", "edit", "remove", "check_in", "rename"])),
            {
                "pick": draw(st.integers(0, 50)),
                "view": draw(st.sampled_from(["front", "back"])),
                "x": draw(st.floats(0, 1000)),
                "y": draw(st.floats(-20, 1020)),
                "intensity": draw(st.integers(0, 10)),
                "kind": draw(st.sampled_from(PAIN_KINDS)),
                "note": draw(st.text(max_size=20)),
                "name": draw(st.text(min_size=1, max_size=10).filter(str.strip)),
            },
        )
        for _ in range(steps)
    ]


def _do(tpm: TriggerPointMap, action: str, a: dict[str, object]) -> Operation | None:
    ids = [s.id for s in tpm.spots]
    pick = ids[int(a["pick"]) % len(ids)] if ids else None  # type: ignore[call-overload]
    x, y = float(a["x"]), float(a["y"])  # type: ignore[arg-type]
    if action == "add" or pick is None:
        view = str(a["view"])
        index = int(a["pick"]) % (len(ids) + 1)  # type: ignore[call-overload]
        return add_spot(tpm, view, x, y, side_for(view, x), int(a["intensity"]),  # type: ignore[call-overload]
                        str(a["kind"]), str(a["note"]), index)  # fmt: skip
    if action == "move":
        return move_spot(tpm, pick, x, y)
    if action == "edit":
        return edit_spot(tpm, pick, intensity=a["intensity"], note=str(a["note"]))  # type: ignore[arg-type]
    if action == "remove":
        return remove_spot(tpm, pick)
    if action == "check_in":
        return check_in(tpm)
    return rename(tpm, str(a["name"]))


@pytest.mark.slow
@SETTINGS
@given(sessions())
def test_undo_all_restores_the_original_and_redo_all_the_result(
    session: list[tuple[str, dict[str, object]]],
) -> None:
    tpm = make_map()
    original = tpm.content()
    done = [op for action, args in session if (op := _do(tpm, action, args)) and not op.is_noop]
    result = tpm.content()
    assert loads_map(dumps_map(tpm)).content() == result
    for op in reversed(done):
        op.inverse().apply(tpm)
    assert tpm.content() == original
    for op in done:
        op.apply(tpm)
    assert tpm.content() == result


@pytest.mark.slow
@settings(SETTINGS, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_each_inverse_restores_the_state_right_before(data: st.DataObject) -> None:
    tpm = make_map()
    for action, args in data.draw(sessions()):
        before = tpm.content()
        op = _do(tpm, action, args)
        if op is None or op.is_noop:
            continue
        after = tpm.content()
        op.inverse().apply(tpm)
        assert tpm.content() == before
        op.apply(tpm)
        assert tpm.content() == after


def test_the_map_core_works_without_qt() -> None:
    import subprocess
    import sys
    from pathlib import Path

    import bodymap

    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import bodymap.maps as m\n"
        "t = m.TriggerPointMap('x'); m.add_spot(t, 'back', 550, 170, 'right')\n"
        "assert m.loads_map(m.dumps_map(t)) == t\n"
        "qt = ('PySide6', 'shiboken6')\n"
        "assert not [n for n in sys.modules if n.startswith(qt) and sys.modules[n]]"
    )
    root = str(Path(bodymap.__file__).parent.parent)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_a_batch_is_heard_as_one_change() -> None:
    tpm = make_map()
    seen: list[Change] = []
    tpm.subscribe(seen.append)
    batch = Batch((edit_spot(tpm, "a", intensity=2, apply=False), check_in(tpm, apply=False)))
    batch.apply(tpm)
    assert [c.kind for c in seen] == ["reset"]
    batch.inverse().apply(tpm)
    assert [c.kind for c in seen] == ["reset", "reset"]


def test_a_clashing_check_in_is_named_in_local_time_at_every_level(monkeypatch) -> None:
    """The operations' own safety nets speak as the verbs do: local time to the minute,
    not UTC in ISO form (a person reads the message)."""
    import time
    from datetime import UTC, datetime

    from bodymap.maps import TriggerPointMap, add_spot, check_in
    from bodymap.maps.operations import CheckInOp, EditCheckIn
    from bodymap.maps.values import CheckIn

    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    try:
        tpm = TriggerPointMap("x")
        spot = add_spot(tpm, "back", 560, 200, "right").spot.id
        at = datetime(2026, 3, 1, 8, tzinfo=UTC)  # 21:00 in Auckland
        check_in(tpm, {spot: 4}, at=at)
        other = check_in(tpm, {spot: 5}, at=datetime(2026, 3, 2, 8, tzinfo=UTC)).checkin
        for op in (
            CheckInOp(CheckIn(at, {spot: 6}, "")),
            EditCheckIn(other, CheckIn(at, {spot: 5}, "")),
        ):
            with pytest.raises(ValueError, match=r"already a check-in at 2026-03-01 21:00$"):
                op.apply(tpm)
    finally:
        monkeypatch.undo()
        time.tzset()
