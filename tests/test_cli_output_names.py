"""Output names, spot keys and file wording on the command line: a name too long for the
file system is one line, the history chart is drawn without a display, a key that could
name two spots is refused with the way to say which, and each message says what is the case."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bodymap.cli import main
from bodymap.maps import add_spot, check_in, dumps_map, load_map
from bodymap.maps.model import TriggerPointMap

LONG = "a" * 300


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def two_spots(tmp_path: Path) -> Path:
    """A valid map whose spots have the ids "2" and "1", in that order, and a check-in."""
    tpm = TriggerPointMap("Desk")
    first = add_spot(tpm, "back", 550, 170, "right", 4).spot.id
    second = add_spot(tpm, "back", 450, 172, "left", 6).spot.id
    check_in(tpm, {first: 4, second: 6})
    text = dumps_map(tpm).replace(json.dumps(first), '"2"').replace(json.dumps(second), '"1"')
    path = tmp_path / "ids.bodymap"
    path.write_text(text, encoding="utf-8")
    assert [s.id for s in load_map(path).spots] == ["2", "1"]
    return path


@pytest.mark.parametrize(
    ("command", "ending"),
    [("guide", ".pdf"), ("summary", ".pdf"), ("history", ".png")],
)
def test_an_over_long_output_name_is_one_line(capsys, tmp_path, two_spots, command, ending):
    out = tmp_path / (LONG + ending)
    status, stdout, err = call(capsys, command, str(two_spots), "-o", str(out))
    assert status == 1 and stdout == ""
    assert err == f"bodymap: cannot write {out}: the file name is too long\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ids.bodymap"]


def test_an_over_long_screenshot_name_is_one_line(capsys, tmp_path):
    out = tmp_path / (LONG + ".png")
    status, _, err = call(capsys, "screenshot", str(out))
    assert status == 1
    assert err == f"bodymap: cannot write {out}: the file name is too long\n"


def test_an_output_under_a_file_says_it_is_a_file(capsys, tmp_path, two_spots):
    plain = tmp_path / "dw.orig"
    plain.write_text("not a folder")
    status, _, err = call(capsys, "guide", str(two_spots), "-o", str(plain / "g.pdf"))
    assert status == 1
    assert err == f"bodymap: cannot write {plain / 'g.pdf'}: {plain} is a file, not a folder\n"
    status, _, err = call(capsys, "guide", str(two_spots), "-o", str(tmp_path / "no" / "g.pdf"))
    assert "folder" in err and "does not exist" in err


def test_a_map_that_is_a_folder_or_missing_is_said_as_such(capsys, tmp_path):
    folder = tmp_path / "dir.bodymap"
    folder.mkdir()
    assert call(capsys, "advise", str(folder))[2] == (
        f"bodymap: cannot open {folder}: it is a folder, not a map file\n"
    )
    missing = tmp_path / "nonexist.bodymap"
    assert call(capsys, "advise", str(missing))[2] == (
        f"bodymap: cannot open {missing}: no such file\n"
    )


def test_a_key_that_is_a_number_and_another_spots_id_is_refused(capsys, two_spots):
    before = hashlib.sha256(two_spots.read_bytes()).hexdigest()
    status, out, err = call(capsys, "checkin", str(two_spots), "1=9")
    assert status == 1 and out == ""
    assert err.count("\n") == 1
    assert "'1' is both spot number 1 and the id of spot number 2" in err
    assert "#1" in err and "id:1" in err
    assert hashlib.sha256(two_spots.read_bytes()).hexdigest() == before  # untouched


def test_hash_names_the_number_and_id_prefix_the_id(capsys, two_spots):
    assert call(capsys, "checkin", str(two_spots), "#1=9")[0] == 0
    tpm = load_map(two_spots)
    assert dict(tpm.history[-1].intensities) == {"2": 9}
    assert call(capsys, "checkin", str(two_spots), "id:1=3")[0] == 0
    assert dict(load_map(two_spots).history[-1].intensities) == {"1": 3}
    status, _, err = call(capsys, "checkin", str(two_spots), "#3=1")
    assert status == 1 and "no spot number '3'" in err


def test_a_key_naming_one_spot_either_way_is_taken(capsys, tmp_path):
    tpm = TriggerPointMap("Plain")
    add_spot(tpm, "back", 550, 170, "right", 4)
    path = tmp_path / "plain.bodymap"
    path.write_text(dumps_map(tpm), encoding="utf-8")
    assert call(capsys, "checkin", str(path), "1=2")[0] == 0
    assert list(load_map(path).history[-1].intensities.values()) == [2]


def test_the_checkin_help_tells_how_to_name_a_spot(capsys):
    with pytest.raises(SystemExit):
        main(["checkin", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "#N for spot number N" in text and "id:X" in text


@pytest.mark.slow
def test_history_draws_a_png_without_a_display(tmp_path, two_spots):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env.pop("WAYLAND_DISPLAY", None)
    out = tmp_path / "h.png"
    done = subprocess.run(
        [sys.executable, "-m", "bodymap", "history", str(two_spots), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert (done.returncode, done.stdout) == (0, f"wrote {out}\n"), done.stderr[-400:]
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
