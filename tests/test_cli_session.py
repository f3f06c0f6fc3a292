"""`bodymap session MAP --preset P --json` prints the plan in the contract's shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bodymap import cli
from bodymap.advisor import advise_map
from bodymap.maps import load_map, save_map
from bodymap.maps.verbs import answer_press_test
from bodymap.session import PRESET_NAMES
from tests.test_cli import EXAMPLES, call, run


def test_the_command_line_offers_exactly_the_core_presets() -> None:
    assert cli.PRESETS == PRESET_NAMES


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_session_json_has_the_contract_shape(capsys, preset: str) -> None:
    status, out, _ = call(
        capsys, "session", str(EXAMPLES / "desk_worker.bodymap"), "--preset", preset, "--json"
    )
    assert status == 0
    plan = json.loads(out)
    assert plan["preset"] == preset
    assert plan["total_s"] == sum(p["seconds"] for s in plan["steps"] for p in s["phases"])
    assert plan["steps"]
    for step in plan["steps"]:
        assert {"muscle", "side", "view", "tool", "position", "spots", "phases"} <= set(step)
        assert step["spots"] and step["view"] in ("front", "back")
        for phase in step["phases"]:
            assert set(phase) == {"kind", "seconds", "text"}
            assert phase["kind"] in ("setup", "on_point", "around", "switch")


def test_beginner_plans_are_no_longer(capsys) -> None:
    path = str(EXAMPLES / "runner.bodymap")
    _, out, _ = call(capsys, "session", path, "--preset", "cooldown", "--json")
    _, easy, _ = call(capsys, "session", path, "--preset", "cooldown", "--beginner", "--json")
    assert json.loads(easy)["beginner"] is True
    assert json.loads(easy)["total_s"] <= json.loads(out)["total_s"]


def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path, capsys) -> None:
    status, _, err = call(capsys, "session", str(tmp_path / "no.bodymap"), "--preset", "full")
    assert status == 1 and err.count("\n") == 1 and "cannot open" in err
    status, _, err = call(capsys, "session", str(EXAMPLES / "runner.bodymap"), "--preset", "x")
    assert status == 2 and "invalid choice" in err and err.count("\n") == 1


def test_session_json_from_a_fresh_process() -> None:
    proc = run("session", str(EXAMPLES / "runner.bodymap"), "--preset", "warmup", "--json")
    assert proc.returncode == 0, proc.stderr
    assert 120 <= json.loads(proc.stdout)["total_s"] <= 180


def test_session_without_json_opens_mat_mode(capsys, monkeypatch) -> None:
    import bodymap.ui.app

    opened: list[tuple[str, str, bool, str]] = []

    def fake_run(path, preset, *, beginner=False, length="standard"):
        opened.append((path.name, preset, beginner, length))
        return 0

    monkeypatch.setattr(bodymap.ui.app, "run_mat_session", fake_run)
    path = str(EXAMPLES / "runner.bodymap")
    status, out, _ = call(
        capsys, "session", path, "--preset", "bedtime", "--beginner", "--length", "short"
    )
    assert (status, out) == (0, "")
    assert opened == [("runner.bodymap", "bedtime", True, "short")]


def test_a_full_length_routine_gives_a_full_session_at_least_as_long(capsys) -> None:
    path = str(EXAMPLES / "desk_worker.bodymap")
    _, short, _ = call(capsys, "session", path, "--preset", "full", "--length", "short", "--json")
    _, full, _ = call(capsys, "session", path, "--preset", "full", "--length", "full", "--json")
    assert json.loads(short)["total_s"] < json.loads(full)["total_s"]


def map_with_a_no(path: Path) -> tuple[str, str]:
    """Save at ``path`` the desk-worker map with one press-test "no" that drops a muscle
    from the panel's routine; return that (muscle, side)."""
    tpm = load_map(EXAMPLES / "desk_worker.bodymap")
    advice = advise_map(tpm)
    rolled = {(s.muscle, s.side) for s in advice.routine.steps}
    for source in advice.sources:
        if (source.muscle, source.side) not in rolled:
            continue
        for spot in dict.fromkeys(r.spot for r in source.reasons):
            answered = load_map(EXAMPLES / "desk_worker.bodymap")
            side = "midline" if source.side == "both" else source.side
            answer_press_test(answered, answered.spots[spot].id, source.muscle, side, "no")
            if (source.muscle, source.side) not in {
                (s.muscle, s.side) for s in advise_map(answered).routine.steps
            }:
                save_map(answered, path)
                return source.muscle, source.side
    raise AssertionError("no press answer drops a muscle from the desk worker's routine")


def timed(plan: dict[str, Any]) -> set[tuple[str, str]]:
    return {(s["muscle"], s["side"]) for s in plan["steps"] if s["phases"]}


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_a_session_leaves_out_what_a_no_took_out_of_the_routine(capsys, tmp_path, preset) -> None:
    """After "no, pressing it does not reproduce my pain" drops a muscle from the panel's
    routine, `bodymap session` does not time it either (it planned from the answers-blind
    advice and timed a step the routine no longer listed)."""
    answered = tmp_path / "answered.bodymap"
    muscle, side = map_with_a_no(answered)
    status, out, _ = call(capsys, "session", str(answered), "--preset", preset, "--json")
    assert status == 0
    assert (muscle, side) not in timed(json.loads(out))
    status, out, _ = call(capsys, "advise", str(answered), "--json")
    assert (muscle, side) not in {(s["muscle"], s["side"]) for s in json.loads(out)["routine"]}
    if preset == "full":  # without the answer the full session times it
        plain = str(EXAMPLES / "desk_worker.bodymap")
        status, out, _ = call(capsys, "session", plain, "--preset", preset, "--json")
        assert status == 0 and (muscle, side) in timed(json.loads(out))


def test_a_session_from_a_fresh_process_reads_the_answers(tmp_path) -> None:
    answered = tmp_path / "answered.bodymap"
    muscle, side = map_with_a_no(answered)
    proc = run("session", str(answered), "--preset", "full", "--json")
    assert proc.returncode == 0, proc.stderr
    assert (muscle, side) not in timed(json.loads(proc.stdout))
    proc = run("session", str(EXAMPLES / "desk_worker.bodymap"), "--preset", "full", "--json")
    assert proc.returncode == 0, proc.stderr
    assert (muscle, side) in timed(json.loads(proc.stdout))


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_session_text_prints_the_plan_as_a_checklist_without_a_window(
    capsys: pytest.CaptureFixture[str], preset: str
) -> None:
    """``--text`` prints the guide's timed checklist, a box per step with its cautions
    under it, the same steps as ``--json``; no display is needed."""
    path = str(EXAMPLES / "runner.bodymap")
    status, out, _ = call(capsys, "session", path, "--preset", preset, "--json")
    plan = json.loads(out)
    status, text, err = call(capsys, "session", path, "--preset", preset, "--text")
    assert status == 0 and err == ""
    boxes = [line for line in text.splitlines() if line.startswith("[ ] ")]
    assert len(boxes) == len(plan["steps"]) > 0
    for line, step in zip(boxes, plan["steps"], strict=True):
        assert step["name"].split(" (")[0] in line
    cautions = sum(len(step["cautions"]) for step in plan["steps"])
    assert text.count("      caution: ") == cautions


def test_session_text_says_what_the_routines_length_left_out(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A full session of the standard routine rolls every step of that routine: the steps
    the length had no time for are named, as `advise` names them; the full length has none."""
    path = str(EXAMPLES / "runner.bodymap")
    _, text, _ = call(capsys, "session", path, "--preset", "full", "--text")
    last = next(line for line in text.splitlines() if "routine has no time for" in line)
    assert last.startswith("The standard routine has no time for: ") and "Gluteus" in last
    _, advised, _ = call(capsys, "advise", path)
    assert last.split(". ")[0] in advised
    _, text, _ = call(capsys, "session", path, "--preset", "full", "--length", "full", "--text")
    assert "has no time for" not in text


@pytest.mark.parametrize("name", ["desk_worker.bodymap", "runner.bodymap"])
def test_the_text_checklist_carries_the_warnings_and_holds_that_advise_prints(
    capsys, tmp_path: Path, name: str
) -> None:
    """A step's caution may say "if the heart warning applies, follow it now": the checklist
    prints every warning sign and every muscle held for a clinician, as advise does."""
    from bodymap.maps.verbs import add_spot, edit_spot

    tpm = load_map(EXAMPLES / name)
    op = add_spot(tpm, "front", 500.0, 300.0, "midline")  # the middle of the chest
    edit_spot(tpm, op.spot.id, intensity=8)
    arm = add_spot(tpm, "front", 370.0, 442.5, "right")  # a tingling forearm: held
    edit_spot(tpm, arm.spot.id, kind="tingling")
    path = tmp_path / name
    save_map(tpm, path)

    def said(*args: str) -> list[str]:
        status, out, err = call(capsys, *args)
        assert status == 0, err
        return [line for line in out.splitlines() if line.startswith(("Warning (", "Not rolled: "))]

    advised = said("advise", str(path))
    session = said("session", str(path), "--preset", "full", "--text")
    warnings = [line for line in session if line.startswith("Warning (")]
    assert warnings and warnings == [line for line in advised if line.startswith("Warning (")]
    held = [line for line in session if line.startswith("Not rolled: ")]
    assert held and set(held) <= set(advised)


@pytest.mark.parametrize(
    ("view", "x", "y"),
    [
        ("back", 500.0, 505.0),  # the tailbone: the pelvic floor is never rolled
        ("front", 480.0, 160.0),  # the front of the neck: pressed or rolled never
    ],
)
def test_the_text_checklist_names_what_is_never_rolled_with_its_cautions(
    capsys, tmp_path: Path, view: str, x: float, y: float
) -> None:
    """A session printed for the mat names the likely sources that are never rolled, what to
    do instead and their records' cautions (by a sore tailbone, "numbness around the back
    passage ... is an emergency"), line for line as `advise` prints them: the checklist left
    them out."""
    from bodymap.maps import TriggerPointMap
    from bodymap.maps.verbs import add_spot
    from bodymap.sides import side_for

    tpm = TriggerPointMap("Never rolled")
    add_spot(tpm, view, x, y, side_for(view, x))
    path = tmp_path / "never.bodymap"
    save_map(tpm, path)

    def never_rolled(*args: str) -> list[str]:
        """Each "Not rolled:" line of a muscle (not a held place) and the cautions under it."""
        status, out, err = call(capsys, *args)
        assert status == 0, err
        said: list[str] = []
        for line in out.splitlines():
            if line.startswith("Not rolled: ") or (said and line.startswith("  caution: ")):
                said.append(line)
            elif said and not said[-1].startswith("---"):
                said.append("---")
        return [line for line in said if line != "---"]

    advised = never_rolled("advise", str(path))
    assert any(line.startswith("  caution: ") for line in advised), advised
    assert never_rolled("session", str(path), "--preset", "full", "--text") == advised
