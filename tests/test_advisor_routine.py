"""The rolling routine reads like guidance a person can follow on the mat."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodymap.advisor import advise
from bodymap.maps import load_map

EXAMPLES = Path(__file__).resolve().parent.parent / "assets" / "examples"


@pytest.mark.parametrize("name", ["desk_worker", "runner"])
def test_warmup_fits_two_to_three_minutes_in_round_numbers(name: str) -> None:
    routine = advise(load_map(EXAMPLES / f"{name}.bodymap").spots).routine
    assert routine.warmup
    total = sum(step.seconds for step in routine.warmup)
    assert 90 <= total <= 180
    assert all(step.seconds % 5 == 0 for step in routine.warmup)


@pytest.mark.parametrize("name", ["desk_worker", "runner"])
def test_steps_are_grouped_so_nobody_gets_up_and_down(name: str) -> None:
    steps = advise(load_map(EXAMPLES / f"{name}.bodymap").spots).routine.steps
    positions = [step.position for step in steps]
    seen: list[str] = []
    for position in positions:
        if not seen or seen[-1] != position:
            assert position not in seen, f"{position} comes back after another position"
            seen.append(position)


ANSWERS = {  # a tester's answers on the desk worker's map: a "yes" raises the best score
    "desk_worker": [
        (0, "upper_trapezius", "right", "no"),
        (0, "levator_scapulae", "right", "yes"),
        (2, "rhomboids", "right", "partly"),
    ],
    "runner": [(0, "gluteus_minimus", "right", "yes")],
}


@pytest.mark.parametrize("name", ["desk_worker", "runner"])
@pytest.mark.parametrize("answered", [False, True])
def test_every_listed_source_that_cannot_be_rolled_says_what_to_do_instead(
    name: str, answered: bool
) -> None:
    """A likely source that is shown but cannot be rolled (no tool, or no room clear of the
    caution zones) is always in "not rolled" with what to do instead, also when a press
    answer raised another source so far that it no longer earns a step: the desk worker's
    sternocleidomastoid, still listed fifth, lost its "do not roll the front of the neck"."""
    from bodymap.advisor import advise_map
    from bodymap.advisor.ranking import listed
    from bodymap.advisor.routine import not_rolled_here
    from bodymap.advisor.tables import tables_for
    from bodymap.atlas import load_atlas
    from bodymap.knowledge import load_knowledge
    from bodymap.maps.verbs import answer_press_test

    tpm = load_map(EXAMPLES / f"{name}.bodymap")
    if answered:
        for index, muscle, side, answer in ANSWERS[name]:
            answer_press_test(tpm, tpm.spots[index].id, muscle, side, answer)
    advice = advise_map(tpm)
    tables = tables_for(load_atlas(), load_knowledge())
    told = {(n.muscle, n.side) for n in advice.routine.not_rolled}
    stepped = {(s.muscle, s.side) for s in advice.routine.steps}
    unrollable = [
        s
        for s in listed(advice.sources)
        if (s.muscle, s.side) not in stepped
        and (
            load_knowledge().muscles[s.muscle].technique.tool == "none"
            or any(not_rolled_here(s.muscle, side, tables) for side in _sides(s.side))
        )
    ]
    assert unrollable or not answered or name != "desk_worker"
    for source in unrollable:
        assert (source.muscle, source.side) in told, (source.muscle, source.side)


def _sides(side: str) -> tuple[str, ...]:
    return ("right", "left") if side == "both" else (side,)
