"""`bodymap spots MAP [--json]`: the map's spots as the window's spot list shows them —
place, pain now and its trend — so a person using the command line sees what the window
says, and the numbers and ids `checkin` takes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bodymap.cli import main
from bodymap.maps import TriggerPointMap, add_spot, edit_spot, load_map, save_map
from bodymap.resources import asset

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


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


def test_a_note_cannot_drive_the_terminal(tmp_path, capsys) -> None:
    """A note from a shared map may hold escape sequences: they are shown, never obeyed."""
    tpm = TriggerPointMap("x")
    spot = add_spot(tpm, "back", 560, 200, "right").spot.id
    edit_spot(tpm, spot, note="before\x1b]0;owned\x07\x1b[2Jafter\rover\nsecond line")
    path = tmp_path / "hostile.bodymap"
    save_map(tpm, path)
    status, out, _ = call(capsys, "spots", str(path))
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
