"""The command-line contract of docs/PRODUCT.md, used the way scripts use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bodymap.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``bodymap`` command in a fresh process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "bodymap", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


run.spawns_process = True  # type: ignore[attr-defined]  # tests using it are marked slow


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command line in this process (fast) and capture what it prints."""
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_version_and_help() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("bodymap ")
    for command in ("locate", "landmarks", "advise", "guide", "atlas", "screenshot", "open"):
        proc = run(command, "--help")
        assert proc.returncode == 0, command
        assert "usage: bodymap" in proc.stdout


@pytest.mark.parametrize("view", ["front", "back"])
def test_landmarks_json_lists_named_points(view: str) -> None:
    proc = run("landmarks", "--view", view, "--json")
    assert proc.returncode == 0, proc.stderr
    marks = json.loads(proc.stdout)
    assert "vertex" in marks
    assert "acromion_r" in marks and "acromion_l" in marks
    for x, y in marks.values():
        assert 0 <= y <= 1000 and 0 < x < 1000


def test_locate_json_has_the_spec_shape() -> None:
    marks = json.loads(run("landmarks", "--view", "back", "--json").stdout)
    c7, acromion = marks["c7"], marks["acromion_r"]
    x, y = c7[0] + 0.45 * (acromion[0] - c7[0]), c7[1] + 0.45 * (acromion[1] - c7[1])
    proc = run("locate", "--view", "back", f"{x:.2f}", f"{y:.2f}", "--json")
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert answer["view"] == "back"
    spot = answer["spots"][0]
    assert spot["side"] == "right"
    ids = [r["id"] for r in spot["regions"]]
    assert "upper_trapezius" in ids
    region = spot["regions"][0]
    assert set(region) >= {"id", "side", "kind", "layer", "name"}
    for key in ("sources", "surrounding", "routine"):
        assert isinstance(answer[key], list)
    assert answer["sources"][0]["muscle"] == "upper_trapezius"
    step = answer["routine"][0]
    assert set(step) >= {"muscle", "side", "tool", "position", "on_point_s", "around_min"}


def test_a_point_outside_the_body_is_not_a_crash(capsys) -> None:
    status, out, _ = call(capsys, "locate", "--view", "front", "20", "20", "--json")
    assert status == 0
    spot = json.loads(out)["spots"][0]
    assert spot["regions"] == []
    assert [c["zone"] for c in spot["cautions"]] == ["outside_body"]


def test_absurd_coordinates_are_outside_the_body(capsys) -> None:
    status, out, _ = call(capsys, "locate", "--view", "back", "1e300", "-1e300", "--json")
    assert status == 0
    assert json.loads(out)["spots"][0]["regions"] == []


def test_a_near_miss_snaps_onto_the_body(capsys) -> None:
    from bodymap.atlas import load_atlas

    va = load_atlas()["front"]
    bounds = va.outline.bounds
    y = 600.0
    line = va.outline.intersection(
        __import__("shapely").geometry.LineString([(bounds[0] - 1, y), (500, y)])
    )
    edge_x = line.bounds[0]
    status, out, _ = call(
        capsys, "locate", "--view", "front", f"{edge_x - 3:.2f}", f"{y}", "--json"
    )
    assert status == 0
    spot = json.loads(out)["spots"][0]
    assert spot["regions"], "a click 3 units off the outline should snap onto the body"


def test_points_file(tmp_path, capsys) -> None:
    marks = json.loads(run("landmarks", "--view", "front", "--json").stdout)
    path = tmp_path / "spots.csv"
    rows = ["x,y"] + [f"{x},{y}" for x, y in (marks["temple_r"], marks["patella_l"])]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    status, out, _ = call(capsys, "locate", "--view", "front", "--points-file", str(path), "--json")
    assert status == 0
    spots = json.loads(out)["spots"]
    assert [s["side"] for s in spots] == ["right", "left"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["locate", "--view", "side", "1", "2"], "invalid choice"),
        (["locate", "--view", "back", "12", "abc"], "'abc' is not a number"),
        (["locate", "--view", "back", "12"], "pairs"),
        (["locate", "--view", "back"], "at least one"),
        (["locate", "--view", "back", "nan", "3"], "finite"),
        (["locate", "12", "13"], "--view"),
        (["locate", "--view", "back", "--points-file", "/no/such/file.csv"], "cannot read"),
        (["landmarks", "--view", "top"], "invalid choice"),
        (["advise", "/no/such/map.bodymap"], "cannot open"),
        (["guide", "/no/such/map.bodymap", "-o", "/tmp/x.pdf"], "cannot open"),
        (["atlas"], "choose an action"),
        (["atlas", "fix"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_clear_line(capsys, args: list[str], message: str) -> None:
    status, _, err = call(capsys, *args)
    assert status != 0
    assert message in err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


@pytest.mark.parametrize("header", [b"x,y\r\n", b""])
def test_points_file_saved_by_a_spreadsheet_with_a_bom(tmp_path, capsys, header: bytes) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + header + b"400,300\r\n600,700\r\n")
    args = ("locate", "--view", "front", "--points-file", str(path), "--json")
    status, out, err = call(capsys, *args)
    assert status == 0, err
    assert [s["point"] for s in json.loads(out)["spots"]] == [[400.0, 300.0], [600.0, 700.0]]


def test_points_file_reading_stops_at_the_limit(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("bodymap.cli.MAX_POINTS", 2)
    path = tmp_path / "huge.csv"
    path.write_bytes(b"1,2\n" * 50_000 + b"\xff")  # the end is never read, nor decoded
    status, _, err = call(capsys, "locate", "--view", "front", "--points-file", str(path))
    assert (status, err.strip()) == (1, f"bodymap: {path}: more than 2 points")


def test_bad_points_file_line_is_named(tmp_path, capsys) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("100,200\n100;200\n", encoding="utf-8")
    status, _, err = call(capsys, "locate", "--view", "front", "--points-file", str(path))
    assert status == 1
    assert "line 2" in err


def test_bad_input_through_the_real_process_has_no_traceback() -> None:
    proc = run("locate", "--view", "back", "x", "y")
    assert proc.returncode != 0
    assert proc.stderr.count("\n") == 1
    assert "Traceback" not in proc.stderr


def test_atlas_check_passes() -> None:
    proc = run("atlas", "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "atlas check: ok" in proc.stdout


EXAMPLES = Path(__file__).resolve().parent.parent / "assets" / "examples"


def test_advise_a_saved_map_answers_for_both_views() -> None:
    proc = run("advise", str(EXAMPLES / "desk_worker.bodymap"), "--json")
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    views = {spot["view"] for spot in answer["spots"]}
    assert views == {"front", "back"}
    assert answer["sources"] and answer["routine"]
    assert all(spot["regions"] for spot in answer["spots"])


def test_advise_without_json_prints_a_readable_summary(capsys) -> None:
    status, out, _ = call(capsys, "advise", str(EXAMPLES / "runner.bodymap"))
    assert status == 0
    assert out.startswith("Spot 1 (")
    assert "Likely sources:" in out and "Roll:" in out


def test_advise_an_empty_map_says_so(tmp_path, capsys) -> None:
    from bodymap.maps import TriggerPointMap, save_map

    path = tmp_path / "empty.bodymap"
    save_map(TriggerPointMap("Nothing yet"), path)
    status, out, _ = call(capsys, "advise", str(path))
    assert (status, out) == (0, "No spots in this map.\n")
    status, out, _ = call(capsys, "advise", str(path), "--json")
    assert status == 0
    assert json.loads(out)["spots"] == [] and json.loads(out)["sources"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "bodymap-map", "version": 1, "name": "x", "spo', "cut short"),
        (b'{"format": "bodymap-map", "version": 99}', "newer bodymap"),
        (b"\x80\x81 not text", "UTF-8"),
    ],
)
def test_a_bad_map_is_one_line_and_stays_untouched(tmp_path, capsys, content, message) -> None:
    path = tmp_path / "broken.bodymap"
    path.write_bytes(content)
    before = path.stat().st_mtime_ns
    for args in (["advise", str(path)], ["guide", str(path), "-o", str(tmp_path / "g.pdf")]):
        status, _, err = call(capsys, *args)
        assert status == 1
        assert message in err, err
        assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == content
    assert path.stat().st_mtime_ns == before
    assert not (tmp_path / "g.pdf").exists()


def test_screenshot_renders_the_window_with_a_map(tmp_path) -> None:
    out = tmp_path / "shot.png"
    proc = run("screenshot", str(out), str(EXAMPLES / "runner.bodymap"))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 50_000  # a real picture, not an empty frame


@pytest.mark.parametrize("command", ["screenshot", "guide"])
def test_an_output_path_that_is_a_folder_is_one_line(tmp_path, capsys, command: str) -> None:
    args = [str(tmp_path)] if command == "screenshot" else [str(EXAMPLES / "runner.bodymap")]
    args += ["-o", str(tmp_path)] if command == "guide" else []
    status, _, err = call(capsys, command, *args)
    assert status == 1
    assert err.strip() == f"bodymap: cannot write {tmp_path}: it is a folder"


def test_open_names_a_folder_as_a_folder(tmp_path, capsys) -> None:
    status, _, err = call(capsys, "open", str(tmp_path))
    assert status == 1
    assert err.strip() == f"bodymap: cannot open {tmp_path}: it is a folder, not a map file"
    status, _, err = call(capsys, "open", str(tmp_path / "gone.bodymap"))
    assert (status, err.strip()) == (
        1,
        f"bodymap: cannot open {tmp_path}/gone.bodymap: no such file",
    )


def test_a_map_path_alone_opens_it_as_open_does(tmp_path, capsys, monkeypatch) -> None:
    """A file manager's "Open with bodymap" passes the path alone: it was refused as an
    unknown command."""
    import bodymap.cli
    import bodymap.ui.app

    opened: list[object] = []
    monkeypatch.setattr(bodymap.ui.app, "run_gui", lambda path: opened.append(path) or 0)
    monkeypatch.setattr(bodymap.cli, "display_problem", lambda _env, _platform: "")
    monkeypatch.setattr(bodymap.cli.gc, "disable", lambda: None)  # no window, no pause
    path = EXAMPLES / "runner.bodymap"
    assert call(capsys, str(path))[0] == 0
    assert call(capsys, "open", str(path))[0] == 0
    assert opened == [str(path), str(path)]
    status, _, err = call(capsys, str(tmp_path / "gone.BODYMAP"))  # as open says it
    assert status == 1 and err.strip().endswith("gone.BODYMAP: no such file")


def test_a_screenshot_that_cannot_be_written_is_one_line(tmp_path, capsys, monkeypatch) -> None:
    import bodymap.ui.app

    def fail(out: Path, map_path: Path | None) -> Path:
        raise OSError(f"could not write {out}")

    monkeypatch.setattr(bodymap.ui.app, "screenshot", fail)
    out = tmp_path / "shot.png"
    status, _, err = call(capsys, "screenshot", str(out))
    assert status == 1
    assert err.startswith(f"bodymap: cannot write {out}")
    assert len(err.strip().splitlines()) == 1, err


def test_atlas_render_draws_both_views(tmp_path) -> None:
    proc = run("atlas", "render", str(tmp_path / "pictures"))
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (tmp_path / "pictures").iterdir())
    assert names == ["back.png", "front.png"]


def test_screenshot_leaves_the_recent_files_alone(tmp_path) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bodymap",
            "screenshot",
            str(tmp_path / "s.png"),
            str(EXAMPLES / "runner.bodymap"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    settings = home / "config" / "bodymap" / "bodymap.conf"
    assert not settings.exists() or "runner.bodymap" not in settings.read_text()


def test_text_answer_names_a_midline_muscle_once_and_counts_spots(capsys) -> None:
    """A point on the midline lies on both sides' upper trapezius: named once; a warning
    raised by one spot says "spot 1", by two "spots 1, 2"."""
    status, out, _ = call(capsys, "locate", "--view", "back", "500", "100")
    assert status == 0
    assert "Spot 1 (back, midline): Upper trapezius\n" in out
    assert "Warning (for your spot 1): " in out
    status, out, _ = call(capsys, "locate", "--view", "back", "500", "100", "520", "110")
    assert "Warning (for your spots 1, 2): " in out


def test_text_answer_calls_a_painted_area_an_area(capsys) -> None:
    """An area given with --polygon is "Area 1" in the text answer, named where it lies, as
    in the window and the guide, and its warnings say "for your area 1" (RedFlagNote.aside,
    not a label of the command line's own)."""
    # a patch over the back of the neck, on the midline: it raises the spinal checks
    polygon = "490,90 510,90 510,112 490,112"
    status, out, _ = call(capsys, "locate", "--view", "back", "--polygon", polygon)
    assert status == 0
    assert "Area 1 — base of the skull, both sides (back): " in out and "Spot 1" not in out
    assert "Warning (for your area 1): " in out


def test_a_polygon_mostly_beside_the_body_says_how_little_of_it_is_answered(capsys) -> None:
    """A polygon drawn mostly beside the body (here over the left hand and the empty page
    left of it) is answered for the part on the body, and a note on stderr says how much
    that is; the JSON on stdout stays whole. A polygon on the body gets no note."""
    beside = "200,400 352,400 352,600 200,600"
    status, out, err = call(capsys, "locate", "--view", "back", "--polygon", beside, "--json")
    assert status == 0 and json.loads(out)["spots"][0]["inside"]
    assert "only 15 % of the polygon lies on the body; the answer is for that part" in err
    status, out, err = call(
        capsys, "locate", "--view", "back", "--polygon", "0,0 1000,0 1000,1000 0,1000"
    )
    assert status == 0 and "Area 1 — " in out and "of the polygon lies on the body" in err
    on_body = "490,90 510,90 510,112 490,112"
    status, _, err = call(capsys, "locate", "--view", "back", "--polygon", on_body)
    assert status == 0 and err == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--polygon", "400,500 450,550 450,500 400,550"], "the polygon's edges cross"),
        (["--polygon", "400,500 450,500 500,500"], "the polygon encloses no area"),
        (["--polygon", "400,500 450,550"], "at least three X,Y corners"),
        (["--polygon", "1e308,1 2,2 3,1"], "lies far off the diagram"),
    ],
)
def test_locate_refuses_a_shape_a_map_could_not_hold(capsys, args, message) -> None:
    """A self-crossing polygon is refused, as a map file refuses it, not quietly repaired
    into another shape (a point off the body is answered: the command-line contract)."""
    status, out, err = call(capsys, "locate", "--view", "front", *args)
    assert status == 2 and out == "" and message in err and "Traceback" not in err


def test_a_bad_value_in_a_map_is_named_as_the_file_spells_it(capsys, tmp_path: Path) -> None:
    example = Path(__file__).parent.parent / "assets" / "examples" / "runner.bodymap"
    data = json.loads(example.read_text(encoding="utf-8"))
    data["spots"][0]["intensity"] = True
    bad = tmp_path / "bad.bodymap"
    bad.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = call(capsys, "advise", str(bad))
    assert status != 0
    assert "intensity must be a whole number from 0 to 10, got true" in err
    assert "True" not in err and "Traceback" not in err


def test_a_warning_raised_by_a_spot_and_an_area_names_each_as_the_list_does(capsys) -> None:
    """Spot 1 and painted area 2 both raise the spinal checks: "for your spot 1 and area 2",
    not "spots 1, 2" (the spot list calls them "Spot 1" and "Area 2")."""
    from bodymap.advisor.model import spots_label

    polygon = "490,90 510,90 510,112 490,112"
    status, out, _ = call(capsys, "locate", "--view", "back", "--polygon", polygon, "540", "300")
    assert status == 0 and "Warning (for your spot 1 and area 2): " in out
    assert spots_label([0, 1, 2], {1, 2}) == "spot 1 and areas 2, 3"
    assert spots_label([0, 2], ()) == "spots 1, 3" and spots_label([1], {1}) == "area 2"


def test_advise_text_lists_what_the_routine_length_leaves_out(capsys) -> None:
    """The desk worker's standard routine leaves the infraspinatus out (its JSON says so);
    the text says it too, as the window does, with how to include it."""
    path = Path(__file__).parent.parent / "assets" / "examples" / "desk_worker.bodymap"
    assert main(["advise", str(path), "--json"]) == 0
    left_out = json.loads(capsys.readouterr().out)["left_out"]
    assert left_out
    assert main(["advise", str(path)]) == 0
    text = capsys.readouterr().out
    start = "The standard routine has no time for:"
    line = next(x for x in text.splitlines() if x.startswith(start))
    for entry in left_out:
        assert entry["name"] in line
    assert line.endswith("--length full includes them and every other likely source.")
    assert main(["advise", str(path), "--length", "full"]) == 0
    assert "has no time for" not in capsys.readouterr().out


def test_muscle_text_says_do_not_roll_for_a_muscle_with_no_room_as_the_panel_does(capsys) -> None:
    assert main(["muscle", "subscapularis"]) == 0
    text = capsys.readouterr().out
    assert "  do not roll: It lies in a place not to roll: armpit." in text
    assert "\n  how:" not in text
    assert main(["muscle", "soleus"]) == 0
    assert "\n  how: " in capsys.readouterr().out


@pytest.mark.parametrize(("x", "y"), [(-5, -5), (995, 5), (1e300, 1e300)])
def test_a_point_beside_the_body_is_given_no_side(capsys, x: float, y: float) -> None:
    status, out, _ = call(capsys, "locate", "--view", "back", "--", str(x), str(y))
    assert status == 0
    first = out.splitlines()[0]
    assert first == "Spot 1 (back): not on the body", first
    # said once, by the outside-the-body caution, not again as a reason not to roll
    assert (
        out.count("click on the body where it hurts")
        + out.count("Click on the body where it hurts")
        == 1
    ), out
