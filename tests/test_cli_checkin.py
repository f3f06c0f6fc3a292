"""`bodymap checkin MAP ID=INTENSITY ... [--at] [--note] [--today]`, and maps with dates out
of range through the commands that read maps: one line, a non-zero exit, files untouched."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bodymap.cli import main
from bodymap.maps import Spot, TriggerPointMap, load_map, save_map
from bodymap.resources import asset

DATA = Path(__file__).parent / "data"


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def runner(tmp_path: Path) -> Path:
    path = tmp_path / "runner.bodymap"
    path.write_bytes(asset("examples", "runner.bodymap").read_bytes())
    return path


def test_checkin_adds_a_check_in_with_a_note_and_keeps_a_backup(
    capsys: pytest.CaptureFixture[str], runner: Path
) -> None:
    before = load_map(runner)
    status, out, err = call(capsys, "checkin", str(runner), "heel-r=2", "1=4", "--note", "ran 5 km")
    assert (status, err) == (0, "")
    assert out.startswith("checked in 2 spots at ") and out.count("\n") == 1
    after = load_map(runner)
    assert len(after.history) == len(before.history) + 1
    last = after.history[-1]
    assert dict(last.intensities) == {"heel-r": 2, "knee-lat-r": 4} and last.note == "ran 5 km"
    assert after.spot_by_id("heel-r").intensity == 2  # the latest reading is the current pain
    assert (
        runner.with_name("runner.bodymap.bak").read_bytes()
        == asset("examples", "runner.bodymap").read_bytes()
    )


def test_checkin_back_dates_without_changing_the_current_pain(
    capsys: pytest.CaptureFixture[str], runner: Path
) -> None:
    status, _, err = call(capsys, "checkin", str(runner), "heel-r=9", "--at", "2025-04-09T08:00Z")
    assert (status, err) == (0, "")
    tpm = load_map(runner)
    at = datetime(2025, 4, 9, 8, tzinfo=UTC)
    assert next(c for c in tpm.history if c.at == at).intensities == {"heel-r": 9}
    assert tpm.spot_by_id("heel-r").intensity == 4
    # a time without a zone is local time
    status, _, err = call(capsys, "checkin", str(runner), "heel-r=8", "--at", "2025-04-09T09:00")
    local = datetime(2025, 4, 9, 9).astimezone().astimezone(UTC)
    assert (status, err) == (0, "") and local in [c.at for c in load_map(runner).history]


def test_a_first_check_in_back_dated_before_the_spot_was_marked_leaves_its_pain(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A spot marked 7/10 today, then check-ins back-dated to last week (the first the map
    has, so each is its latest): the spot went to 5/10 (a walk's finding). A reading from
    before a spot was marked is its history, not its pain now; one from after it is."""
    from bodymap.maps import add_spot

    tpm = TriggerPointMap("Neck")
    spot = add_spot(tpm, "back", 534.0, 151.0, "right", intensity=7).spot
    path = tmp_path / "neck.bodymap"
    save_map(tpm, path)
    week_ago = (spot.created - timedelta(days=7)).strftime("%Y-%m-%dT%H:%MZ")
    assert call(capsys, "checkin", str(path), "1=5", "--at", week_ago)[0] == 0
    after = load_map(path)
    assert after.spot_by_id(spot.id).intensity == 7 and len(after.history) == 1
    assert call(capsys, "checkin", str(path), "1=4")[0] == 0  # now: the pain now
    assert load_map(path).spot_by_id(spot.id).intensity == 4


def test_checkin_today_updates_todays_check_in(
    capsys: pytest.CaptureFixture[str], runner: Path
) -> None:
    assert call(capsys, "checkin", str(runner), "heel-r=3", "--today")[0] == 0
    count = len(load_map(runner).history)
    assert call(capsys, "checkin", str(runner), "calf-r=1", "--today", "--note", "evening")[0] == 0
    tpm = load_map(runner)
    assert len(tpm.history) == count
    assert dict(tpm.history[-1].intensities) == {"heel-r": 3, "calf-r": 1}
    assert tpm.history[-1].note == "evening"
    assert call(capsys, "checkin", str(runner), "calf-r=2", "--today")[0] == 0
    assert load_map(runner).history[-1].note == "evening"  # no --note: kept
    assert call(capsys, "checkin", str(runner), "calf-r=2", "--today", "--note", "")[0] == 0
    tpm = load_map(runner)
    assert len(tpm.history) == count and tpm.history[-1].note == ""  # --note "": removed


def test_checkin_today_at_a_time_of_today_moves_todays_check_in_there(
    capsys: pytest.CaptureFixture[str], runner: Path
) -> None:
    """The rule the check-in dialog follows too: --today with --at, a time of today,
    updates today's check-in and moves it there (another day is refused, below)."""
    now = datetime.now().astimezone()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if now - midnight < timedelta(seconds=10):
        pytest.skip("just after midnight: no earlier time today")
    earlier = midnight + (now - midnight) / 2
    assert call(capsys, "checkin", str(runner), "heel-r=3", "--today", "--note", "am")[0] == 0
    first = load_map(runner).history[-1].at.astimezone()
    count = len(load_map(runner).history)
    status, out, err = call(
        capsys, "checkin", str(runner), "heel-r=2", "--today", "--at", earlier.isoformat()
    )
    assert (status, err) == (0, "")
    # it says what it stored: today's check-in, moved (a tester read "checked in … at" the
    # time asked for while the file kept another)
    assert out == (
        f"updated today's check-in of {earlier:%H:%M}, moved from {first:%H:%M}: "
        f"1 spot in {runner}\n"
    )
    tpm = load_map(runner)
    assert len(tpm.history) == count and tpm.history[-1].at == earlier.astimezone(UTC)
    assert tpm.history[-1].intensities["heel-r"] == 2 and tpm.history[-1].note == "am"
    assert tpm.spot_by_id("heel-r").intensity == 2  # still the latest reading
    # without --at it stays where it is, and says that time, not the time now
    status, out, _ = call(capsys, "checkin", str(runner), "heel-r=1", "--today")
    assert out == f"updated today's check-in of {earlier:%H:%M}: 1 spot in {runner}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["knee=2"], "no spot 'knee' in the map"),
        (["99=2"], "no spot '99' in the map"),
        (["heel-r=11"], "must be a whole number from 0 to 10"),
        (["heel-r=2.5"], "must be a whole number from 0 to 10"),
        (["heel-r"], "expected ID=INTENSITY"),
        (["heel-r=2", "6=3"], "is given twice"),
        (["heel-r=2", "--at", "yesterday"], "is not a date and time"),
        (["heel-r=2", "--at", "9999-12-31T23:59:59-23:59"], "in the future"),
        (["heel-r=2", "--at", "0001-01-01T00:00:00+01:00"], "out of range"),
        (["heel-r=2", "--at", "1899-12-31T12:00Z"], "out of range"),
        # a real date with no time zone too early to be given one: out of range, not
        # "not a date" as the day after it says (a walk's finding)
        (["heel-r=2", "--at", "0001-01-01"], "out of range (years 1900 to 2999 only)"),
        (["heel-r=2", "--at", "2025-04-07T19:15:00Z"], "already a check-in"),
        (
            ["heel-r=2", "--at", (datetime.now(UTC) + timedelta(days=2)).isoformat()],
            "in the future",
        ),
        (["heel-r=2", "--at", "2025-04-09T08:00Z", "--today"], "is not today"),
        (["heel-r=2", "--note", "n" * 2001], "note is too long"),
    ],
)
def test_checkin_mistakes_are_one_line_and_leave_the_map_alone(
    capsys: pytest.CaptureFixture[str], runner: Path, args: list[str], message: str
) -> None:
    before = sha(runner)
    status, out, err = call(capsys, "checkin", str(runner), *args)
    assert status != 0 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert sha(runner) == before
    assert not runner.with_name("runner.bodymap.bak").exists()


def test_checkin_refuses_a_map_it_cannot_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.bodymap"
    path.write_text("{")
    status, _, err = call(capsys, "checkin", str(path), "1=2")
    assert status == 1 and "cannot open" in err and err.count("\n") == 1
    assert path.read_text() == "{"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_checkin_leaves_a_map_made_read_only_as_it_was(
    capsys: pytest.CaptureFixture[str], runner: Path
) -> None:
    before = sha(runner)
    runner.chmod(0o444)
    status, out, err = call(capsys, "checkin", str(runner), "heel-r=2")
    assert status == 1 and out == ""
    assert "the file is read-only" in err and err.count("\n") == 1
    assert sha(runner) == before


def test_checkin_needs_readings(capsys: pytest.CaptureFixture[str], runner: Path) -> None:
    status, _, err = call(capsys, "checkin", str(runner))
    assert status == 2 and err.count("\n") == 1


# -- dates out of range: every command that reads a map -----------------------------------------
def _out_of_range(tmp_path: Path, key: str, date: str) -> Path:
    data = json.loads((DATA / "v1" / "runner.bodymap").read_bytes())
    if key == "history":
        data["history"][0]["at"] = date
    else:
        data[key] = date
    path = tmp_path / "dates.bodymap"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("key", ["created", "modified", "history"])
@pytest.mark.parametrize("date", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+01:00"])
def test_advise_and_checkin_say_one_line_for_dates_out_of_range(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, key: str, date: str
) -> None:
    path = _out_of_range(tmp_path, key, date)
    before = sha(path)
    for args in (
        ["advise", str(path)],
        ["advise", str(path), "--json"],
        ["checkin", str(path), "1=2"],
    ):
        status, out, err = call(capsys, *args)
        assert status == 1 and out == "" and err.count("\n") == 1
        assert "out of range (years 1900 to 2999 only)" in err
    assert sha(path) == before


@pytest.mark.slow
@pytest.mark.parametrize("command", ["guide", "screenshot"])
def test_guide_and_screenshot_say_one_line_for_dates_out_of_range(
    tmp_path: Path, command: str
) -> None:
    path = _out_of_range(tmp_path, "history", "9999-12-31T23:59:59-23:59")
    before = sha(path)
    if command == "guide":
        args = ["guide", str(path), "-o", str(tmp_path / "g.pdf")]
    else:
        args = ["screenshot", str(tmp_path / "s.png"), str(path)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "bodymap", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "out of range" in proc.stderr and proc.stderr.strip().count("\n") == 0
    assert sha(path) == before


def test_checkin_refuses_a_date_a_decade_before_the_spots_were_marked(tmp_path, capsys) -> None:
    """A typo such as 1925 for 2025 would stretch History over a century: refused in one
    line, the map untouched; a month before is kept."""
    source = tmp_path / "m.bodymap"
    source.write_bytes(asset("examples", "runner.bodymap").read_bytes())
    before = source.read_bytes()
    status = main(["checkin", str(source), "1=4", "--at", "1925-04-08T08:00"])
    err = capsys.readouterr().err
    assert status != 0 and "more than a year before the spots it rates were marked" in err
    assert "Traceback" not in err and source.read_bytes() == before
    first = min(s.created for s in load_map(source).spots)
    month_before = (first - timedelta(days=30)).isoformat()
    assert main(["checkin", str(source), "1=4", "--at", month_before]) == 0


def test_the_back_date_limit_counts_from_the_first_spot_rated(tmp_path, capsys) -> None:
    """Spot "old" was marked three years ago and "new" today: a check-in of both dated 400
    days ago is kept, as the program keeps it (the limit is a year before the first of the
    spots rated); counted from the newest spot a real entry would be refused."""
    now = datetime.now(UTC)
    old = Spot("old", "back", 560.0, 170.0, "right", 5, created=now - timedelta(days=3 * 365))
    new = Spot("new", "back", 560.0, 800.0, "right", 4, created=now)
    path = tmp_path / "two.bodymap"
    save_map(TriggerPointMap("Two", [old, new]), path)
    at = (now - timedelta(days=400)).isoformat()
    status, _, err = call(capsys, "checkin", str(path), "old=3", "new=2", "--at", at)
    assert (status, err) == (0, "")
    assert [dict(c.intensities) for c in load_map(path).history] == [{"old": 3, "new": 2}]
    before = sha(path)
    too_early = (old.created - timedelta(days=400)).isoformat()
    status, _, err = call(capsys, "checkin", str(path), "old=3", "new=2", "--at", too_early)
    assert status == 1 and "more than a year before the spots it rates were marked" in err
    assert sha(path) == before


def test_a_check_in_dated_even_two_hours_ahead_is_refused(
    capsys: pytest.CaptureFixture[str], runner: Path
) -> None:
    """A slip in --at that lands later today or tomorrow is refused, not kept: a check-in in
    the future would be the latest, set the current pain and push every later check-in past
    it. A clock some seconds ahead is allowed for."""
    before = sha(runner)
    ahead = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    status, out, err = call(capsys, "checkin", str(runner), "heel-r=2", "--at", ahead)
    assert (status, out) == (1, "") and "is in the future" in err and err.count("\n") == 1
    assert sha(runner) == before
    skew = (datetime.now(UTC) + timedelta(seconds=30)).isoformat()
    status, _, err = call(capsys, "checkin", str(runner), "heel-r=2", "--at", skew)
    assert (status, err) == (0, "")
