"""A running session: time passes only while running, skip/back/+15 s/stop do what the
mat's keys promise, and a step counts as done only once it has been rolled (at least half
its time on the point and around it), never for being skipped through."""

from __future__ import annotations

from bodymap.session import EXTRA_S, Phase, SessionPlan, SessionRun, SessionStep
from bodymap.session.runner import DONE_SHARE


def step(muscle: str, *seconds: int) -> SessionStep:
    kinds = ("setup", "on_point", "around", "switch")
    phases = tuple(Phase(k, s, f"{k} text") for k, s in zip(kinds, seconds, strict=False))
    return SessionStep(muscle, "right", muscle, "back", "ball", "seated", (0,), phases, (10, 30))


PLAN = SessionPlan("warmup", False, (step("a", 10, 10, 30, 5), step("b", 10, 10, 30)))


def test_time_passes_only_while_running() -> None:
    run = SessionRun(PLAN)
    assert run.tick(5) == 0 and run.remaining == 10
    run.start()
    assert run.tick(4) == 0 and run.remaining == 6
    run.toggle()
    assert not run.running and run.tick(100) == 0 and run.remaining == 6


def test_phases_follow_each_other_and_the_end_is_reached() -> None:
    run = SessionRun(PLAN)
    run.start()
    assert run.tick(12) == 1
    assert run.current is not None and run.current.phase.kind == "on_point"
    assert run.remaining == 8
    assert run.upcoming is not None and run.upcoming.phase.kind == "around"
    assert run.tick(PLAN.total_s) == 6
    assert run.finished and not run.running and run.steps_done == 2


def test_skip_back_and_more_time() -> None:
    run = SessionRun(PLAN)
    run.next()
    assert run.current is not None and run.current.phase.kind == "on_point"
    run.previous()
    assert run.current is not None and run.current.phase.kind == "setup"
    run.start()
    run.tick(5)
    run.previous()  # well begun: back to the start of the same phase
    assert run.index == 0 and run.remaining == 10
    run.add_time()
    assert run.remaining == 10 + EXTRA_S and run.phase_seconds == 10 + EXTRA_S


def test_stop_counts_only_the_steps_rolled() -> None:
    run = SessionRun(PLAN)
    run.start()
    run.tick(10 + 10 + 30 + 5)  # the whole of step a
    assert run.current is not None and run.current.step.muscle == "b"
    run.stop()
    assert run.finished and run.stopped and run.steps_done == 1
    run.start()
    assert not run.running


def test_skipping_through_every_phase_rolls_no_step() -> None:
    run = SessionRun(PLAN)
    run.start()
    while not run.finished:
        run.tick(0.5)
        run.next()
    assert run.steps_done == 0


def test_a_step_half_rolled_and_then_skipped_is_done_and_less_is_not() -> None:
    half = DONE_SHARE * (10 + 30)  # step a's time on the point and around it
    for rolled, done in ((half, 1), (half - 1, 0)):
        run = SessionRun(PLAN)
        run.next()  # already in position: the setup is skipped, which costs nothing
        run.start()
        run.tick(rolled)
        while run.current is not None and run.current.step.muscle == "a":
            run.next()
        run.stop()
        assert run.steps_done == done, rolled


def test_time_added_with_plus_counts_as_rolling() -> None:
    run = SessionRun(PLAN)
    run.next()  # to step a's time on the point
    run.add_time()
    run.start()
    run.tick(10 + EXTRA_S)  # the point, with its extra 15 s, and not a second around it
    assert run.current is not None and run.current.phase.kind == "around"
    run.stop()
    assert run.steps_done == (10 + EXTRA_S >= DONE_SHARE * 40)


def test_an_empty_plan_is_finished_from_the_start() -> None:
    run = SessionRun(SessionPlan("full", False, ()))
    assert run.finished and run.current is None and run.steps_done == 0


def test_sessions_this_week_counts_the_last_seven_days() -> None:
    from datetime import UTC, datetime, timedelta

    from bodymap.session import sessions_this_week

    now = datetime(2026, 3, 9, 12, tzinfo=UTC)
    starts = [now - timedelta(days=d) for d in (0, 1, 6.9, 7, 30)] + [now + timedelta(hours=1)]
    assert sessions_this_week(starts, now) == 3
    assert sessions_this_week([], now) == 0
