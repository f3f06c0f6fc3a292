"""Mat mode driven with a fake clock: start/pause, skip, back, +15 s, stop, a whole
warm-up to the end, and the check-in afterwards landing in the map as one undo step."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from bodymap.advisor import advise
from bodymap.atlas import load_atlas
from bodymap.knowledge import load_knowledge
from bodymap.maps import load_map
from bodymap.session import EXTRA_S, PRESETS, plan_session
from bodymap.ui.mat.clock import FakeClock
from bodymap.ui.mat.window import MIN_CAUTION_PX, MatWindow
from tests.test_cli import EXAMPLES, call
from tests.test_ui_window import _settings, make_window, trigger

__all__ = ["_settings"]  # the settings fixture, used by every test here
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

DESK = EXAMPLES / "desk_worker.bodymap"


def make_mat(qtbot, preset: str = "warmup", path: Path = DESK) -> tuple[MatWindow, FakeClock]:
    tpm = load_map(path)
    clock = FakeClock()
    mat = MatWindow(plan_session(advise(list(tpm.spots)), preset), tpm.spots, load_atlas(), clock)
    cues: list[int] = []  # not a closure over mat: no reference cycle keeps it alive
    mat.cue = lambda: cues.append(1)  # type: ignore[method-assign]
    mat.cues = cues  # type: ignore[attr-defined]
    qtbot.addWidget(mat)
    mat.resize(1920, 1080)
    mat.show()
    qtbot.waitExposed(mat)
    return mat, clock


def test_space_starts_and_pauses_and_time_runs_only_while_started(qtbot):
    mat, clock = make_mat(qtbot)
    first = mat.run.current
    assert first is not None and first.phase.kind == "setup"
    assert mat.ring.text == f"0:{first.phase.seconds:02d}"
    assert mat.buttons["toggle"].text() == "Start"
    clock.advance(5)
    assert mat.run.remaining == first.phase.seconds  # not started: nothing moves
    assert mat.started_at is None
    qtbot.keyClick(mat, Qt.Key.Key_Space)
    assert mat.started_at is not None and mat.started_at.tzinfo is not None
    assert mat.run.running and mat.buttons["toggle"].text() == "Pause"
    clock.advance(4, steps=8)
    assert mat.run.remaining == pytest.approx(first.phase.seconds - 4)
    assert mat.ring.text == f"0:{first.phase.seconds - 4:02d}"
    qtbot.keyClick(mat, Qt.Key.Key_Space)
    clock.advance(30)
    assert not mat.run.running and mat.buttons["toggle"].text() == "Resume"
    assert mat.run.remaining == pytest.approx(first.phase.seconds - 4)


def test_arrows_skip_and_go_back_with_a_flash_and_a_cue(qtbot):
    mat, _clock = make_mat(qtbot)
    with qtbot.waitSignal(mat.phaseChanged) as blocker:
        qtbot.keyClick(mat, Qt.Key.Key_Right)
    assert blocker.args == [1]
    assert mat.phase.text() == "On the point"
    assert (mat.flashes, len(mat.cues)) == (1, 1)  # type: ignore[attr-defined]
    qtbot.keyClick(mat, Qt.Key.Key_Left)
    assert mat.phase.text() == "Get into position" and mat.flashes == 2


def test_plus_adds_fifteen_seconds_to_the_phase(qtbot):
    mat, _clock = make_mat(qtbot)
    before = mat.run.remaining
    words, name = mat.instruction.text(), mat.phase.text()
    qtbot.keyClick(mat, Qt.Key.Key_Plus)
    assert mat.run.remaining == before + EXTRA_S
    assert mat.ring.text == f"0:{int(before) + EXTRA_S:02d}"
    # the phase's words keep their planned time, so the added time is said beside its
    # name: after a switch's words ("Next: …") it read as the next step's (a walk's finding)
    assert mat.phase.text() == f"{name} (+{EXTRA_S} s)"
    assert mat.instruction.text() == words
    qtbot.keyClick(mat, Qt.Key.Key_Right)  # the next phase starts with nothing added
    assert f"(+{EXTRA_S} s)" not in mat.phase.text()


def test_a_phase_ends_by_itself_and_says_what_comes_next(qtbot):
    mat, clock = make_mat(qtbot)
    ref = mat.run.current
    assert ref is not None
    assert mat.next_up.text().startswith("Next: On the point")
    mat.toggle()
    with qtbot.waitSignal(mat.phaseChanged):
        clock.advance(ref.phase.seconds + 0.5, steps=4)
    assert mat.phase.text() == "On the point" and len(mat.cues) == 1  # type: ignore[attr-defined]


def test_a_whole_warm_up_runs_to_the_end(qtbot):
    mat, clock = make_mat(qtbot)
    plan = mat.plan
    changes = len(mat.run.phases) - 1
    mat.toggle()
    with qtbot.waitSignal(mat.ended) as blocker:
        clock.advance(plan.total_s + 1, steps=(plan.total_s + 1) * 2)
    assert blocker.args == [False]
    assert mat.run.steps_done == len(plan.steps)
    assert mat.flashes == changes + 1  # every phase change and the end
    assert mat.title.text() == "Well done"
    assert mat.instruction.text() == "How do the spots feel now?"


def test_escape_stops_and_counts_only_finished_steps(qtbot):
    mat, _clock = make_mat(qtbot)
    with qtbot.waitSignal(mat.ended) as blocker:
        qtbot.keyClick(mat, Qt.Key.Key_Escape)
    assert blocker.args == [True]
    assert mat.run.steps_done == 0 and mat.title.text() == "Session stopped"
    qtbot.keyClick(mat, Qt.Key.Key_Space)
    assert not mat.run.running
    assert mat.buttons["stop"].text() == "Close" and not mat.ring.isVisible()
    assert mat.hints.text() == "Esc  close"  # not the step keys, which do nothing now
    qtbot.keyClick(mat, Qt.Key.Key_Escape)  # on the end page Esc closes the window
    assert not mat.isVisible()


def test_the_countdown_is_big_enough_to_read_from_the_floor(qtbot):
    mat, _clock = make_mat(qtbot)
    # On a full-HD screen the ring's digits are 30 % of its side: over 100 px tall,
    # legible at 3 m (about 2.5 cm letters).
    assert min(mat.ring.width(), mat.ring.height()) * 0.3 >= 100
    assert mat.title.font().pixelSize() >= 70


def test_the_session_from_the_menu_ends_in_one_undoable_check_in(qtbot, tmp_path, monkeypatch):
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    tpm = window.document.map
    before = len(tpm.history)
    sessions = len(tpm.sessions)
    clock = FakeClock()
    window.mat.full_screen = False
    window.mat.clock = clock
    monkeypatch.setattr(window.mat, "ask_preset", lambda: ("warmup", False))
    answers = {spot.id: max(0, spot.intensity - 1) for spot in tpm.spots}
    asked: list[str] = []

    def ask_check_in(map_, parent):
        asked.append(map_.name)
        return answers

    monkeypatch.setattr(window.mat, "ask_check_in", ask_check_in)
    assert window.acts.mat_session.isEnabled()
    trigger(window, "mat_session")
    mat = window.mat.current
    assert mat is not None and mat.isVisible()
    mat.cue = lambda: None  # type: ignore[method-assign]
    mat.toggle()
    clock.advance(20, steps=40)
    assert mat.run.steps_done == 0
    clock.advance(20, steps=40)  # the first step's last phase is reached at 35 s
    with qtbot.waitSignal(window.mat.finished):
        qtbot.keyClick(mat, Qt.Key.Key_Escape)
    assert asked == [tpm.name]
    assert len(tpm.history) == before + 1
    assert tpm.history[-1].intensities == answers
    assert tpm.history[-1].note == "after a warm-up session (stopped early)"
    assert len(tpm.sessions) == sessions + 1
    record = tpm.sessions[-1]
    assert (record.preset, record.duration_s, record.steps_done) == ("warmup", 40, 1)
    assert mat_started(record.start)
    assert window.document.undo_stack.undoText() == "Mat session"
    assert window.panel.sessions_label.text() == "1 mat session this week"
    assert window.panel.sessions_label.isVisibleTo(window.panel)
    trigger(window, "undo")  # one step takes back the check-in and the session
    assert len(tpm.history) == before and len(tpm.sessions) == sessions
    assert not window.panel.sessions_label.isVisibleTo(window.panel)
    assert window.mat.current is None


def mat_started(start) -> bool:
    """A session start stored a moment ago, in UTC."""
    from datetime import UTC, datetime, timedelta

    return start.tzinfo is not None and datetime.now(UTC) - start < timedelta(minutes=5)


def test_a_whole_warm_up_from_the_window_is_stored_with_its_steps(qtbot, tmp_path, monkeypatch):
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    tpm = window.document.map
    window.mat.full_screen = False
    monkeypatch.setattr(
        window.mat, "ask_check_in", lambda map_, parent: {s.id: s.intensity for s in map_.spots}
    )
    clock = FakeClock()
    mat = window.mat.start("warmup", False, clock)
    mat.cue = lambda: None  # type: ignore[method-assign]
    total = mat.plan.total_s
    qtbot.keyClick(mat, Qt.Key.Key_Space)
    with qtbot.waitSignal(window.mat.finished):
        clock.advance(total + 2, steps=(total + 2) * 4)
    record = tpm.sessions[-1]
    assert record.steps_done == len(mat.plan.steps)
    assert abs(record.duration_s - total) <= 1
    assert tpm.history[-1].note == "after a warm-up session"
    window.show_history()
    plot = window.history_dialog.plot
    plot.grab()
    assert plot.sessions_drawn == 1


def test_a_session_never_started_leaves_the_map_alone(qtbot, tmp_path, monkeypatch):
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    window.mat.full_screen = False
    asked: list[bool] = []
    monkeypatch.setattr(window.mat, "ask_check_in", lambda map_, parent: asked.append(True))
    mat = window.mat.start("cooldown", False, FakeClock())
    with qtbot.waitSignal(window.mat.finished):
        qtbot.keyClick(mat, Qt.Key.Key_Escape)
    assert asked == [] and not window.document.is_modified()


def test_a_cancelled_check_in_still_stores_the_session(qtbot, tmp_path, monkeypatch):
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    tpm = window.document.map
    before = len(tpm.history)
    window.mat.full_screen = False
    monkeypatch.setattr(window.mat, "ask_check_in", lambda map_, parent: None)
    clock = FakeClock()
    mat = window.mat.start("bedtime", True, clock)
    mat.cue = lambda: None  # type: ignore[method-assign]
    mat.toggle()
    clock.advance(70)
    with qtbot.waitSignal(window.mat.finished):
        mat.stop()
    assert len(tpm.history) == before
    assert [(r.preset, r.duration_s) for r in tpm.sessions] == [("bedtime", 70)]
    trigger(window, "undo")
    assert tpm.sessions == () and not window.document.is_modified()


def test_screenshot_in_mat_mode(capsys, tmp_path):
    out = tmp_path / "mat.png"
    status, printed, _ = call(capsys, "screenshot", str(out), str(DESK), "--mat-mode")
    assert status == 0 and printed == f"wrote {out}\n"
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    status, _, err = call(capsys, "screenshot", str(out), "--mat-mode")
    assert status == 2 and "needs a map" in err


def test_closing_the_mat_window_counts_as_stopping(qtbot, tmp_path, monkeypatch):
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    window.mat.full_screen = False
    asked: list[bool] = []
    monkeypatch.setattr(window.mat, "ask_check_in", lambda map_, parent: asked.append(True))
    clock = FakeClock()
    mat = window.mat.start("cooldown", False, clock)
    mat.cue = lambda: None  # type: ignore[method-assign]
    mat.toggle()
    clock.advance(61)
    with qtbot.waitSignal(window.mat.finished):
        mat.close()
    assert asked == [True] and window.mat.current is None
    assert window.document.map.sessions[-1].preset == "cooldown"


def test_the_guide_printed_after_a_session_carries_its_checklist(qtbot, tmp_path, monkeypatch):
    from bodymap.ui.printing import guide

    window, dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    window.mat.full_screen = False
    written: list[dict[str, str]] = []
    monkeypatch.setattr(guide, "write_guide_pdf", lambda tpm, path, **kw: written.append(kw))
    dialogs.export_path = tmp_path / "guide.pdf"
    trigger(window, "export_guide")
    monkeypatch.setattr(window.mat, "ask_check_in", lambda map_, parent: None)
    mat = window.mat.start("cooldown", False, FakeClock())
    mat.cue = lambda: None  # type: ignore[method-assign]
    with qtbot.waitSignal(window.mat.finished):
        mat.stop()
    trigger(window, "export_guide")
    assert [w.get("session") for w in written] == [None, "cooldown"]


def test_keeping_the_screen_awake_is_asked_and_given_back(qtbot, monkeypatch):
    from bodymap.ui.mat.awake import ScreenAwake

    calls: list[str] = []

    def hold(self, reason="") -> bool:
        calls.append("hold")
        self.cookie = 7
        return True

    def release(self) -> None:
        calls.append("release")
        self.cookie = None

    monkeypatch.setattr(ScreenAwake, "hold", hold)
    monkeypatch.setattr(ScreenAwake, "release", release)
    mat, _clock = make_mat(qtbot)
    mat.toggle()
    mat.stop()
    assert calls == ["hold", "release"]


def test_without_a_desktop_bus_the_screen_request_is_a_quiet_no(monkeypatch):
    from bodymap.ui.mat.awake import ScreenAwake

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    awake = ScreenAwake()
    assert awake.hold() is False and awake.cookie is None
    awake.release()  # nothing held, nothing to give back
    assert awake.cookie is None


def test_the_preset_chooser_lists_each_preset_with_its_length(qtbot):
    from bodymap.ui.window.mat_session import PresetDialog

    dialog = PresetDialog(load_map(DESK))
    qtbot.addWidget(dialog)
    assert dialog.choice() == ("warmup", False)
    texts = {name: button.text() for name, button in dialog._buttons.items()}
    assert texts["warmup"].startswith("Warm-up (2:")
    assert all(button.isEnabled() for button in dialog._buttons.values())
    dialog._buttons["bedtime"].setChecked(True)
    dialog.beginner.setChecked(True)
    assert dialog.choice() == ("bedtime", True)


def test_the_preset_chooser_names_what_no_session_rolls(qtbot):
    """A sore tailbone: the sessions roll the buttocks, and the pelvic floor, which the
    advice says not to press, is named before any session starts, with where to read what
    to do instead (a session alone left it unsaid); the plan's JSON carries it too. A map
    whose likely sources are all rolled shows no such line."""
    from bodymap.maps import TriggerPointMap, add_spot
    from bodymap.ui.window.mat_session import PresetDialog

    tpm = TriggerPointMap("Tailbone")
    add_spot(tpm, "back", 500.0, 505.0, "midline")
    dialog = PresetDialog(tpm)
    qtbot.addWidget(dialog)
    assert dialog.choice() is not None
    text = dialog.not_rolled.text()
    assert not dialog.not_rolled.isHidden()
    assert text.startswith("Not rolled in any session (the advice says what to do instead): ")
    assert "Levator ani (pelvic floor)" in text and "Coccygeus (pelvic floor)" in text
    advice = advise(list(tpm.spots))
    plan = plan_session(advice, "full")
    assert plan.to_json()["not_rolled"] == list(plan.not_rolled)
    assert len(plan.not_rolled) == len(advice.routine.not_rolled)
    assert not {s.muscle for s in plan.steps} & {n.muscle for n in advice.routine.not_rolled}
    runner = load_map(EXAMPLES / "runner.bodymap")
    assert not advise(list(runner.spots)).routine.not_rolled  # every likely source rolled
    chooser = PresetDialog(runner)
    qtbot.addWidget(chooser)
    assert chooser.not_rolled.isHidden() and chooser.not_rolled.text() == ""


def test_an_empty_map_offers_no_session(qtbot):
    from bodymap.maps import TriggerPointMap
    from bodymap.ui.window.mat_session import PresetDialog

    dialog = PresetDialog(TriggerPointMap("Nothing yet"))
    qtbot.addWidget(dialog)
    assert dialog.choice() is None
    assert not any(button.isEnabled() for button in dialog._buttons.values())


def say_no_until_a_step_goes(qtbot, window) -> tuple[str, str]:
    """Answer "No" with the panel's press-test buttons, question by question (undoing
    each that changes nothing), until one drops its muscle from the panel's routine."""
    for index in range(len(window.panel.press_box.rows)):
        row = window.panel.press_box.rows[index]
        muscle, side = row.question.muscle, row.question.side
        qtbot.mouseClick(row.buttons["no"], Qt.MouseButton.LeftButton)
        assert window.document.map.answers
        routine = window.panel.advice.routine.steps
        if (muscle, side) not in {(s.muscle, s.side) for s in routine}:
            return muscle, side
        trigger(window, "undo")
    raise AssertionError("no press-test answer drops a step from the desk worker's routine")


def session_steps(window, monkeypatch, preset: str = "full") -> set[tuple[str, str]]:
    """Start a mat session from the menu and return the (muscle, side) it times."""
    monkeypatch.setattr(window.mat, "ask_preset", lambda: (preset, False))
    window.mat.full_screen = False
    window.mat.clock = FakeClock()
    trigger(window, "mat_session")
    mat = window.mat.current
    assert mat is not None and mat.isVisible()
    timed = {(s.muscle, s.side) for s in mat.plan.steps if s.seconds > 0}
    mat.close()
    return timed


def test_mat_mode_leaves_out_what_a_press_answer_took_out_of_the_routine(
    qtbot, tmp_path, monkeypatch
):
    """The mat session follows the panel's routine, press-test answers included: after a
    "No" drops a muscle from the routine, the session does not time it; after undoing the
    answer, it does."""
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    before = session_steps(window, monkeypatch)
    muscle, side = say_no_until_a_step_goes(qtbot, window)
    assert (muscle, side) in before
    after = session_steps(window, monkeypatch)
    assert (muscle, side) not in after
    rolled = {(s.muscle, s.side) for s in window.panel.advice.routine.steps}
    assert after <= rolled  # nothing timed that the panel's routine does not list
    trigger(window, "undo")
    assert not window.document.map.answers
    assert (muscle, side) in session_steps(window, monkeypatch)


def test_the_preset_chooser_times_the_routine_with_its_answers(qtbot, tmp_path, monkeypatch):
    from bodymap.ui.mat.ring import clock_text
    from bodymap.ui.window.mat_session import PresetDialog

    def lengths() -> dict[str, str]:
        dialog = PresetDialog(window.document.map, window, window.panel.length)
        qtbot.addWidget(dialog)
        texts = {name: button.text() for name, button in dialog._buttons.items()}
        for name, text in texts.items():  # the length of the session Start would run
            assert f"({clock_text(window.mat.plan(name).total_s)})" in text, (name, text)
        return texts

    def steps() -> dict[str, list[tuple[str, str]]]:
        return {name: [(s.muscle, s.side) for s in window.mat.plan(name).steps] for name in PRESETS}

    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)  # (on the runner's map a "no" only lowers the spot's part)
    lengths()
    before = steps()
    say_no_until_a_step_goes(qtbot, window)
    assert steps() != before  # the answer changed what some session would run
    lengths()  # and the chooser times that session, not the one before the answer


def test_a_session_with_nothing_to_roll_says_why_not_well_done(qtbot, tmp_path, monkeypatch):
    """A map whose only spot is a tingling calf holds every muscle there for a clinician's
    word: the mat session has no step, and says so in the clinician-first words, never
    "Well done" or "mark a sore spot first"."""
    from bodymap.advisor import PainSpot
    from tests.test_safety_press import write_map

    path = write_map(tmp_path / "calf.bodymap", [PainSpot("back", 549, 800, 6, "tingling")])
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(path)
    window.mat.full_screen = False
    mat = window.mat.start("full", False, FakeClock())
    assert mat.plan.steps == ()
    assert mat.title.text() == "Nothing to roll"
    assert mat.instruction.text().startswith("Check with a clinician first")
    assert "mark a sore spot" not in mat.instruction.text()
    mat.close()


def test_mat_mode_shows_each_steps_cautions(qtbot, tmp_path, monkeypatch):
    """While a step is rolled its cautions and stop rules show under the instruction (a
    back with a tingling leg: the stop rule beside the spine)."""
    from bodymap.advisor import PainSpot
    from bodymap.knowledge import load_knowledge
    from tests.test_safety_press import write_map

    spots = [PainSpot("back", 525, 390, 5), PainSpot("back", 549, 800, 6, "tingling")]
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(write_map(tmp_path / "backleg.bodymap", spots))
    window.mat.full_screen = False
    mat = window.mat.start("full", False, FakeClock())
    step = mat.run.current.step
    assert step.cautions and mat.cautions.isVisibleTo(mat)
    assert all(f"⚠ {c}" in mat.cautions.text() for c in step.cautions)
    assert load_knowledge().beside_spine_caution in mat.cautions.text()
    mat.close()


def _longest_cautions_step():
    """The plan and step with the longest cautions among the example maps and a spot on the
    spine at the neck (the thoracic erector spinae: the muscle's three cautions, the neck's
    and the spine's zone notes)."""
    from bodymap.advisor import PainSpot

    atlas = load_atlas()
    maps = [list(load_map(path).spots) for path in sorted(EXAMPLES.glob("*.bodymap"))]
    maps.append([PainSpot("back", 510, 150, 6)])
    candidates = [advise(spots, atlas, length="full") for spots in maps]
    plans = [plan_session(advice, "full") for advice in candidates]
    return max(
        ((plan, index) for plan in plans for index in range(len(plan.steps))),
        key=lambda pair: sum(len(c) for c in pair[0].steps[pair[1]].cautions),
    )


@pytest.mark.parametrize("size", [(1600, 1000), (1280, 800)])
def test_every_caution_of_the_longest_step_shows_whole(qtbot, size):
    """The step with the longest cautions, in each phase: every label has the height its
    wrapped words need, and no two parts of the window overlap."""
    plan, index = _longest_cautions_step()
    step = plan.steps[index]
    # longer still, as steps were when they repeated a spot's zone notes in other words
    notes = [zone.text for zone in load_knowledge().cautions.values()]
    step = dataclasses.replace(step, cautions=(*step.cautions, *notes[:3]))
    plan = dataclasses.replace(plan, steps=(*plan.steps[:index], step, *plan.steps[index + 1 :]))
    assert sum(len(c) for c in step.cautions) > 900 and len(step.cautions) >= 4
    mat = MatWindow(plan, (), load_atlas(), FakeClock())
    qtbot.addWidget(mat)
    mat.resize(*size)
    mat.show()
    qtbot.waitExposed(mat)
    while mat.run.current is not None and mat.run.current.step_index < index:
        mat.next()
    phases = 0
    while mat.run.current is not None and mat.run.current.step_index == index:
        QApplication.processEvents()
        assert mat.cautions.text() == "\n".join(f"⚠ {c}" for c in step.cautions)
        assert mat.cautions.font().pixelSize() >= MIN_CAUTION_PX
        for label in (mat.title, mat.phase, mat.instruction, mat.cautions):
            assert label.isVisible()
            assert label.heightForWidth(label.width()) <= label.height(), label.objectName()
        parts = [mat.status, mat.title, mat.phase, mat.ring, mat.instruction, mat.cautions]
        parts += [mat.next_up, mat.crop, mat.hints, *mat.buttons.values()]
        boxes = [(w, QRect(w.mapTo(mat, QPoint(0, 0)), w.size())) for w in parts if w.isVisible()]
        for i, (one, box) in enumerate(boxes):
            assert mat.rect().contains(box), one.objectName()
            for other, other_box in boxes[i + 1 :]:
                assert not box.intersects(other_box), (one.objectName(), other.objectName())
        assert mat.ring.height() >= mat.ring.minimumHeight()
        phases += 1
        mat.next()
    assert phases >= 2


def test_a_step_with_short_cautions_keeps_the_largest_text(qtbot):
    mat, _clock = make_mat(qtbot)
    assert mat.run.current is not None and mat.run.current.step.cautions
    assert mat.text_size == 0 and mat.cautions.font().pixelSize() == int(1080 * 0.024)


def test_the_steps_left_out_for_time_are_named_before_the_start_and_at_the_end(qtbot):
    mat, _clock = make_mat(qtbot)
    left_out = mat.plan.left_out
    assert left_out, "the desk worker's warm-up has more steps than its time holds"
    words = f"Not in this session, for time: {'; '.join(left_out)}."
    assert words in mat.next_up.text()
    qtbot.keyClick(mat, Qt.Key.Key_Space)
    assert words not in mat.next_up.text()  # while rolling, only what comes next
    while mat.run.current is not None:
        mat.run.next()
    mat.refresh()
    assert mat.next_up.text() == words
    assert not any(title in mat.instruction.text() for title in left_out)


def test_an_answer_with_every_spot_left_out_stores_the_session_alone(qtbot, tmp_path, monkeypatch):
    """No reading, no check-in: the session is still kept (a check-in without a reading is
    refused by the map, and that refusal must not lose the session)."""
    window, _dialogs = make_window(qtbot, tmp_path, monkeypatch)
    window.document.open(DESK)
    tpm = window.document.map
    before = len(tpm.history)
    window.mat.full_screen = False
    monkeypatch.setattr(window.mat, "ask_check_in", lambda map_, parent: {})
    clock = FakeClock()
    mat = window.mat.start("warmup", False, clock)
    mat.cue = lambda: None  # type: ignore[method-assign]
    qtbot.keyClick(mat, Qt.Key.Key_Space)
    with qtbot.waitSignal(window.mat.finished):
        clock.advance(mat.plan.total_s + 2, steps=(mat.plan.total_s + 2) * 4)
    assert len(tpm.sessions) >= 1 and tpm.sessions[-1].preset == "warmup"
    assert len(tpm.history) == before
