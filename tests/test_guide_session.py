"""The printed guide carries the chosen session as a timed checklist: one line per step
with its start and end, the lines adding up to the plan's total."""

from __future__ import annotations

import itertools
import re

import pytest

from bodymap.advisor import PainSpot, advise
from bodymap.guide.session import session_checklist
from bodymap.knowledge import load_knowledge
from bodymap.maps import load_map
from bodymap.session import PRESET_NAMES, plan_session
from tests.test_cli import EXAMPLES, call


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_the_checklist_times_every_step_back_to_back(preset: str) -> None:
    plan = plan_session(advise(list(load_map(EXAMPLES / "runner.bodymap").spots)), preset)
    checklist = session_checklist(plan)
    assert checklist is not None
    assert len(checklist.lines) == len(plan.steps)
    spans = [re.match(r"(\d+):(\d\d)–(\d+):(\d\d)  ", line) for line in checklist.lines]
    assert all(spans)
    seconds = [(int(m[1]) * 60 + int(m[2]), int(m[3]) * 60 + int(m[4])) for m in spans if m]
    assert seconds[0][0] == 0 and seconds[-1][1] == plan.total_s
    assert all(a[1] == b[0] for a, b in itertools.pairwise(seconds))
    for step, line in zip(plan.steps, checklist.lines, strict=True):
        assert step.title in line
    for title in plan.left_out:
        assert title in checklist.note
    if plan.left_out:  # "Gluteus medius, right; Gastrocnemius, right": titles hold commas
        assert "; ".join(plan.left_out) + "." in checklist.note


def test_an_empty_plan_prints_no_checklist() -> None:
    assert session_checklist(plan_session(advise([]), "warmup")) is None


def test_a_both_sides_step_says_to_do_each_side() -> None:
    """A step for a muscle on both sides (for a spot on the spine) ends "on each side." in
    the printed checklist: without it the person would roll one side and leave the other
    untreated. A one-sided step says nothing of the kind."""
    spine, neck = PainSpot("back", 500.0, 400.0, 6), PainSpot("back", 560.0, 170.0, 5)
    plan = plan_session(advise([spine, neck]), "cooldown")
    checklist = session_checklist(plan)
    assert checklist is not None
    assert {"both", "right"} <= {step.side for step in plan.steps}
    muscles = load_knowledge().muscles
    for step, line in zip(plan.steps, checklist.lines, strict=True):
        # two balls either side of the spine work both sides at once: one pass, no "each"
        if step.side == "both" and not muscles[step.muscle].technique.both_sides:
            assert line.endswith(" on each side."), line
        else:
            assert "on each side" not in line, line


@pytest.mark.slow
def test_the_guide_pdf_gains_the_checklist(tmp_path) -> None:
    from bodymap.ui.printing.guide import write_guide_pdf

    tpm = load_map(EXAMPLES / "desk_worker.bodymap")
    plain = write_guide_pdf(tpm, tmp_path / "plain.pdf")
    timed = write_guide_pdf(tpm, tmp_path / "timed.pdf", session="cooldown")
    assert "session" not in [p.block.kind for p in plain.flow.placements]
    kinds = [p.block.kind for p in timed.flow.placements]
    assert timed.content.session is not None
    assert kinds.count("session") == len(timed.content.session.lines) > 0  # a block per line
    assert kinds[kinds.index("session") - 1] == "session_note"
    assert timed.content.session.title.startswith("Cool-down session")


@pytest.mark.slow
def test_guide_session_on_the_command_line(capsys, tmp_path) -> None:
    out = tmp_path / "guide.pdf"
    path = str(EXAMPLES / "runner.bodymap")
    status, printed, _ = call(capsys, "guide", path, "-o", str(out), "--session", "bedtime")
    assert status == 0 and out.stat().st_size > 1000 and printed == f"wrote {out}\n"
    status, _, err = call(capsys, "guide", path, "-o", str(out), "--session", "nap")
    assert status == 2 and "invalid choice" in err


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_a_session_for_exercise_takes_the_place_of_the_short_version(preset: str) -> None:
    """A warm-up or cool-down checklist is the before/after-exercise list: the guide does
    not print the routine's own short version beside it, with other muscles and times."""
    from bodymap.guide.content import guide_content_for
    from bodymap.session import PRESETS

    tpm = load_map(EXAMPLES / "desk_worker.bodymap")
    plain = guide_content_for(tpm)
    content = guide_content_for(tpm, session=preset)
    assert plain.quick_lines and content.session is not None
    exercise = preset in ("warmup", "cooldown")
    assert PRESETS[preset].for_exercise is exercise
    assert content.quick_lines == (() if exercise else plain.quick_lines)
