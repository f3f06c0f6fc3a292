"""`bodymap spots MAP [--json]`: the map's spots as the window's spot list shows them —
place, pain now and its trend — so a person using the command line sees what the window
says, and the numbers and ids `checkin` takes; `bodymap add MAP --view V X Y`: a spot
marked as a click on the diagram marks it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import call

from bodymap.cli import main
from bodymap.maps import TriggerPointMap, add_spot, edit_spot, load_map, save_map
from bodymap.resources import asset

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    path = tmp_path / "desk.bodymap"
    path.write_bytes(asset("examples", "desk_worker.bodymap").read_bytes())
    return path


def test_each_row_reads_as_the_windows_spot_list(main_window, desk, capsys) -> None:
    window = main_window()
    assert window.document.open(desk)
    listed = [window.panel.spot_list.item(i).text() for i in range(window.panel.spot_list.count())]
    status, out, _ = call(capsys, "spots", str(desk))
    assert status == 0
    rows = [line.split("  (id ")[0] for line in out.splitlines() if not line.startswith("  ")]
    assert rows == listed
    assert "  Ache pain: Top of the right shoulder" in out


def test_json_gives_what_checkin_needs_and_the_trend(desk, capsys) -> None:
    tpm = load_map(desk)
    status, out, _ = call(capsys, "spots", str(desk), "--json")
    assert status == 0
    data = json.loads(out)
    assert data["map"] == tpm.name
    assert [r["id"] for r in data["spots"]] == [s.id for s in tpm.spots]
    assert [r["number"] for r in data["spots"]] == list(range(1, len(tpm.spots) + 1))
    first = data["spots"][0]
    assert first["trend"] == tpm.trend_label(tpm.spots[0].id)
    assert first["trend_text"] in ("↓ better", "↑ worse", "→ steady", "new", "after a break")
    assert first["reading_text"] == f"{first['intensity']}/10 · {first['trend_text']}"


def test_a_spot_set_since_its_check_in_says_which_reading_its_trend_ends_at(desk, capsys) -> None:
    tpm = load_map(desk)
    spot = tpm.spots[0]
    latest = tpm.latest_reading(spot.id)
    assert latest is not None
    edit_spot(tpm, spot.id, intensity=(latest + 3) % 11)
    save_map(tpm, desk)
    _, out, _ = call(capsys, "spots", str(desk))
    assert f"— {(latest + 3) % 11}/10 · last check-in {latest}/10, " in out.splitlines()[0]
    assert call(capsys, "checkin", str(desk), f"1={(latest + 3) % 11}")[0] == 0
    _, out, _ = call(capsys, "spots", str(desk))
    assert "last check-in" not in out.splitlines()[0]


def _spots_of_a_note(tmp_path: Path, capsys, note: str) -> tuple[int, str]:
    """``bodymap spots`` on a map of one spot with ``note``: the status and the output."""
    tpm = TriggerPointMap("x")
    spot = add_spot(tpm, "back", 560, 200, "right").spot.id
    edit_spot(tpm, spot, note=note)
    path = tmp_path / "note.bodymap"
    save_map(tpm, path)
    status, out, _ = call(capsys, "spots", str(path))
    return status, out


def test_a_note_cannot_drive_the_terminal(tmp_path, capsys) -> None:
    """A note from a shared map may hold escape sequences: they are shown, never obeyed."""
    status, out = _spots_of_a_note(
        tmp_path, capsys, "before\x1b]0;owned\x07\x1b[2Jafter\rover\nsecond line"
    )
    assert status == 0
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "before\\x1b]0;owned\\x07\\x1b[2Jafter\\x0dover" in out
    assert out.splitlines()[-1] == "  second line"


def test_an_empty_map_and_a_damaged_one(tmp_path, capsys) -> None:
    path = tmp_path / "empty.bodymap"
    save_map(TriggerPointMap("Nothing yet"), path)
    assert call(capsys, "spots", str(path)) == (0, "No spots in this map.\n", "")
    path.write_text('{"format": "bodymap-map", "version": 3, "spots": [', encoding="utf-8")
    status, out, err = call(capsys, "spots", str(path))
    assert status == 1 and out == "" and "cut short" in err


def test_add_marks_a_spot_as_a_click_on_the_window_does(main_window, desk, qtbot, capsys):
    from PySide6.QtCore import Qt

    before = desk.read_bytes()
    status, out, _ = call(
        capsys, "add", str(desk), "--view", "back", "560", "175", "--intensity", "7",
        "--kind", "sharp", "--note", "after driving",
    )  # fmt: skip
    assert status == 0
    tpm = load_map(desk)
    spot = tpm.spots[-1]
    assert (spot.view, spot.x, spot.y, spot.intensity, spot.kind, spot.note) == (
        "back", 560.0, 175.0, 7, "sharp", "after driving",
    )  # fmt: skip
    assert out == f"added spot {len(tpm.spots)} (id {spot.id}), Upper trapezius, right, to {desk}\n"
    assert (desk.parent / "desk.bodymap.bak").read_bytes() == before
    window = main_window()  # the same point clicked in the window: the same side and place
    point = window.canvas.viewport_point("back", 560.0, 175.0)
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    clicked = window.document.map.spots[0]
    assert clicked.side == spot.side
    _, listed, _ = call(capsys, "spots", str(desk))
    row = window.panel.spot_list.item(0).text().split(" — ")[1]
    assert f"Spot {len(tpm.spots)} — {row} — 7/10 · new" in listed


@pytest.mark.parametrize(
    ("args", "status", "words"),
    [
        (["--view", "back", "5", "5"], 1, "(5, 5) is not on the body in the back view"),
        (["--view", "back", "560", "nan"], 1, "'nan' is not a finite number"),
        (["--view", "back", "560", "175", "--intensity", "11"], 2, "11 is not from 0 to 10"),
        (["--view", "back", "560", "175", "--kind", "itchy"], 2, "'itchy' is not one of ache"),
        (["--view", "back", "560", "175", "--note", "x" * 3000], 1, "cannot add the spot: note"),
    ],
)
def test_add_refuses_in_one_line_and_leaves_the_map(desk, capsys, args, status, words) -> None:
    before = desk.read_bytes()
    assert main(["add", str(desk), *args]) == status
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1, err
    assert desk.read_bytes() == before and not (desk.parent / "desk.bodymap.bak").exists()


def test_add_to_a_map_not_there_yet_makes_it_as_the_window_would(tmp_path, capsys) -> None:
    """A map can be started from the command line: ``add`` to a new file makes the map
    (named after the file, no .bak as nothing was there); a refused spot makes nothing,
    nor does a path in a missing folder or without the map ending."""
    path = tmp_path / "Lower back.bodymap"
    status, out, _ = call(capsys, "add", str(path), "--view", "back", "560", "175")
    tpm = load_map(path)
    assert status == 0 and out.endswith(f"to a new map {path}\n")
    assert tpm.name == "Lower back" and len(tpm.spots) == 1
    assert not (tmp_path / "Lower back.bodymap.bak").exists()
    assert call(capsys, "add", str(path), "--view", "back", "440", "175")[1].endswith(
        f"to {path}\n"
    )
    assert len(load_map(path).spots) == 2
    for name, args, words in [
        ("off.bodymap", ["5", "5"], "(5, 5) is not on the body"),
        ("gone/x.bodymap", ["560", "175"], "there is no folder"),
        ("x.txt", ["560", "175"], "a new map's name must end in .bodymap"),
    ]:
        status, _, err = call(capsys, "add", str(tmp_path / name), "--view", "back", *args)
        assert status == 1 and words in err and len(err.strip().splitlines()) == 1, err
        assert not (tmp_path / name).exists()


def test_add_takes_zero_and_defaults_to_five_as_its_help_says(desk, capsys) -> None:
    assert "(default 5)" in _help(capsys, "add")
    assert call(capsys, "add", str(desk), "--view", "back", "560", "175")[0] == 0
    assert (
        call(capsys, "add", str(desk), "--view", "back", "440", "175", "--intensity", "0")[0] == 0
    )
    assert [s.intensity for s in load_map(desk).spots[-2:]] == [5, 0]


def _help(capsys, command: str) -> str:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_delete_and_the_c1_controls_are_shown_as_codes_too(tmp_path, capsys) -> None:
    """A terminal obeys DEL and the 8-bit controls (\\x9b starts a command, as ESC [ does)."""
    _, out = _spots_of_a_note(tmp_path, capsys, "a\x7fb\x9b2Jc\x85d")
    assert "\x7f" not in out and "\x9b" not in out and "\x85" not in out
    assert "a\\x7fb\\x9b2Jc\\x85d" in out


def test_a_spot_under_two_muscles_is_named_after_the_first_as_in_the_window(
    main_window, tmp_path, capsys
) -> None:
    """(520, 300) on the back lies on lower trapezius over thoracic erector spinae: the
    heading names the first of them, the topmost, in the window and on the command line."""
    from bodymap.atlas import load_atlas

    regions = [r.name for r in load_atlas()["back"].locate(520, 300).regions]
    assert len(regions) >= 2
    tpm = TriggerPointMap("x")
    add_spot(tpm, "back", 520, 300, "right")
    path = tmp_path / "two.bodymap"
    save_map(tpm, path)
    _, out, _ = call(capsys, "spots", str(path))
    assert out.startswith(f"Spot 1 — {regions[0]} (right) — ")
    window = main_window()
    assert window.document.open(path)
    assert window.panel.spot_list.item(0).text().startswith(f"Spot 1 — {regions[0]} (right) — ")


def test_an_area_across_the_midline_says_both_sides_beside_its_points_side(
    tmp_path, capsys
) -> None:
    """``side`` is an area's point's side (the map's field); ``area_side`` is where the area
    lies, in ``spots --json`` and ``advise --json`` alike: "both" for a low-back area
    across the midline, its one side for an area on one side, absent for a point."""
    import shapely

    from bodymap.maps.area import Area
    from bodymap.maps.verbs import set_area

    tpm = TriggerPointMap()
    for box, x in (((430, 370, 570, 420), 540.0), ((440, 780, 480, 900), 460.0)):
        op = add_spot(tpm, "back", x, (box[1] + box[3]) / 2, "right" if x > 500 else "left")
        set_area(tpm, op.spot.id, Area.from_geojson(shapely.geometry.mapping(shapely.box(*box))))
    add_spot(tpm, "back", 560.0, 175.0, "right")
    path = tmp_path / "areas.bodymap"
    save_map(tpm, path)
    _, out, _ = call(capsys, "spots", str(path), "--json")
    rows = json.loads(out)["spots"]
    assert [r["side"] for r in rows] == ["right", "left", "right"]
    assert [r.get("area_side") for r in rows] == ["both", "left", None]
    _, out, _ = call(capsys, "advise", str(path), "--json")
    assert [s.get("area_side") for s in json.loads(out)["spots"]] == ["both", "left", None]


def test_paint_adds_a_painted_area_as_a_brush_stroke_does(tmp_path, capsys) -> None:
    """``bodymap paint`` keeps the part of the polygon on the body (as a stroke does), puts
    the disc where the window puts it, names the area as the spot list does, and refuses
    a polygon off the body or a bad one in one line, leaving the map as it was."""
    import shapely

    from bodymap.advisor.areas import parse_polygon
    from bodymap.atlas import load_atlas

    path = tmp_path / "legs.bodymap"
    corners = "405,520 418,520 425,700 412,700"
    status, out, _ = call(
        capsys, "paint", str(path), "--view", "front", "--polygon", corners, "--intensity", "6"
    )
    assert status == 0 and out.startswith("added Area 1 — outer thigh, right (id ")
    spot = load_map(path).spots[0]
    front = load_atlas()["front"]
    kept = shapely.intersection(parse_polygon(corners), front.outline)
    assert spot.area is not None and spot.intensity == 6
    assert abs(spot.area.shape.area - kept.area) < 1.0
    assert (spot.x, spot.y) == front.disc_point(spot.area.shape)
    assert spot.side == "right"
    listed = call(capsys, "spots", str(path))[1]
    assert listed.startswith("Area 1 — outer thigh, right — 6/10 · new")
    before = path.read_bytes()
    for corners, status, words in [
        ("1,1 2,2 3,1", 1, "does not cover any of the body"),
        ("1,1 2,2", 2, "at least three"),
        ("400,500 430,700 430,500 400,700", 2, "edges cross"),
    ]:
        got, _, err = call(capsys, "paint", str(path), "--view", "front", "--polygon", corners)
        assert got == status and words in err and len(err.strip().splitlines()) == 1, err
        assert path.read_bytes() == before
